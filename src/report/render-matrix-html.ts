import type { ComplianceMatrix, MatrixCell, MatrixVerdict } from "../corpus/compliance-matrix.js";
import type { AuditReport, Finding, Severity } from "../findings/types.js";
import type { BatchReading } from "../model/batch-reading.js";
import { knownParts, type Plan } from "../model/plan.js";
import { escapeHtml, htmlPage } from "./formats.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";
import { auditHtmlSections, auditStyle } from "./render-audit.js";
import { batchReadingHtml } from "./render-batch.js";
import { version } from "../model/version.js";

// `audit-all`'s HTML page, the one a bureau hands on: who made it when and how, the compliance matrix with
// each plan's totals, and every plan's own audit with its evidence, as `audit --format html` shows it.

/** What the compliance matrix's HTML page is told beside the audits; every field may be left out. */
export interface MatrixPageOptions {
  /**
   * The plans audited and the plans above them: columns are headed by the plans' places, and plans known
   * only in part (a cut-off copy, an outline) are marked. Without its plan, a column is headed by its title.
   */
  plans?: readonly Plan[];
  /** The day the page was made, YYYY-MM-DD, shown in its header; without it none is, so that the same audits give the same page. */
  date?: string;
  /** The command-line options given, as [option, value] pairs (value empty for a flag), shown with the settings the audits used. */
  options?: ReadonlyArray<readonly [string, string]>;
}

const verdictColour: Readonly<Record<MatrixVerdict, string>> = {
  carried: "#dafbe1", equal: "#dafbe1", stronger: "#aceebb", weaker: "#ffcecb", missing: "#ff8182",
  unconfirmed: "#fff1a8", "low-confidence": "#f5f0c0", "not-applicable": "#eaeef2", "cannot-judge": "#d8dee4",
};

const severities: readonly Severity[] = ["error", "warning", "info"];

/** Past a dozen plans, cells show a symbol and headers stand upright, so that a province's hundred plans fit a screen. */
const compactFrom = 12;

type Extent = "cut-off" | "outline" | "unknown";

/**
 * How much of a plan is known when it is not the whole, with a sentence saying so; undefined for a whole
 * plan. The one place this page judges it, from the plan's `content`, `knownParts` and `completeness` and, for a plan
 * audited, its audit's finding that the copy is cut off (which says where, in the report's language).
 */
function partlyKnown(plan: Plan | undefined, report: AuditReport | undefined, labels: Labels): { extent: Extent; note: string } | undefined {
  const notes = labels.batchPage.extentNote;
  const cut = report?.findings.find((finding) => finding.kind === "incomplete-document");
  if (cut !== undefined) return { extent: "cut-off", note: cut.message };
  if (plan === undefined) return undefined;
  if (plan.content === "partial") return { extent: "cut-off", note: notes["cut-off"].replace("{endsWith}", plan.completeness?.endsWith ?? "…") };
  const known = knownParts(plan);
  const parts = (["indicators", "tasks", "projects"] as const).filter((part) => known[part] !== "complete");
  if (parts.length === 0) return undefined;
  if (parts.length === 3 && parts.every((part) => known[part] === "unknown")) return { extent: "unknown", note: notes.unknown };
  // Which parts are known how (任务：只知分组标题…), so that a reader sees what the rows below can and cannot say.
  const page = labels.batchPage;
  const each = parts.map((part) => page.partKnown.replace("{part}", labels.coverage[part]).replace("{knowledge}", labels.knowledge[known[part]]));
  return { extent: "outline", note: `${notes.outline} ${page.partsKnown.replace("{parts}", each.join(page.partsSeparator))}` };
}

/** An audited plan as its column shows it: its place (its title when its plan is not given), and how much of it is known. */
interface Column {
  report: AuditReport;
  place: string;
  known: ReturnType<typeof partlyKnown>;
  /** The report's findings by id, for the cells that name them. */
  findings: ReadonlyMap<string, Finding>;
}

/**
 * The compliance matrix as one self-contained HTML page (`renderMatrix(…, "html")`): a header with the date,
 * version and settings; the files not read; the heat map, columns headed by place, totals per plan first,
 * each cell linking to the finding behind it; then every plan's audit in a section that opens and closes.
 * Print styles lay it out on A4. No script: the page's policy forbids one.
 */
