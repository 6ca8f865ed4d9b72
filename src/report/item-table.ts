import * as z from "zod";
import type { ChainStep } from "../align/align-chain.js";
import type { AlignSettings } from "../align/settings.js";
import type { ItemReference, Match, PlanReference } from "../align/types.js";
import type { AuditReport } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { BatchReadingSchema, nothingLeftOut, type BatchReading } from "../model/batch-reading.js";
import { checkArguments } from "../model/input-error.js";
import { ItemTableFormatSchema, ReportLanguageSchema } from "../model/options.js";
import { version } from "../model/version.js";
import type { SignalScore } from "../similarity/types.js";
import type { ItemTarget } from "../targets/item-target.js";
import { describeBasis, describeReview, describeSignals } from "./describe-match.js";
import { toCsv } from "./formats.js";
import { getLabels, type Labels, type ReportLanguage } from "./labels.js";

// The item-level table of alignments, for spreadsheets and notebooks: every item of both plans, matched or
// not, with its counterpart, score, rule and signals, and each indicator's target read into columns. What
// `compare`, `chain` and `audit-all` write as CSV (and as JSON with `items-json`); docs/formats.md lists the columns.

/**
 * Formats of the item table: `csv` (Excel) or `json` (`{version, settings, items, …}`).
 *
 * @useDeclaredType
 */
export type ItemTableFormat = z.infer<typeof ItemTableFormatSchema>;

/** The columns of a target, after the text as written: what the parser read of it. */
const targetFields = ["comparator", "value", "high", "unit", "change", "direction", "year"] as const;

/** The columns of a target read from an item's text, named with the side's prefix (`reference_target_value`). */
export function targetColumns<Prefix extends "reference" | "subject">(prefix: Prefix) {
  return [`${prefix}_target`, ...targetFields.map((field) => `${prefix}_target_${field}` as const)] as const;
}

/** The names of a side's target columns. */
export type TargetColumn<Prefix extends "reference" | "subject"> = ReturnType<typeof targetColumns<Prefix>>[number];

/** A target's cells, as `targetColumns` names them: null for an item without a target, or fields not read. */
export function targetCells<Prefix extends "reference" | "subject">(prefix: Prefix, target: ItemTarget | undefined): Record<TargetColumn<Prefix>, string | number | null> {
  return Object.fromEntries([
    [`${prefix}_target`, target?.text ?? null],
    ...targetFields.map((field) => [`${prefix}_target_${field}`, target?.[field] ?? null]),
  ]) as Record<TargetColumn<Prefix>, string | number | null>;
}

/** The item table's columns, the same for every command and language. */
export const itemColumns = [
  "reference_plan", "subject_plan", "status", "status_label", "kind", "kind_label",
  "reference_id", "reference_text", "reference_quote", ...targetColumns("reference"),
  "subject_id", "subject_text", "subject_quote", ...targetColumns("subject"),
  "score", "rule", "signals", "basis_label", "review", "review_label", "file",
] as const;

type ItemColumn = (typeof itemColumns)[number];
/** One row: text cells, numbers for score and target values, signals as a list; null where a cell is empty. */
export type ItemRow = Record<Exclude<ItemColumn, "signals">, string | number | null> & { signals: SignalScore[] | null };

/** A row with every cell empty, which each kind of row fills in. */
const empty = Object.freeze(Object.fromEntries(itemColumns.map((column) => [column, null])) as ItemRow);

/**
 * The item table of a plan's alignments with the plans above it (or of one alignment, as one step): per step,
 * a row per match (`matched`), per pair rejected in review (`rejected`) and per candidate of an item without a
 * match (`candidate`); then a row per item no match covers, on either side (`unmatched`), its counterpart's
 * cells empty; a skipped level is a row of its own (`skipped`). So every item of both plans is in a row of
 * status `matched` or `unmatched`.
 */
