import type * as z from "zod";
import type { ChainAlignment, ChainStep } from "../align/align-chain.js";
import type { Alignment, CandidateList, ItemReference, Match, ReviewMark } from "../align/types.js";
import { AlignmentSchema, ChainAlignmentSchema } from "../model/audit-report.js";
import { checkArguments } from "../model/input-error.js";
import { RenderOptionsSchema, ReportFormatSchema } from "../model/options.js";
import type { SignalScore } from "../similarity/types.js";
import { escapeHtml, htmlPage, markdownCell, markdownTable, toCsv } from "./formats.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";

/** Output formats of reports. */
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

export interface RenderOptions {
  /** Language of labels. Default "zh". */
  lang?: ReportLanguage;
}

/**
 * Renders an alignment as JSON (the contract for other tools), Markdown, CSV (with a BOM, so Excel reads
 * the Chinese right) or a self-contained HTML page. Text from the plans is escaped in every format.
 *
 * @throws InputError when the alignment, the format or an option does not match its schema
 * @example
 * const html = renderAlignment(alignPlans(national, daixian), "html");
 */
export function renderAlignment(alignment: Alignment, format: ReportFormat, options: RenderOptions = {}): string {
  checkArguments("renderAlignment", { alignment: [AlignmentSchema, alignment], format: [ReportFormatSchema, format], options: [RenderOptionsSchema, options] });
  if (format === "json") return `${JSON.stringify(alignment, null, 2)}\n`;
  const step: ChainStep = { reference: alignment.reference, status: "aligned", alignment };
  return renderSteps(getLabels(options.lang ?? "zh").title, [step], format, options.lang ?? "zh");
}

/**
 * Renders a chain alignment (a plan against every plan above it) in the same formats, one part per level;
 * a skipped level says why.
 *
 * @throws InputError when the chain, the format or an option does not match its schema
 * @example
 * const markdown = renderChain(alignChain(daixian, getAncestorPlans(daixian)), "md");
 */
export function renderChain(chain: ChainAlignment, format: ReportFormat, options: RenderOptions = {}): string {
  checkArguments("renderChain", { chain: [ChainAlignmentSchema, chain], format: [ReportFormatSchema, format], options: [RenderOptionsSchema, options] });
  if (format === "json") return `${JSON.stringify(chain, null, 2)}\n`;
  const labels = getLabels(options.lang ?? "zh");
  return renderSteps(`${labels.chainTitle}: ${chain.subject.title}`, chain.steps, format, options.lang ?? "zh");
}

function renderSteps(title: string, steps: readonly ChainStep[], format: Exclude<ReportFormat, "json">, lang: ReportLanguage): string {
  const labels = getLabels(lang);
  switch (format) {
    case "md":
      return `${[`# ${markdownCell(title)}`, ...steps.map((step) => markdownStep(step, labels, steps.length > 1))].join("\n\n")}\n`;
    case "csv":
      return csvOf(steps, labels);
    case "html":
      return htmlPage(title, steps.map((step) => htmlStep(step, labels, steps.length > 1)).join("\n"), lang);
  }
}

const formatScore = (score: number) => score.toFixed(2);

/** Why a match was made: the rule that accepted it, then each signal's value and weight. */
function describeBasis(match: Match, labels: Labels): string {
  return `${labels.ruleColumn}: ${labels.rule[match.rule]}; ${describeSignals(match.signals, labels)}`;
}

function describeSignals(signals: readonly SignalScore[], labels: Labels): string {
  return signals
    .map((signal) => `${labels.signal[signal.name as keyof Labels["signal"]] ?? signal.name} ${formatScore(signal.value)}×${signal.weight}${signal.note === undefined ? "" : ` (${signal.note})`}`)
    .join("; ");
}

/** A reference item's candidates, the best first, with their scores. */
function describeCandidates(entry: CandidateList, labels: Labels): string {
  return entry.candidates.map((candidate) => `${candidate.subject.id} ${candidate.subject.label} (${formatScore(candidate.score)})`).join(labels.listSeparator);
}

/** The reviewer's decision on a match, in words, with the note; empty when unreviewed. */
export function describeReview({ review }: { review?: ReviewMark | undefined }, labels: Labels): string {
  if (review === undefined) return "";
  const note = review.note === undefined ? "" : `: ${review.note}`;
  return `${labels.reviewDecision[review.decision]}${note}`;
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

function csvOf(steps: readonly ChainStep[], labels: Labels): string {
  const header = [
    `${labels.reference}`, labels.status, labels.kindColumn,
    `${labels.reference} ${labels.id}`, `${labels.reference} ${labels.text}`, `${labels.reference} ${labels.quote}`,
    `${labels.subject} ${labels.id}`, `${labels.subject} ${labels.text}`, `${labels.subject} ${labels.quote}`, labels.score, labels.signals, labels.reviewColumn,
  ];
  const rows = steps.flatMap((step) =>
    step.status === "skipped"
      ? [[step.reference.id, labels.statusSkipped, "", "", labels.skipped[step.reason], "", "", "", "", "", "", ""]]
      : [...step.alignment.matches, ...step.alignment.rejected].map((match) => [
          step.reference.id, "", labels.kind[match.kind], match.reference.id, match.reference.text, match.reference.quote,
          match.subject.id, match.subject.text, match.subject.quote, formatScore(match.score), describeBasis(match, labels),
          describeReview(match, labels),
        ]).concat(step.alignment.candidates.flatMap((entry) => entry.candidates.map((candidate) => [
          step.reference.id, labels.candidateStatus, labels.kind[entry.reference.kind], entry.reference.id, entry.reference.text, entry.reference.quote,
          candidate.subject.id, candidate.subject.text, candidate.subject.quote, formatScore(candidate.score), describeSignals(candidate.signals, labels), "",
        ]))),
  );
  return toCsv([header, ...rows]);
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