export function renderMatrixPage(matrix: ComplianceMatrix, reports: readonly AuditReport[], lang: ReportLanguage, reading: BatchReading, page: MatrixPageOptions): string {
  const labels = getLabels(lang);
  const plans = new Map((page.plans ?? []).map((plan) => [plan.id, plan]));
  const columns: Column[] = reports.map((report) => ({
    report,
    place: plans.get(report.subject.id)?.jurisdiction.name ?? report.subject.title,
    known: partlyKnown(plans.get(report.subject.id), report, labels),
    findings: new Map(report.findings.map((finding) => [finding.id, finding])),
  }));
  // Two plans of one place (a plan and a copy of it, a plan and its implementation plan) are told apart by id.
  const places = new Map<string, number>();
  for (const column of columns) places.set(column.place, (places.get(column.place) ?? 0) + 1);
  const repeated = (column: Column) => (places.get(column.place) ?? 0) > 1;
  const compact = columns.length > compactFrom;
  const body = [
    header(reports, reading, page, labels),
    batchReadingHtml(reading, labels),
    legend(compact, labels),
    matrixTable(matrix, columns, repeated, plans, compact, labels),
    planSections(columns, repeated, labels),
  ].join("\n");
  return htmlPage(labels.matrixTitle, body, lang, `${auditStyle}${matrixStyle}`);
}

/** Who made the page, when, and how: the date, plan-align's version, the settings the audits used and the options given. */
function header(reports: readonly AuditReport[], reading: BatchReading, page: MatrixPageOptions, labels: Labels): string {
  const words = labels.batchPage;
  // Every audit of a batch runs with the same options; the first alignment says what they came to, defaults filled in.
  const alignment = reports.flatMap((report) => report.chain).find((step) => step.status === "aligned")?.alignment;
  const thresholds = alignment === undefined ? [] : (["indicator", "task", "project", "section"] as const).map((kind) => `${labels.kind[kind]} ${alignment.thresholds[kind]}`);
  const settings = [
    `${words.language} ${words.languageName[reports[0]?.lang ?? "zh"]}`,
    ...(alignment === undefined ? [] : [`${labels.thresholds} ${thresholds.join(labels.listSeparator)}`, `${words.pairing} ${words.pairingMethod[alignment.selection.method]}`]),
  ];
  const options = page.options ?? [];
  const given = options.length === 0 ? escapeHtml(words.noOptions) : options.map(([option, value]) => `<code>${escapeHtml(value === "" ? option : `${option} ${value}`)}</code>`).join(" ");
  const counts = labels.batchCounts
    .replace("{plans}", String(reports.length)).replace("{unreadable}", String(reading.unreadable.length)).replace("{skipped}", String(reading.skipped.length));
  const entry = (term: string, definition: string) => `<dt>${escapeHtml(term)}</dt><dd>${definition}</dd>`;
  return `<dl class="made">${[
    ...(page.date === undefined ? [] : [entry(words.made, escapeHtml(page.date))]),
    entry(words.version, escapeHtml(version)),
    entry(words.settings, escapeHtml(settings.join("; "))),
    entry(words.options, given),
    entry(labels.batchTitle, escapeHtml(counts)),
  ].join("")}</dl>`;
}

function legend(compact: boolean, labels: Labels): string {
  return `<p class="legend">${(Object.keys(verdictColour) as MatrixVerdict[])
    .map((name) => `<span class="key" style="background:${verdictColour[name]}">${escapeHtml(`${compact ? `${labels.matrixSymbol[name]} ` : ""}${labels.matrixVerdict[name]}`)}</span>`)
    .join(" ")}</p>`;
}

/** A mark saying a plan is known only in part, its sentence on hover; printed pages show the sentence where the mark stands. */
function extentMark(known: ReturnType<typeof partlyKnown>, labels: Labels): string {
  return known === undefined ? "" : `<span class="extent" title="${escapeHtml(known.note)}">${escapeHtml(labels.batchPage.extent[known.extent])}</span>`;
}

const planAnchor = (column: number) => `plan-${column}`;
// Finding ids are unique in a batch (each starts with the plan audited), so one prefix serves every section.
const findingAnchorPrefix = "f-";