export function itemRows(subject: PlanReference, steps: readonly ChainStep[], labels: Labels): ItemRow[] {
  const side = (prefix: "reference" | "subject", item: ItemReference) => ({
    [`${prefix}_id`]: item.id, [`${prefix}_text`]: item.text, [`${prefix}_quote`]: item.quote, ...targetCells(prefix, item.target),
  });
  return steps.flatMap((step): ItemRow[] => {
    const plans = { reference_plan: step.reference.id, subject_plan: subject.id };
    if (step.status === "skipped") {
      return [{ ...empty, ...plans, status: "skipped", status_label: labels.statusSkipped, basis_label: labels.skipped[step.reason] }];
    }
    const { alignment } = step;
    const row = (status: "matched" | "rejected" | "candidate" | "unmatched", statusLabel: string, kind: ItemReference["kind"], cells: Partial<ItemRow>): ItemRow => ({
      ...empty, ...plans, status, status_label: statusLabel, kind, kind_label: labels.kind[kind], ...cells,
    });
    const pair = (match: Match, status: "matched" | "rejected", statusLabel: string) => row(status, statusLabel, match.kind, {
      ...side("reference", match.reference), ...side("subject", match.subject), score: match.score, rule: match.rule, signals: match.signals,
      basis_label: describeBasis(match, labels), review: match.review?.decision ?? null, review_label: describeReview(match, labels) || null,
    });
    const candidates = alignment.candidates.flatMap((entry) => entry.candidates.map((candidate) => row("candidate", labels.candidateStatus, entry.reference.kind, {
      ...side("reference", entry.reference), ...side("subject", candidate.subject), score: candidate.score, signals: candidate.signals,
      basis_label: describeSignals(candidate.signals, labels),
    })));
    // Reference items without a match are those with no candidate and those with some.
    const unmatchedReferences = [...alignment.unmatched.reference, ...alignment.candidates.map((entry) => entry.reference)];
    return [
      ...alignment.matches.map((match) => pair(match, "matched", labels.matches)),
      ...alignment.rejected.map((match) => pair(match, "rejected", labels.rejected)),
      ...candidates,
      ...unmatchedReferences.map((item) => row("unmatched", labels.unmatched, item.kind, side("reference", item))),
      ...alignment.unmatched.subject.map((item) => row("unmatched", labels.unmatched, item.kind, side("subject", item))),
    ];
  });
}

/** Rows of a batch's inputs not audited: status `unreadable` or `skipped`, the file, and why as `basis_label`. */
function leftOutRows(reading: BatchReading, labels: Labels): ItemRow[] {
  return [
    ...reading.unreadable.map((input): ItemRow => ({ ...empty, status: "unreadable", status_label: labels.inputNotAudited.unreadable, basis_label: input.reason.join("\n"), file: input.file })),
    ...reading.skipped.map((input): ItemRow => ({ ...empty, status: "skipped", status_label: labels.inputNotAudited.skipped, basis_label: input.reason, file: input.file })),
  ];
}

/** Signals in one cell a program can split: `name=value*weight`, separated by spaces. */
const signalsCell = (signals: readonly SignalScore[]) => signals.map((signal) => `${signal.name}=${signal.value}*${signal.weight}`).join(" ");

/** The table as CSV (`csv`) or JSON (`json`: the version and settings that made it, the rows, and for a batch what reading it left out). */
export function formatItemTable(rows: readonly ItemRow[], format: ItemTableFormat, settings: AlignSettings | null, reading?: BatchReading): string {
  if (format === "json") return `${JSON.stringify({ version, settings, items: rows, ...reading }, null, 2)}\n`;
  const cell = (row: ItemRow, column: ItemColumn): string => {
    if (column === "signals") return row.signals === null ? "" : signalsCell(row.signals);
    const value = row[column];
    return value === null ? "" : String(value);
  };
  return toCsv([[...itemColumns], ...rows.map((row) => itemColumns.map((column) => cell(row, column)))]);
}

/**
 * The item table of a batch's audits (`audit-all --format items-csv` or `items-json`): every plan's alignments
 * with the plans above it, a row per item of both sides, matched or not (columns in docs/formats.md); then a
 * row per input not read (`unreadable`) or skipped, naming it in `file`. Labels in `lang`.
 *
 * @throws InputError when a report, the format, the language or the reading does not match its schema
 * @example
 * const { reports } = auditAll([getBundledPlan("daixian")]);
 * const csv = renderItemTable(reports, "csv");
 * csv.split("\r\n")[0]?.startsWith("\uFEFFreference_plan,subject_plan,status,status_label,kind"); // true
 */
export function renderItemTable(reports: readonly AuditReport[], format: ItemTableFormat, lang: ReportLanguage = "zh", reading: BatchReading = nothingLeftOut): string {
  checkArguments("renderItemTable", {
    reports: [z.array(AuditReportSchema), reports], format: [ItemTableFormatSchema, format], lang: [ReportLanguageSchema, lang], reading: [BatchReadingSchema, reading],
  });
  const labels = getLabels(lang);
  const rows = [...reports.flatMap((report) => itemRows(report.subject, report.chain, labels)), ...leftOutRows(reading, labels)];
  return formatItemTable(rows, format, reports[0]?.settings ?? null, reading);
}
