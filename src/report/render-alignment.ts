import type * as z from "zod";
import type { ChainAlignment, ChainStep } from "../align/align-chain.js";
import type { Alignment, ItemReference, Match } from "../align/types.js";
import { AlignmentSchema, ChainAlignmentSchema } from "../model/audit-report.js";
import { checkArguments } from "../model/input-error.js";
import { RenderOptionsSchema, ReportFormatSchema } from "../model/options.js";
import { escapeHtml, htmlPage, markdownCell, markdownTable, terminalText } from "./formats.js";
import { describeBasis, describeCandidates, describeReview, formatScore } from "./describe-match.js";
import { formatItemTable, itemRows } from "./item-table.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";

/**
 * Output formats of reports.
 *
 * @useDeclaredType
 */
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** Options of {@link renderAlignment} and {@link renderChain}. */
export interface RenderOptions {
  /** Language of labels. Default "zh". */
  lang?: ReportLanguage;
}

/**
 * Renders an alignment as JSON (the contract for other tools), Markdown, CSV (with a BOM, so Excel reads
 * the Chinese right; columns in docs/formats.md), a self-contained HTML page, or plain text for the
 * terminal. Text from the plans is escaped in every format.
 *
 * @throws InputError when the alignment, the format or an option does not match its schema
 * @example
 * const markdown = renderAlignment(alignPlans(getBundledPlan("national"), getBundledPlan("daixian")), "md");
 * markdown.split("\n")[0]; // "# 规划对照"
 */
export function renderAlignment(alignment: Alignment, format: ReportFormat, options: RenderOptions = {}): string {
  checkArguments("renderAlignment", { alignment: [AlignmentSchema, alignment], format: [ReportFormatSchema, format], options: [RenderOptionsSchema, options] });
  if (format === "json") return `${JSON.stringify(alignment, null, 2)}\n`;
  const step: ChainStep = { reference: alignment.reference, status: "aligned", alignment };
  if (format === "csv" || format === "items-json") return formatItemTable(itemRows(alignment.subject, [step], getLabels(options.lang ?? "zh")), format === "csv" ? "csv" : "json", alignment.settings);
  return renderSteps(getLabels(options.lang ?? "zh").title, [step], format, options.lang ?? "zh");
}

/**
 * Renders a chain alignment (a plan against every plan above it) in the same formats, one part per level;
 * a skipped level says why.
 *
 * @throws InputError when the chain, the format or an option does not match its schema
 * @example
 * const daixian = getBundledPlan("daixian");
 * const markdown = renderChain(alignChain(daixian, getAncestorPlans(daixian)), "md");
 * markdown.split("\n")[0]; // "# 逐级对照: 代县贯彻落实国家、省及市“十四五”应急体系规划实施方案"
 */
export function renderChain(chain: ChainAlignment, format: ReportFormat, options: RenderOptions = {}): string {
  checkArguments("renderChain", { chain: [ChainAlignmentSchema, chain], format: [ReportFormatSchema, format], options: [RenderOptionsSchema, options] });
  if (format === "json") return `${JSON.stringify(chain, null, 2)}\n`;
  const labels = getLabels(options.lang ?? "zh");
  if (format === "csv" || format === "items-json") return formatItemTable(itemRows(chain.subject, chain.steps, labels), format === "csv" ? "csv" : "json", chain.settings);
  return renderSteps(`${labels.chainTitle}: ${chain.subject.title}`, chain.steps, format, options.lang ?? "zh");
}

function renderSteps(title: string, steps: readonly ChainStep[], format: "md" | "text" | "html", lang: ReportLanguage): string {
  const labels = getLabels(lang);
  switch (format) {
    case "md":
      return `${[`# ${markdownCell(title)}`, ...steps.map((step) => markdownStep(step, labels, steps.length > 1))].join("\n\n")}\n`;
    case "text":
      return terminalText(`${[title, ...steps.map((step) => textStep(step, labels, steps.length > 1))].join("\n\n")}\n`);
    case "html":
      return htmlPage(title, steps.map((step) => htmlStep(step, labels, steps.length > 1)).join("\n"), lang);
  }
}

