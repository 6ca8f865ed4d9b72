import { stringify } from "csv-stringify/sync";
import escapeHtml from "escape-html";
import type { Alignment, ItemReference, Match } from "../align/types.js";
import type { SignalScore } from "../similarity/types.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";

/** Output formats of reports. */
export type ReportFormat = "json" | "md" | "csv" | "html";

export interface RenderOptions {
  /** Language of labels. Default "zh". */
  lang?: ReportLanguage;
}

/**
 * Renders an alignment as JSON (the contract for other tools), Markdown, CSV (with a BOM, so Excel reads
 * the Chinese right) or a self-contained HTML page. Text from the plans is escaped in every format.
 *
 * @example
 * const html = renderAlignment(alignPlans(national, daixian), "html");
 */
export function renderAlignment(alignment: Alignment, format: ReportFormat, options: RenderOptions = {}): string {
  const labels = getLabels(options.lang ?? "zh");
  switch (format) {
    case "json":
      return `${JSON.stringify(alignment, null, 2)}\n`;
    case "md":
      return renderMarkdown(alignment, labels);
    case "csv":
      return renderCsv(alignment, labels);
    case "html":
      return renderHtml(alignment, labels, options.lang ?? "zh");
  }
}

const formatScore = (score: number) => score.toFixed(2);

function describeSignals(signals: readonly SignalScore[], labels: Labels): string {
  return signals
    .map((signal) => `${labels.signal[signal.name as keyof Labels["signal"]] ?? signal.name} ${formatScore(signal.value)}×${signal.weight}${signal.note === undefined ? "" : ` (${signal.note})`}`)
    .join("; ");
}

const planLine = (labels: Labels, role: "reference" | "subject", alignment: Alignment) =>
  `${labels[role]}: ${alignment[role].title} (${alignment[role].id})`;

// Markdown: pipes and line breaks inside cells would break the table; backslash-escaping keeps the text.
function markdownCell(text: string): string {
  return text.replace(/\\/gu, "\\\\").replace(/\|/gu, "\\|").replace(/[<>]/gu, (c) => (c === "<" ? "&lt;" : "&gt;")).replace(/\r?\n/gu, " ");
}

function renderMarkdown(alignment: Alignment, labels: Labels): string {
  const lines = [
    `# ${labels.title}`,
    "",
    `- ${markdownCell(planLine(labels, "reference", alignment))} — ${labels.relation[alignment.relation]}`,
    `- ${markdownCell(planLine(labels, "subject", alignment))}`,
    "",
    `## ${labels.matches} (${alignment.matches.length})`,
    "",
  ];
  if (alignment.matches.length === 0) lines.push(labels.noMatches);
  else {
    lines.push(`| ${labels.kindColumn} | ${labels.reference} | ${labels.subject} | ${labels.score} | ${labels.signals} |`, "|---|---|---|---|---|");
    for (const match of alignment.matches) {
      lines.push(
        `| ${labels.kind[match.kind]} | ${markdownCell(`${match.reference.id} ${match.reference.text}`)} | ${markdownCell(`${match.subject.id} ${match.subject.text}`)} | ${formatScore(match.score)} | ${markdownCell(describeSignals(match.signals, labels))} |`,
      );
    }
  }
  for (const role of ["reference", "subject"] as const) {
    lines.push("", `## ${labels.unmatched}: ${labels[role]} (${alignment.unmatched[role].length})`, "");
    if (alignment.unmatched[role].length === 0) lines.push(labels.none);
    for (const item of alignment.unmatched[role]) lines.push(`- ${labels.kind[item.kind]} ${markdownCell(`${item.id} ${item.text}`)}`);
  }
  return `${lines.join("\n")}\n`;
}

function renderCsv(alignment: Alignment, labels: Labels): string {
  const header = [
    labels.kindColumn, `${labels.reference} ${labels.id}`, `${labels.reference} ${labels.text}`, `${labels.reference} ${labels.quote}`,
    `${labels.subject} ${labels.id}`, `${labels.subject} ${labels.text}`, `${labels.subject} ${labels.quote}`, labels.score, labels.signals,
  ];
  const rows = alignment.matches.map((match) => [
    labels.kind[match.kind], match.reference.id, match.reference.text, match.reference.quote,
    match.subject.id, match.subject.text, match.subject.quote, formatScore(match.score), describeSignals(match.signals, labels),
  ].map(defuseFormula));
  // The BOM tells Excel the file is UTF-8; without it Chinese text opens garbled.
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: "windows" })}`;
}

// A cell starting with = + - @ is run as a formula by spreadsheets; a leading apostrophe keeps it text.
function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}

function renderHtml(alignment: Alignment, labels: Labels, lang: ReportLanguage): string {
  const item = (reference: ItemReference) =>
    `<div class="item"><span class="id">${escapeHtml(reference.id)}</span> ${escapeHtml(reference.text)}<blockquote>${escapeHtml(reference.quote)}</blockquote></div>`;
  const row = (match: Match) =>
    `<tr><td>${escapeHtml(labels.kind[match.kind])}</td><td>${item(match.reference)}</td><td>${item(match.subject)}</td><td class="score">${formatScore(match.score)}<div class="signals">${escapeHtml(describeSignals(match.signals, labels))}</div></td></tr>`;
  const unmatched = (role: "reference" | "subject") =>
    `<h2>${escapeHtml(labels.unmatched)}: ${escapeHtml(labels[role])} (${alignment.unmatched[role].length})</h2><ul>${alignment.unmatched[role].map((entry) => `<li>${escapeHtml(labels.kind[entry.kind])} ${item(entry)}</li>`).join("") || `<li>${escapeHtml(labels.none)}</li>`}</ul>`;
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${labels.title}: ${alignment.reference.title} · ${alignment.subject.title}`)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .5rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
.id { font-family: ui-monospace, monospace; color: #57606a; }
blockquote { margin: .3rem 0 0; padding-left: .6rem; border-left: 3px solid #d0d7de; color: #57606a; font-size: .85em; white-space: pre-wrap; }
.score { white-space: nowrap; font-weight: 600; }
.signals { font-weight: normal; font-size: .8em; color: #57606a; white-space: normal; }
</style>
</head>
<body>
<h1>${escapeHtml(labels.title)}</h1>
<p>${escapeHtml(planLine(labels, "reference", alignment))} — ${escapeHtml(labels.relation[alignment.relation])}<br>${escapeHtml(planLine(labels, "subject", alignment))}</p>
<h2>${escapeHtml(labels.matches)} (${alignment.matches.length})</h2>
<table>
<thead><tr><th>${escapeHtml(labels.kindColumn)}</th><th>${escapeHtml(labels.reference)}</th><th>${escapeHtml(labels.subject)}</th><th>${escapeHtml(labels.score)}</th></tr></thead>
<tbody>
${alignment.matches.map(row).join("\n")}
</tbody>
</table>
${unmatched("reference")}
${unmatched("subject")}
</body>
</html>
`;
}