function matrixTable(matrix: ComplianceMatrix, columns: readonly Column[], repeated: (column: Column) => boolean, plans: ReadonlyMap<string, Plan>, compact: boolean, labels: Labels): string {
  const words = labels.batchPage;
  const head = `<tr><th class="item">${escapeHtml(labels.itemColumn)}</th>${columns
    .map((column, index) => {
      const id = repeated(column) ? ` <span class="id">${escapeHtml(column.report.subject.id)}</span>` : "";
      return `<th class="plan${compact ? " upright" : ""}" title="${escapeHtml(column.report.subject.title)}"><a href="#${planAnchor(index)}">${escapeHtml(column.place)}</a>${id}${extentMark(column.known, labels)}</th>`;
    })
    .join("")}</tr>`;
  // Totals first, so that a reader sees each plan's standing before its detail: findings by severity, then cells by verdict.
  const verdicts = (Object.keys(verdictColour) as MatrixVerdict[]).filter((verdict) => matrix.rows.some((row) => row.cells.some((cell) => cell?.verdict === verdict)));
  const count = (column: number, verdict?: MatrixVerdict) => matrix.rows.filter((row) => row.cells[column] !== null && (verdict === undefined || row.cells[column]?.verdict === verdict)).length;
  const totalRow = (label: string, cells: readonly string[]) => `<tr class="total"><th class="item">${escapeHtml(label)}</th>${cells.join("")}</tr>`;
  const totals = [
    ...severities.map((severity) => totalRow(`${words.totals}: ${labels.severity[severity]}`, columns.map((column) => {
      const value = column.report.summary.bySeverity[severity];
      return `<td${value > 0 ? ` class="${severity}"` : ""}>${value}</td>`;
    }))),
    totalRow(`${words.totals}: ${words.itemsListed}`, columns.map((_, index) => `<td>${count(index)}</td>`)),
    ...verdicts.map((verdict) => totalRow(`${words.totals}: ${labels.matrixVerdict[verdict]}`, columns.map((_, index) => {
      const value = count(index, verdict);
      return `<td${value > 0 ? ` style="background:${verdictColour[verdict]}"` : ""}>${value}</td>`;
    }))),
  ];
  const width = columns.length + 1;
  let ancestor = "";
  const ancestorHeading = (row: ComplianceMatrix["rows"][number]) => {
    const known = partlyKnown(plans.get(row.ancestor.id), undefined, labels);
    return `<tr class="ancestor"><th class="ancestor" colspan="${width}">${escapeHtml(row.ancestor.title)}${extentMark(known, labels)}${known === undefined ? "" : `<div class="extent-note">${escapeHtml(known.note)}</div>`}</th></tr>`;
  };
  const rows = matrix.rows.map((row) => {
    const heading = row.ancestor.id === ancestor ? "" : ancestorHeading(row);
    ancestor = row.ancestor.id;
    return `${heading}<tr><th class="item">${escapeHtml(`${labels.itemKind[row.item.kind]} ${row.item.label}`)}</th>${row.cells.map((cell, column) => matrixCell(cell, columns[column]!, column, compact, labels)).join("")}</tr>`;
  });
  return `<div class="scroll"><table class="matrix"><thead>${head}</thead>
<tbody class="totals">
${totals.join("\n")}
</tbody>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

/** A verdict in its colour, linking to the finding's row in the plan's section (to the section where the finding is folded under another). */
function matrixCell(cell: MatrixCell | null, column: Column, index: number, compact: boolean, labels: Labels): string {
  if (cell === null) return `<td class="none"></td>`;
  const text = escapeHtml(compact ? labels.matrixSymbol[cell.verdict] : labels.matrixVerdict[cell.verdict]);
  const finding = cell.finding === undefined ? undefined : column.findings.get(cell.finding);
  const target = finding === undefined ? undefined : finding.group === undefined ? `${findingAnchorPrefix}${finding.id}` : planAnchor(index);
  const inner = target === undefined ? text : `<a href="#${escapeHtml(target)}">${text}</a>`;
  return `<td style="background:${verdictColour[cell.verdict]}" title="${escapeHtml(`${column.place}: ${labels.matrixVerdict[cell.verdict]}`)}">${inner}</td>`;
}

/** Every plan's audit, closed on screen and open in print: its place, title, marks and counts, then its evidence. */
function planSections(columns: readonly Column[], repeated: (column: Column) => boolean, labels: Labels): string {
  const words = labels.batchPage;
  const sections = columns.map((column, index) => {
    const { report } = column;
    const reportLabels = getLabels(report.lang);
    const badges = severities.map((severity) => `<span class="badge ${severity}">${escapeHtml(`${reportLabels.severity[severity]} ${report.summary.bySeverity[severity]}`)}</span>`).join(" ");
    const id = repeated(column) ? ` <span class="id">${escapeHtml(report.subject.id)}</span>` : "";
    const note = column.known === undefined ? "" : `<p class="extent-note">${escapeHtml(column.known.note)}</p>`;
    return `<details class="plan" id="${planAnchor(index)}"><summary><span class="place">${escapeHtml(column.place)}</span>${id} ${escapeHtml(report.subject.title)}${extentMark(column.known, labels)} ${badges}</summary>
${note}${auditHtmlSections(report, findingAnchorPrefix)}
</details>`;
  });
  return `<h2 class="plans">${escapeHtml(words.plansTitle)}</h2>\n<p class="hint">${escapeHtml(words.plansHint)}</p>\n${sections.join("\n")}`;
}

const matrixStyle = `
dl.made { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; font-size: .9em; }
dl.made dt { color: #57606a; } dl.made dd { margin: 0; }
table.matrix th.upright { writing-mode: vertical-rl; white-space: nowrap; padding: .4rem .1rem; }
table.matrix th a { color: inherit; text-decoration: none; }
table.matrix th.plan { text-align: center; white-space: nowrap; }
table.matrix th.plan .id, table.matrix th.plan .extent { display: block; width: max-content; margin: .1rem auto 0; font-weight: normal; font-size: .8em; }
table.matrix th.upright .id, table.matrix th.upright .extent { display: inline-block; margin: .2rem 0 0; }
.scroll { overflow-x: auto; max-width: 100%; }
table.matrix { width: auto; font-size: .85em; }
table.matrix td { text-align: center; vertical-align: middle; white-space: nowrap; padding: .2rem .4rem; }
table.matrix td a { color: inherit; }
table.matrix th.item { position: sticky; left: 0; background: #f6f8fa; min-width: 14rem; max-width: 24rem; font-weight: normal; }
table.matrix th.ancestor { text-align: left; background: #eaeef2; }
table.matrix td.none { background: #fff; }
table.matrix tbody.totals th.item { font-weight: 600; }
table.matrix tbody.totals td { font-variant-numeric: tabular-nums; }
table.matrix tbody.totals td.error { color: #cf222e; font-weight: 600; } table.matrix tbody.totals td.warning { color: #9a6700; font-weight: 600; }
table.matrix tbody.totals tr:last-child > * { border-bottom: 2px solid #57606a; }
.extent { display: inline-block; margin-left: .4em; padding: 0 .4em; border-radius: 3px; background: #fff8c5; border: 1px solid #d4a72c; color: #7d4e00; font-size: .75em; font-weight: normal; writing-mode: horizontal-tb; }
.extent-note { font-weight: normal; font-size: .85em; color: #7d4e00; margin: .2rem 0; }
.left-out { padding: .2rem .8rem; margin-bottom: 1rem; background: #fff8c5; border: 1px solid #d4a72c; }
.left-out pre { margin: .2rem 0 .6rem; white-space: pre-wrap; font-size: .85em; }
.key { display: inline-block; padding: .1em .5em; border-radius: 3px; font-size: .85em; }
.hint { color: #57606a; font-size: .9em; }
details.plan { border: 1px solid #d0d7de; border-radius: 6px; padding: .2rem .8rem; margin: .6rem 0; }
details.plan > summary { cursor: pointer; padding: .4rem 0; font-weight: 600; }
details.plan > summary .place { font-size: 1.15em; margin-right: .3em; }
details.plan[open] > summary { border-bottom: 1px solid #d0d7de; margin-bottom: .5rem; }
details.plan h2 { font-size: 1.2em; }
details.plan h3 { font-size: 1.05em; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  table.matrix th.item { position: static; min-width: 9rem; }
  thead { display: table-header-group; }
  tr, .chart, blockquote, summary, dl.made, .left-out li { break-inside: avoid; }
  h2, h3, summary { break-after: avoid; }
  .hint { display: none; }
  h2.plans, details.plan ~ details.plan { break-before: page; }
  details.plan { border: none; padding: 0; }
  details.plan::details-content { content-visibility: visible; display: block; }
  details.plan > summary { list-style: none; border-bottom: 1px solid #d0d7de; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