const planLine = (labels: Labels, role: "reference" | "subject", plan: { id: string; title: string }) =>
  `${labels[role]}: ${plan.title} (${plan.id})`;

function markdownStep(step: ChainStep, labels: Labels, inChain: boolean): string {
  const heading = inChain ? "## " : "";
  if (step.status === "skipped") {
    return `${heading}${markdownCell(`${step.reference.title} (${step.reference.id})`)}\n\n${labels.statusSkipped}: ${labels.skipped[step.reason]}`;
  }
  const { alignment } = step;
  const sub = inChain ? "### " : "## ";
  const lines = [
    `${heading}${inChain ? markdownCell(`${alignment.reference.title} (${alignment.reference.id})`) : ""}`.trim(),
    `- ${markdownCell(planLine(labels, "reference", alignment.reference))} — ${labels.relation[alignment.relation]}`,
    `- ${markdownCell(planLine(labels, "subject", alignment.subject))}`,
    "",
    `${sub}${labels.matches} (${alignment.matches.length})`,
    "",
  ];
  if (alignment.matches.length === 0) lines.push(labels.noMatches);
  else {
    lines.push(
      ...markdownTable(
        [labels.kindColumn, labels.reference, labels.subject, labels.score, labels.signals, labels.reviewColumn],
        alignment.matches.map((match) => [
          labels.kind[match.kind], `${match.reference.id} ${match.reference.text}`, `${match.subject.id} ${match.subject.text}`,
          formatScore(match.score), describeBasis(match, labels), describeReview(match, labels),
        ]),
      ),
    );
  }
  if (alignment.candidates.length > 0) {
    lines.push("", `${sub}${labels.candidates} (${alignment.candidates.length})`, "");
    for (const entry of alignment.candidates) lines.push(`- ${labels.kind[entry.reference.kind]} ${markdownCell(`${entry.reference.id} ${entry.reference.label} → ${describeCandidates(entry, labels)}`)}`);
  }
  if (alignment.rejected.length > 0) {
    lines.push("", `${sub}${labels.rejected} (${alignment.rejected.length})`, "");
    for (const match of alignment.rejected) {
      lines.push(`- ${labels.kind[match.kind]} ${markdownCell(`${match.reference.id} ${match.reference.label} ↔ ${match.subject.id} ${match.subject.label} — ${describeReview(match, labels)}`)}`);
    }
  }
  for (const role of ["reference", "subject"] as const) {
    lines.push("", `${sub}${labels.unmatched}: ${labels[role]} (${alignment.unmatched[role].length})`, "");
    if (alignment.unmatched[role].length === 0) lines.push(labels.none);
    for (const item of alignment.unmatched[role]) lines.push(`- ${labels.kind[item.kind]} ${markdownCell(`${item.id} ${item.text}`)}`);
  }
  return lines.filter((line, index) => index > 0 || line !== "").join("\n");
}

/** Plan text on one line of plain text: its own line breaks and tabs cannot start lines of their own. */
const oneLine = (text: string) => text.replace(/\r\n|[\r\n\t\u000b\u000c\u0085\u2028\u2029]/gu, " ");

function textStep(step: ChainStep, labels: Labels, inChain: boolean): string {
  const heading = inChain ? [`== ${oneLine(`${step.reference.title} (${step.reference.id})`)} ==`] : [];
  if (step.status === "skipped") return [...heading, `${labels.statusSkipped}: ${labels.skipped[step.reason]}`].join("\n");
  const { alignment } = step;
  const item = (reference: ItemReference) => oneLine(`${reference.id} ${reference.text}`);
  const section = (name: string, entries: readonly string[]) => ["", `${name} (${entries.length})`, ...(entries.length === 0 ? [`  ${labels.none}`] : entries.map((entry) => `  ${entry}`))];
  const pair = (match: Match) => `[${labels.kind[match.kind]}] ${item(match.reference)} ↔ ${item(match.subject)}`;
  return [
    ...heading,
    `${oneLine(planLine(labels, "reference", alignment.reference))} — ${labels.relation[alignment.relation]}`,
    oneLine(planLine(labels, "subject", alignment.subject)),
    ...section(labels.matches, alignment.matches.map((match) => `${pair(match)}  ${formatScore(match.score)}${match.review === undefined ? "" : ` (${oneLine(describeReview(match, labels))})`}`)),
    ...(alignment.candidates.length === 0 ? [] : section(labels.candidates, alignment.candidates.map((entry) => `[${labels.kind[entry.reference.kind]}] ${oneLine(`${entry.reference.id} ${entry.reference.label} → ${describeCandidates(entry, labels)}`)}`))),
    ...(alignment.rejected.length === 0 ? [] : section(labels.rejected, alignment.rejected.map((match) => `${pair(match)} (${oneLine(describeReview(match, labels))})`))),
    ...(["reference", "subject"] as const).flatMap((role) => section(`${labels.unmatched}: ${labels[role]}`, alignment.unmatched[role].map((entry) => `[${labels.kind[entry.kind]}] ${item(entry)}`))),
  ].join("\n");
}

