import type * as z from "zod";
import type { ChainStep } from "../align/align-chain.js";
import type { ItemReference } from "../align/types.js";
import type { AuditReport, Coverage, Finding, Severity } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { checkArguments } from "../model/input-error.js";
import { nothingLeftOut, type BatchReading } from "../model/batch-reading.js";
import { AuditFormatSchema } from "../model/options.js";
import { parseTarget } from "../targets/parse-target.js";
import { escapeHtml, htmlPage, markdownCell, markdownTable, terminalText, toCsv } from "./formats.js";
import { getLabels, type Labels } from "./labels.js";
import { describeReview } from "./describe-match.js";
import { targetCells, targetColumns, type TargetColumn } from "./item-table.js";
import { diffWords } from "./word-diff.js";

/**
 * Formats of audit reports: the four report formats, and `text`, a short summary for the terminal.
 *
 * @useDeclaredType
 */
export type AuditFormat = z.infer<typeof AuditFormatSchema>;

/**
 * Renders an audit report. JSON is the contract for other tools (docs/audit-report.schema.json); Markdown
 * is for reading; CSV opens in Excel; HTML is one self-contained page with the findings, each indicator's
 * targets level by level as a small chart, and matched items side by side with their word-level
 * differences; `text` is a short summary for the terminal. Labels follow the report's language.
 *
 * @throws InputError when the report does not match docs/audit-report.schema.json or the format is unknown
 * @example
 * const report = auditPlan(getBundledPlan("daixian"));
 * renderAudit(report, "text").split("\n")[0]; // "规划审计: 代县贯彻落实国家、省及市“十四五”应急体系规划实施方案"
 * const page = renderAudit(report, "html"); // the whole report as one self-contained page
 */
export function renderAudit(report: AuditReport, format: AuditFormat): string {
  checkArguments("renderAudit", { report: [AuditReportSchema, report], format: [AuditFormatSchema, format] });
  const labels = getLabels(report.lang);
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "text":
      return renderText(report, labels);
    case "md":
      return renderMarkdown(report, labels);
    case "csv":
      return renderFindingsCsv([report]);
    case "html":
      return htmlPage(title(report, labels), auditHtmlSections(report, "finding-"), report.lang, auditStyle);
  }
}

const severities: readonly Severity[] = ["error", "warning", "info"];
/** The findings reports for reading list: those folded under a missing group are shown with it. */
const readingFindings = (report: AuditReport) => report.findings.filter((finding) => finding.group === undefined);
const title = (report: AuditReport, labels: Labels) => `${labels.auditTitle}: ${report.subject.title}`;
const itemLine = (item: ItemReference | null) => (item === null ? "" : `${item.id} ${item.text}`);
/**
 * Where an item was read from when not the document itself, and what to know of it, in the report's language:
 * shown beside the quote as a note, never as part of it. Empty for an item quoted from the document.
 */
export function provenanceLine(item: ItemReference | null, labels: Labels, lang: AuditReport["lang"]): string {
  const provenance = item?.provenance;
  if (provenance === undefined) return "";
  const parts = [
    ...(provenance.note === undefined ? [] : [provenance.note[lang]]),
    ...(provenance.address === undefined ? [] : [labels.provenanceCopy.replace("{address}", `${provenance.address}${provenance.date === undefined ? "" : ` (${provenance.date})`}`)]),
  ];
  return labels.provenanceNote.replace("{note}", parts.join(labels.listSeparator));
}
/** The ancestor's item's text, and for a group missing whole the items folded under it. */
const referenceText = (finding: Finding, labels: Labels) =>
  `${finding.reference?.text ?? ""}${finding.items === undefined ? "" : ` — ${foldedLine(finding.items, labels)}`}`;
/** The ancestor's side of a finding: its item's id and text, with the folded items. */
const referenceLine = (finding: Finding, labels: Labels, lang: AuditReport["lang"]) => {
  if (finding.reference === null) return "";
  const note = provenanceLine(finding.reference, labels, lang);
  return `${finding.reference.id} ${referenceText(finding, labels)}${note === "" ? "" : ` (${note})`}`;
};
const foldedLine = (items: readonly ItemReference[], labels: Labels) =>
  `${labels.foldedItems.replace("{count}", String(items.length))}${items.map((item) => `${item.id} ${item.label}`).join(labels.listSeparator)}`;
