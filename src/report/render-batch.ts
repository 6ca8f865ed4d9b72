import * as z from "zod";
import type { AuditReport } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { BatchReadingSchema, type BatchReading } from "../model/batch-reading.js";
import { checkArguments } from "../model/input-error.js";
import { ReportLanguageSchema } from "../model/options.js";
import { escapeHtml, terminalText } from "./formats.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";
import { chainLine, severityCounts } from "./render-audit.js";

// What reading a batch left to say (inputs not read, folder entries skipped, notes), in each format of
// `audit-all` that is not the matrix's or the findings' own; those add it as rows of their tables.

/**
 * A batch's audits in plain text for the terminal (`audit-all --format text`): how many plans were audited
 * and how many files were not; per plan its title and id, the plans above it and its findings by severity;
 * then each file that could not be read with why, each file skipped, and the notes.
 *
 * @throws InputError when a report or the reading does not match its schema, or the language is unknown
 * @example
 * const { reports } = auditAll([getBundledPlan("daixian")]);
 * const text = renderBatchSummary(reports, { unreadable: [{ file: "plan.pdf", reason: ["plan.pdf: not UTF-8 at byte 10"] }], skipped: [], notes: [] });
 * text.split("\n")[0]; // "批量审计: 已审计 1 份规划；1 个文件无法读取；0 个已跳过"
 * text.split("\n").at(-3); // "  plan.pdf"
 */
export function renderBatchSummary(reports: readonly AuditReport[], reading: BatchReading, lang: ReportLanguage = "zh"): string {
  checkArguments("renderBatchSummary", { reports: [z.array(AuditReportSchema), reports], reading: [BatchReadingSchema, reading], lang: [ReportLanguageSchema, lang] });
  const labels = getLabels(lang);
  const counts = labels.batchCounts
    .replace("{plans}", String(reports.length)).replace("{unreadable}", String(reading.unreadable.length)).replace("{skipped}", String(reading.skipped.length));
  const lines = [`${labels.batchTitle}: ${counts}`, ""];
  for (const report of reports) {
    const reportLabels = getLabels(report.lang);
    lines.push(`${report.subject.title} (${report.subject.id})`, `  ${reportLabels.chain}: ${report.chain.map((step) => chainLine(step, reportLabels)).join(" → ")}`, `  ${severityCounts(report, reportLabels)}`);
  }
  const section = (title: string, entries: readonly string[][]) => (entries.length === 0 ? [] : ["", `${title} (${entries.length}):`, ...entries.flat()]);
  lines.push(
    ...section(labels.unreadableTitle, reading.unreadable.map((input) => [`  ${input.file}`, ...input.reason.map((line) => `    ${line}`)])),
    ...section(labels.skippedTitle, reading.skipped.map((input) => [`  ${input.file}: ${input.reason}`])),
    ...section(labels.batchNotes, reading.notes.map((note) => [`  ${note}`])),
  );
  return terminalText(`${lines.join("\n")}\n`);
}

/**
 * The JSON lines of what reading a batch left to say, for `audit-all --format jsonl`: one object per entry,
 * `{"unreadable": {file, reason}}`, `{"skipped": {file, reason}}` or `{"note": text}`. Audit lines are reports,
 * which have a `subject`; these have one key, which tells them apart.
 */
export function renderBatchReadingLines(reading: BatchReading): string {
  const entries = [
    ...reading.unreadable.map((unreadable) => ({ unreadable })),
    ...reading.skipped.map((skipped) => ({ skipped })),
    ...reading.notes.map((note) => ({ note })),
  ];
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}

/** What reading a batch left to say as HTML sections, each shown only when it lists something; every text escaped. */
export function batchReadingHtml(reading: BatchReading, labels: Labels): string {
  const section = (title: string, items: readonly string[]) =>
    items.length === 0 ? "" : `<section class="left-out"><h2>${escapeHtml(title)} (${items.length})</h2>\n<ul>${items.map((item) => `<li>${item}</li>`).join("\n")}</ul></section>\n`;
  return [
    section(labels.unreadableTitle, reading.unreadable.map((input) => `<code>${escapeHtml(input.file)}</code><pre>${escapeHtml(input.reason.join("\n"))}</pre>`)),
    section(labels.skippedTitle, reading.skipped.map((input) => `<code>${escapeHtml(input.file)}</code>: ${escapeHtml(input.reason)}`)),
    section(labels.batchNotes, reading.notes.map((note) => escapeHtml(note))),
  ].join("");
}