function htmlItem(reference: ItemReference): string {
  return `<div class="item"><span class="id">${escapeHtml(reference.id)}</span> ${escapeHtml(reference.text)}<blockquote>${escapeHtml(reference.quote)}</blockquote></div>`;
}

function htmlStep(step: ChainStep, labels: Labels, inChain: boolean): string {
  const heading = inChain ? `<h2>${escapeHtml(`${step.reference.title} (${step.reference.id})`)}</h2>\n` : "";
  if (step.status === "skipped") {
    return `<section>${heading}<p class="skipped">${escapeHtml(`${labels.statusSkipped}: ${labels.skipped[step.reason]}`)}</p></section>`;
  }
  const { alignment } = step;
  const sub = inChain ? "h3" : "h2";
  const badge = (match: Match) => (match.review === undefined ? "" : `<span class="review">${escapeHtml(describeReview(match, labels))}</span>`);
  const row = (match: Match) =>
    `<tr><td>${escapeHtml(labels.kind[match.kind])}${badge(match)}</td><td>${htmlItem(match.reference)}</td><td>${htmlItem(match.subject)}</td><td class="score">${formatScore(match.score)}<div class="signals">${escapeHtml(describeBasis(match, labels))}</div></td></tr>`;
  const unmatched = (role: "reference" | "subject") =>
    `<${sub}>${escapeHtml(labels.unmatched)}: ${escapeHtml(labels[role])} (${alignment.unmatched[role].length})</${sub}><ul>${alignment.unmatched[role].map((entry) => `<li>${escapeHtml(labels.kind[entry.kind])} ${htmlItem(entry)}</li>`).join("") || `<li>${escapeHtml(labels.none)}</li>`}</ul>`;
  return `<section>${heading}<p>${escapeHtml(planLine(labels, "reference", alignment.reference))} — ${escapeHtml(labels.relation[alignment.relation])}<br>${escapeHtml(planLine(labels, "subject", alignment.subject))}</p>
<${sub}>${escapeHtml(labels.matches)} (${alignment.matches.length})</${sub}>
<table>
<thead><tr><th>${escapeHtml(labels.kindColumn)}</th><th>${escapeHtml(labels.reference)}</th><th>${escapeHtml(labels.subject)}</th><th>${escapeHtml(labels.score)}</th></tr></thead>
<tbody>
${alignment.matches.map(row).join("\n")}
</tbody>
</table>
${alignment.rejected.length === 0 ? "" : `<${sub}>${escapeHtml(labels.rejected)} (${alignment.rejected.length})</${sub}><ul>${alignment.rejected.map((match) => `<li>${escapeHtml(`${match.reference.id} ${match.reference.label} ↔ ${match.subject.id} ${match.subject.label}`)}${badge(match)}</li>`).join("")}</ul>`}
${alignment.candidates.length === 0 ? "" : `<${sub}>${escapeHtml(labels.candidates)} (${alignment.candidates.length})</${sub}><ul>${alignment.candidates.map((entry) => `<li>${escapeHtml(labels.kind[entry.reference.kind])} ${htmlItem(entry.reference)}→ ${escapeHtml(describeCandidates(entry, labels))}</li>`).join("")}</ul>`}
${unmatched("reference")}
${unmatched("subject")}
</section>`;
}