/** The subject's side of a finding: its item, or for an unconfirmed one the candidates with their scores. */
const subjectLine = (finding: Finding, labels: Labels) =>
  finding.candidates === undefined ? itemLine(finding.subject) : candidatesLine(finding.candidates, labels);
const candidatesLine = (candidates: NonNullable<Finding["candidates"]>, labels: Labels) =>
  `${labels.candidatesColumn}: ${candidates.map((candidate) => `${candidate.subject.id} ${candidate.subject.label} (${candidate.score.toFixed(2)})`).join(labels.listSeparator)}`;

/** A level of a plan's chain as the summaries show it: its title, and whether it was skipped. */
export function chainLine(step: ChainStep, labels: Labels): string {
  return step.status === "skipped" ? `${step.reference.title} — ${labels.statusSkipped}` : step.reference.title;
}

/** A report's findings counted by severity, as one line. */
export function severityCounts(report: AuditReport, labels: Labels): string {
  return severities.map((severity) => `${labels.severity[severity]} ${report.summary.bySeverity[severity]}`).join(" · ");
}

/**
 * One line per ancestor: how many of its indicators, tasks and projects the plan carries, and how the rest
 * fare. A part of the ancestor not known whole says so; one not known at all is "not known", never "none".
 */
function coverageLines(report: AuditReport, labels: Labels): string[] {
  const words = labels.coverage;
  const part = (name: "indicators" | "tasks" | "projects", coverage: Coverage) => {
    const knownWhole = coverage.known === "complete" || coverage.known === "cut-off";
    if (coverage.total === 0) return `${words[name]} ${knownWhole ? words.none : words.unknown}`;
    const counts = (["total", "carried", "lowConfidence", "weaker", "unconfirmed", "missing", "beyondCut", "notApplicable"] as const)
      .filter((field) => field === "total" || field === "carried" || coverage[field] > 0)
      .map((field) => words[field].replace("{count}", String(coverage[field])));
    return `${words[name]}${labels.knownShort[coverage.known]} ${counts.join(words.separator)}`;
  };
  return report.summary.byAncestor.map((entry) => `${entry.plan.title}: ${(["indicators", "tasks", "projects"] as const).map((name) => part(name, entry[name])).join("; ")}`);
}

function renderText(report: AuditReport, labels: Labels): string {
  const lines = [title(report, labels), `${labels.chain}: ${report.chain.map((step) => chainLine(step, labels)).join(" → ")}`, ...coverageLines(report, labels), severityCounts(report, labels), ""];
  for (const finding of readingFindings(report).filter((candidate) => candidate.severity !== "info")) {
    lines.push(`${finding.severity === "error" ? "✗" : "!"} [${labels.findingKind[finding.kind]}] ${finding.message}`);
  }
  const info = report.summary.bySeverity.info;
  if (info > 0) lines.push("", labels.moreInfo.replace("{count}", String(info)));
  return terminalText(`${lines.join("\n")}\n`);
}

