import * as z from "zod";
import type { ComplianceMatrix } from "../corpus/compliance-matrix.js";
import type { AuditReport } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { BatchReadingSchema, nothingLeftOut, type BatchReading } from "../model/batch-reading.js";
import { ComplianceMatrixSchema } from "../model/compliance-matrix.js";
import { checkArguments } from "../model/input-error.js";
import { MatrixFormatSchema, MatrixPageOptionsSchema, ReportLanguageSchema } from "../model/options.js";
import { toCsv } from "./formats.js";
import { getLabels, type ReportLanguage } from "./labels.js";
import { renderMatrixPage, type MatrixPageOptions } from "./render-matrix-html.js";

export type { MatrixPageOptions } from "./render-matrix-html.js";

/**
 * Formats of the compliance matrix: CSV for Excel, HTML as a heat map with every plan's findings.
 *
 * @useDeclaredType
 */
export type MatrixFormat = z.infer<typeof MatrixFormatSchema>;

/**
 * Renders the compliance matrix. CSV: one row per ancestor item, three columns per plan, its verdict's id,
 * the verdict in words and the id of the finding behind it (with a BOM, so Excel reads the Chinese; columns in docs/formats.md). HTML: the page
 * a bureau hands on, printable on A4: a header with the date, version and settings; a heat map with columns
 * headed by place, each plan's totals, plans known only in part marked, each cell linking to the finding
 * behind it; below it, every plan's audit with its evidence as `renderAudit(…, "html")` shows it, in a
 * section that opens and closes. `reading`, what reading a batch left to say, is listed in both: in CSV a
 * row per file that could not be read or was skipped (`item_kind` `unreadable` or `skipped`, the file as
 * `item_id`, why as `item_label`, as wide as every row); in HTML a section above the matrix. `page` tells
 * the HTML page what it cannot know from the audits: the plans (for places and how much of each is known),
 * the date and the options given; CSV ignores it.
 *
 * @throws InputError when the matrix, a report, the format, the language or a page option does not match its schema
 * @example
 * const { reports, matrix } = auditAll([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * const csv = renderMatrix(matrix, reports, "csv");
 * csv.split("\r\n")[1]; // "national,“十四五”国家应急体系规划,indicator,指标,core-1,生产安全事故死亡人数,equal,与上级一致,daixian/equal-target/national/core-1/core-1,weaker,弱于上级,nanyang/weaker-target/national/core-1/core-1"
 */
export function renderMatrix(
  matrix: ComplianceMatrix, reports: readonly AuditReport[], format: MatrixFormat, lang: ReportLanguage = "zh", reading: BatchReading = nothingLeftOut, page: MatrixPageOptions = {},
): string {
  checkArguments("renderMatrix", {
    matrix: [ComplianceMatrixSchema, matrix], reports: [z.array(AuditReportSchema), reports], format: [MatrixFormatSchema, format], lang: [ReportLanguageSchema, lang],
    reading: [BatchReadingSchema, reading], page: [MatrixPageOptionsSchema, page],
  });
  const labels = getLabels(lang);
  if (format === "csv") {
    // Columns named for programs; per plan its verdict id (empty where the plan is not below the ancestor), the
    // words, and the id of the finding behind it, which joins the findings table (`finding_id`).
    const header = ["ancestor_plan", "ancestor_title", "item_kind", "item_kind_label", "item_id", "item_label", ...matrix.columns.flatMap((plan) => [plan.id, `${plan.id}_label`, `${plan.id}_finding`])];
    const verdicts = (cell: ComplianceMatrix["rows"][number]["cells"][number]) =>
      (cell === null ? ["", labels.matrixNotBelow, ""] : [cell.verdict, labels.matrixVerdict[cell.verdict], cell.finding ?? ""]);
    const noVerdicts = matrix.columns.flatMap(() => ["", "", ""]);
    const leftOut = [
      ...reading.unreadable.map((input) => ["", "", "unreadable", labels.inputNotAudited.unreadable, input.file, input.reason.join("\n"), ...noVerdicts]),
      ...reading.skipped.map((input) => ["", "", "skipped", labels.inputNotAudited.skipped, input.file, input.reason, ...noVerdicts]),
    ];
    return toCsv([header, ...matrix.rows.map((row) => [row.ancestor.id, row.ancestor.title, row.item.kind, labels.itemKind[row.item.kind], row.item.id, row.item.label, ...row.cells.flatMap(verdicts)]), ...leftOut]);
  }
  return renderMatrixPage(matrix, reports, lang, reading, page);
}