function renderMarkdown(report: AuditReport, labels: Labels): string {
  const listed = readingFindings(report);
  const lines = [
    `# ${markdownCell(title(report, labels))}`,
    "",
    `## ${labels.summary}`,
    "",
    `- ${labels.chain}: ${markdownCell(report.chain.map((step) => chainLine(step, labels)).join(" → "))}`,
    ...coverageLines(report, labels).map((line) => `- ${markdownCell(line)}`),
    `- ${severityCounts(report, labels)}`,
    "",
    `## ${labels.findings} (${listed.length})`,
    "",
  ];
  if (listed.length === 0) lines.push(labels.noFindings);
  else {
    lines.push(
      ...markdownTable(
        [labels.severityColumn, labels.kindFindingColumn, labels.message, labels.reference, labels.subject, labels.reviewColumn],
        listed.map((finding) => [
          labels.severity[finding.severity], labels.findingKind[finding.kind], finding.message,
          referenceLine(finding, labels, report.lang), subjectLine(finding, labels), describeReview(finding, labels),
        ]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The columns of findings in CSV, named for programs (stable whatever the language); docs/formats.md says what each holds. */
const findingColumns = [
  "finding_id", "audited_plan", "plan", "reference_plan", "reference_plan_title", "severity", "severity_label", "kind", "kind_label",
  "reference_id", "reference_text", "reference_quote", "reference_note", ...targetColumns("reference"), "subject_id", "subject_text", "subject_quote", ...targetColumns("subject"),
  "expected", "actual", "verdict", "score", "candidate_ids", "candidates", "review", "review_label", "message", "file",
] as const;

type FindingRow = Record<(typeof findingColumns)[number], string>;

/**
 * The findings of one or more audit reports as one CSV table, a row per finding: stable ids (kind,
 * severity, plans, items, verdict, review decision) beside the words in each report's language, and the
 * score of the match a finding rests on. What `audit --format csv` and `audit-all --format findings-csv` print;
 * for a batch, `reading` adds a row per file that could not be read (kind `unreadable`) or was skipped
 * (kind `skipped`), naming it in the column `file`, in the language of the first report.
 */
export function renderFindingsCsv(reports: readonly AuditReport[], reading: BatchReading = nothingLeftOut): string {
  const rows = reports.flatMap((report) => {
    const labels = getLabels(report.lang);
    return report.findings.map((finding) => {
      const row: FindingRow = {
        ...targetTexts("reference", finding.reference), ...targetTexts("subject", finding.subject),
        finding_id: finding.id, audited_plan: finding.auditedPlan.id, plan: finding.plan.id,
        reference_plan: finding.referencePlan?.id ?? "", reference_plan_title: finding.referencePlan?.title ?? "",
        severity: finding.severity, severity_label: labels.severity[finding.severity], kind: finding.kind, kind_label: labels.findingKind[finding.kind],
        reference_id: finding.reference?.id ?? "", reference_text: referenceText(finding, labels), reference_quote: finding.reference?.quote ?? "", reference_note: provenanceLine(finding.reference, labels, report.lang),
        subject_id: finding.subject?.id ?? "", subject_text: finding.subject?.text ?? "", subject_quote: finding.subject?.quote ?? "",
        expected: finding.expected ?? "", actual: finding.actual ?? "", verdict: finding.comparison?.verdict ?? "",
        score: finding.score === null ? "" : String(finding.score),
        candidate_ids: finding.candidates?.map((candidate) => candidate.subject.id).join(" ") ?? "",
        candidates: finding.candidates === undefined ? "" : candidatesLine(finding.candidates, labels),
        review: finding.review?.decision ?? "", review_label: describeReview(finding, labels), message: finding.message, file: "",
      };
      return findingColumns.map((column) => row[column]);
    });
  });
  return toCsv([[...findingColumns], ...rows, ...leftOutRows(reading, getLabels(reports[0]?.lang ?? "zh"))]);
}

/** An item's target cells as CSV text, empty where it has none. */
function targetTexts<Prefix extends "reference" | "subject">(prefix: Prefix, item: ItemReference | null): Record<TargetColumn<Prefix>, string> {
  const cells = Object.entries(targetCells(prefix, item?.target)).map(([column, value]) => [column, value === null ? "" : String(value)]);
  return Object.fromEntries(cells) as Record<TargetColumn<Prefix>, string>;
}

/** A findings row per input a batch left out: its kind, a severity (an unread file is an error, a skipped one is said), why, and the file. */
function leftOutRows(reading: BatchReading, labels: Labels): string[][] {
  const row = (kind: "unreadable" | "skipped", severity: Severity, file: string, reason: string) => {
    const cells: Partial<FindingRow> = { severity, severity_label: labels.severity[severity], kind, kind_label: labels.inputNotAudited[kind], message: reason, file };
    return findingColumns.map((column) => cells[column] ?? "");
  };
  return [
    ...reading.unreadable.map((input) => row("unreadable", "error", input.file, input.reason.join("\n"))),
    ...reading.skipped.map((input) => row("skipped", "info", input.file, input.reason)),
  ];
}

/** The styles of the audit's HTML sections, for a page that shows them. */
export const auditStyle = `
.badge { display: inline-block; padding: .1em .5em; border-radius: 1em; font-size: .85em; color: #fff; white-space: nowrap; }
.badge.error { background: #cf222e; } .badge.warning { background: #9a6700; } .badge.info { background: #57606a; }
.diff del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
.diff ins { background: #dafbe1; color: #116329; text-decoration: none; }
.chart { display: block; margin: .3rem 0 1rem; max-width: 100%; height: auto; overflow: visible; }
.note { margin: .2rem 0 0; font-size: .8em; color: #57606a; }
.chart text { font-size: 12px; fill: #1f2328; }
h3 { margin-bottom: .2rem; }
`;

/**
 * The body of an audit's HTML page: the summary, target charts, findings and side-by-side sections, every
 * text escaped. Each finding's row has the id `findingIdPrefix` and the finding's id, for links to it;
 * `audit-all`'s page shows every plan's audit with these sections (finding ids are unique in a batch).
 */
export function auditHtmlSections(report: AuditReport, findingIdPrefix: string): string {
  const labels = getLabels(report.lang);
  const badge = (severity: Severity) => `<span class="badge ${severity}">${escapeHtml(labels.severity[severity])}</span>`;
  const item = (reference: ItemReference | null) =>
    reference === null ? "" : `<span class="id">${escapeHtml(reference.id)}</span> ${escapeHtml(reference.text)}<blockquote>${escapeHtml(reference.quote)}</blockquote>${provenanceHtml(reference, labels, report.lang)}`;
  const summary = `<h2>${escapeHtml(labels.summary)}</h2>
<p>${escapeHtml(labels.chain)}: ${escapeHtml(report.chain.map((step) => chainLine(step, labels)).join(" → "))}</p>
<ul>${coverageLines(report, labels).map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>
<p>${severities.map((severity) => `${badge(severity)} ${report.summary.bySeverity[severity]}`).join(" &nbsp; ")}</p>`;
  const listed = readingFindings(report);
  const findings = `<h2>${escapeHtml(labels.findings)} (${listed.length})</h2>
${listed.length === 0 ? `<p>${escapeHtml(labels.noFindings)}</p>` : `<table>
<thead><tr><th>${escapeHtml(labels.severityColumn)}</th><th>${escapeHtml(labels.kindFindingColumn)}</th><th>${escapeHtml(labels.message)}</th><th>${escapeHtml(labels.reference)}</th><th>${escapeHtml(labels.subject)}</th></tr></thead>
<tbody>
${listed.map((finding) => `<tr id="${escapeHtml(`${findingIdPrefix}${finding.id}`)}"><td>${badge(finding.severity)}</td><td>${escapeHtml(labels.findingKind[finding.kind])}${finding.review === undefined ? "" : `<span class="review">${escapeHtml(describeReview(finding, labels))}</span>`}</td><td>${escapeHtml(finding.message)}</td><td>${item(finding.reference)}${finding.items === undefined ? "" : `<p>${escapeHtml(foldedLine(finding.items, labels))}</p>`}</td><td>${finding.candidates === undefined ? item(finding.subject) : escapeHtml(candidatesLine(finding.candidates, labels))}</td></tr>`).join("\n")}
</tbody>
</table>`}`;
  return [summary, targetCharts(report, labels), findings, sideBySide(report, labels)].join("\n");
}

interface TargetLevel {
  plan: string;
  target: string;
  verdict?: Finding["comparison"];
  unverified?: boolean;
}

/**
 * For each indicator of the subject with a target finding, its targets from the top level down to it;
 * indicators in the order of their first finding, so weaker targets come first.
 */
function targetChains(report: AuditReport): Array<{ subject: ItemReference; levels: TargetLevel[] }> {
  const chains = new Map<string, { subject: ItemReference; levels: TargetLevel[]; actual: string }>();
  for (const finding of report.findings) {
    if (!finding.kind.endsWith("-target") || finding.subject === null || finding.referencePlan === null) continue;
    const entry = chains.get(finding.subject.id) ?? { subject: finding.subject, levels: [], actual: finding.actual ?? "" };
    // Findings come nearest ancestor first; the chart reads from the top level down.
    entry.levels.unshift({ plan: finding.referencePlan.title, target: finding.expected ?? "", verdict: finding.comparison, unverified: finding.unverified === true });
    chains.set(finding.subject.id, entry);
  }
  return [...chains.values()].map(({ subject, levels, actual }) => ({ subject, levels: [...levels, { plan: report.subject.title, target: actual }] }));
}

function targetCharts(report: AuditReport, labels: Labels): string {
  const chains = targetChains(report);
  if (chains.length === 0) return "";
  return `<h2>${escapeHtml(labels.targetChains)}</h2>\n${chains.map(({ subject, levels }) => `<h3>${escapeHtml(subject.label)}</h3>\n${chart(levels, labels)}`).join("\n")}`;
}

const verdictColour = { stronger: "#1a7f37", equal: "#57606a", weaker: "#cf222e", incomparable: "#9a6700" } as const;

/** A small bar chart of one indicator's targets, top level first; bars only where all values compare. */
function chart(levels: readonly TargetLevel[], labels: Labels): string {
  const parsed = levels.map((level) => parseTarget(level.target).targets[0]);
  const first = parsed[0];
  const comparable = first !== undefined && parsed.every((target) => target !== undefined && target.kind === first.kind && target.measure === first.measure && target.unit === first.unit);
  const max = Math.max(...parsed.map((target) => target?.base ?? 0));
  const rowHeight = 24;
  const labelWidth = 300;
  const barWidth = 260;
  const subjectVerdict = levels.at(-2)?.verdict?.verdict;
  let right = 0;
  const rows = levels.map((level, index) => {
    const y = index * rowHeight;
    const target = parsed[index];
    const isSubject = index === levels.length - 1;
    const colour = isSubject && subjectVerdict !== undefined ? verdictColour[subjectVerdict] : "#8c959f";
    const width = comparable && target !== undefined && max > 0 ? Math.max(2, (target.base / max) * barWidth) : 0;
    const bar = width > 0 ? `<rect x="${labelWidth}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${colour}" rx="2"/>` : "";
    const verdict = `${level.verdict === undefined ? "" : ` · ${labels.verdict[level.verdict.verdict]}`}${level.unverified === true ? ` ${labels.unverifiedNote.trim()}` : ""}`;
    const value = `${level.target}${isSubject ? "" : verdict}`;
    right = Math.max(right, labelWidth + width + 6 + textWidth(value));
    return `<text x="0" y="${y + 16}">${escapeHtml(truncate(level.plan, 22))}</text>${bar}<text x="${labelWidth + width + 6}" y="${y + 16}">${escapeHtml(value)}</text>`;
  });
  const height = levels.length * rowHeight;
  // As wide as its longest value, so that no label is cut off; the page scales it down to fit (auditStyle).
  const chartWidth = Math.ceil(Math.max(labelWidth + barWidth + 160, right + 12));
  return `<svg class="chart" role="img" aria-label="${escapeHtml(levels.map((level) => `${level.plan}: ${level.target}`).join("; "))}" width="${chartWidth}" height="${height}" viewBox="0 0 ${chartWidth} ${height}">${rows.join("")}</svg>`;
}

/**
 * The width of a chart's text at 12px, a little over: 12px for a character past Latin (Chinese, full-width
 * and CJK fonts' punctuation), 7.5px for the rest (more than a Latin letter or digit takes). An SVG cannot
 * size itself to its text without a script, which the page's policy forbids.
 */
function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += (character.codePointAt(0) ?? 0) >= 0x1100 ? 12 : 7.5;
  return width;
}

function provenanceHtml(item: ItemReference, labels: Labels, lang: AuditReport["lang"]): string {
  const line = provenanceLine(item, labels, lang);
  return line === "" ? "" : `<p class="note">${escapeHtml(line)}</p>`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function sideBySide(report: AuditReport, labels: Labels): string {
  const parts = report.chain.flatMap((step) => {
    if (step.status === "skipped") return [`<h3>${escapeHtml(step.reference.title)}</h3><p class="skipped">${escapeHtml(`${labels.statusSkipped}: ${labels.skipped[step.reason]}`)}</p>`];
    const rows = step.alignment.matches.map((match) => {
      const diff = diffWords(match.reference.text, match.subject.text)
        .map((part) => (part.type === "same" ? escapeHtml(part.text) : part.type === "removed" ? `<del>${escapeHtml(part.text)}</del>` : `<ins>${escapeHtml(part.text)}</ins>`))
        .join("");
      const review = match.review === undefined ? "" : `<span class="review">${escapeHtml(describeReview(match, labels))}</span>`;
      return `<tr><td>${escapeHtml(labels.kind[match.kind])}${review}</td><td><span class="id">${escapeHtml(match.reference.id)}</span> ${escapeHtml(match.reference.text)}<blockquote>${escapeHtml(match.reference.quote)}</blockquote>${provenanceHtml(match.reference, labels, report.lang)}</td><td><span class="id">${escapeHtml(match.subject.id)}</span> ${escapeHtml(match.subject.text)}<blockquote>${escapeHtml(match.subject.quote)}</blockquote></td><td class="diff">${diff}</td><td class="score">${match.score.toFixed(2)}</td></tr>`;
    });
    return [`<h3>${escapeHtml(step.reference.title)}</h3>
<table>
<thead><tr><th>${escapeHtml(labels.kindColumn)}</th><th>${escapeHtml(labels.reference)}</th><th>${escapeHtml(labels.subject)}</th><th>${escapeHtml(labels.difference)}</th><th>${escapeHtml(labels.score)}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`];
  });
  return `<h2>${escapeHtml(labels.sideBySide)}</h2>\n${parts.join("\n")}`;
}
