import * as z from "zod";
import type { ComplianceMatrix, MatrixVerdict } from "../corpus/compliance-matrix.js";
import type { AuditReport } from "../findings/types.js";
import { AuditReportSchema } from "../model/audit-report.js";
import { BatchReadingSchema, nothingLeftOut, type BatchReading } from "../model/batch-reading.js";
import { ComplianceMatrixSchema } from "../model/compliance-matrix.js";
import { checkArguments } from "../model/input-error.js";
import { MatrixFormatSchema, ReportLanguageSchema } from "../model/options.js";
import { escapeHtml, htmlPage, toCsv } from "./formats.js";
import { getLabels, type ReportLanguage } from "./labels.js";
import { batchReadingHtml } from "./render-batch.js";

/**
 * Formats of the compliance matrix: CSV for Excel, HTML as a heat map with every plan's findings.
 *
 * @useDeclaredType
 */
export type MatrixFormat = z.infer<typeof MatrixFormatSchema>;

const verdictColour: Readonly<Record<MatrixVerdict, string>> = {
  carried: "#dafbe1", equal: "#dafbe1", stronger: "#aceebb", weaker: "#ffcecb", missing: "#ff8182",
  unconfirmed: "#fff1a8", "not-applicable": "#eaeef2", "cannot-judge": "#d8dee4",
};

/**
 * Renders the compliance matrix. CSV: one row per ancestor item, three columns per plan, its verdict's id,
 * the verdict in words and the id of the finding behind it (with a BOM, so Excel reads the Chinese; columns in docs/formats.md). HTML: a heat map a person can scan, the first column fixed
 * while wide tables scroll, each cell linking to the finding behind it; below it, every plan's findings.
 * `reading`, what reading a batch left to say, is listed in both: in CSV a row per file that could not be
 * read or was skipped (`item_kind` `unreadable` or `skipped`, the file as `item_id`, why as `item_label`, as
 * wide as every row); in HTML a section above the matrix.
 *
 * @throws InputError when the matrix, a report, the format or the language does not match its schema
 * @example
 * const { reports, matrix } = auditAll([getBundledPlan("daixian"), getBundledPlan("nanyang")]);
 * const csv = renderMatrix(matrix, reports, "csv");
 * csv.split("\r\n")[1]; // "national,“十四五”国家应急体系规划,indicator,指标,core-1,生产安全事故死亡人数,equal,与上级一致,daixian/equal-target/national/core-1/core-1,weaker,弱于上级,nanyang/weaker-target/national/core-1/core-1"
 */
export function renderMatrix(matrix: ComplianceMatrix, reports: readonly AuditReport[], format: MatrixFormat, lang: ReportLanguage = "zh", reading: BatchReading = nothingLeftOut): string {
  checkArguments("renderMatrix", {
    matrix: [ComplianceMatrixSchema, matrix], reports: [z.array(AuditReportSchema), reports], format: [MatrixFormatSchema, format], lang: [ReportLanguageSchema, lang],
    reading: [BatchReadingSchema, reading],
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
  // Findings' ids are unique in a batch (they start with the plan audited) and made of slugs, `/`, `-` and `~`.
  const anchor = (finding: string) => escapeHtml(`f-${finding}`);
  // Past a dozen plans, cells show a symbol and headers stand upright, so a province's hundred plans fit a screen.
  const compact = matrix.columns.length > compactFrom;
  const cell = (entry: ComplianceMatrix["rows"][number]["cells"][number], column: number) => {
    if (entry === null) return `<td class="none"></td>`;
    const text = escapeHtml(compact ? labels.matrixSymbol[entry.verdict] : labels.matrixVerdict[entry.verdict]);
    const inner = entry.finding === undefined ? text : `<a href="#${anchor(entry.finding)}">${text}</a>`;
    return `<td style="background:${verdictColour[entry.verdict]}" title="${escapeHtml(`${matrix.columns[column]?.title ?? ""}: ${labels.matrixVerdict[entry.verdict]}`)}">${inner}</td>`;
  };
  const head = `<tr><th class="item">${escapeHtml(labels.itemColumn)}</th>${matrix.columns.map((plan, column) => `<th${compact ? ' class="upright"' : ""} title="${escapeHtml(plan.title)}"><a href="#plan-${column}">${escapeHtml(plan.id)}</a></th>`).join("")}</tr>`;
  let ancestor = "";
  const body = matrix.rows.map((row) => {
    const heading = row.ancestor.id === ancestor ? "" : `<tr><th class="ancestor" colspan="${matrix.columns.length + 1}">${escapeHtml(row.ancestor.title)}</th></tr>`;
    ancestor = row.ancestor.id;
    return `${heading}<tr><th class="item">${escapeHtml(`${labels.itemKind[row.item.kind]} ${row.item.label}`)}</th>${row.cells.map(cell).join("")}</tr>`;
  });
  const legend = (Object.keys(verdictColour) as MatrixVerdict[]).map((name) => `<span class="key" style="background:${verdictColour[name]}">${escapeHtml(`${compact ? `${labels.matrixSymbol[name]} ` : ""}${labels.matrixVerdict[name]}`)}</span>`).join(" ");
  const findings = reports.map((report, column) => `<h3 id="plan-${column}">${escapeHtml(report.subject.title)} (${escapeHtml(report.subject.id)})</h3>
<ol start="0">${report.findings.map((finding) => `<li id="${anchor(finding.id)}">${escapeHtml(`${labels.severity[finding.severity]} · ${labels.findingKind[finding.kind]}: ${finding.message}`)}</li>`).join("")}</ol>`);
  return htmlPage(labels.matrixTitle, `${batchReadingHtml(reading, labels)}<p>${legend}</p>
<div class="scroll"><table class="matrix"><thead>${head}</thead><tbody>
${body.join("\n")}
</tbody></table></div>
<h2>${escapeHtml(labels.findings)}</h2>
${findings.join("\n")}`, lang, matrixStyle);
}

const compactFrom = 12;

const matrixStyle = `
table.matrix th.upright { writing-mode: vertical-rl; white-space: nowrap; padding: .4rem .1rem; }
table.matrix th a { color: inherit; text-decoration: none; }
.scroll { overflow-x: auto; max-width: 100%; }
table.matrix { width: auto; font-size: .85em; }
table.matrix td { text-align: center; white-space: nowrap; padding: .2rem .4rem; }
table.matrix td a { color: inherit; }
table.matrix th.item { position: sticky; left: 0; background: #f6f8fa; min-width: 14rem; max-width: 24rem; font-weight: normal; }
table.matrix th.ancestor { text-align: left; background: #eaeef2; }
table.matrix td.none { background: #fff; }
.left-out { padding: .2rem .8rem; margin-bottom: 1rem; background: #fff8c5; border: 1px solid #d4a72c; }
.left-out pre { margin: .2rem 0 .6rem; white-space: pre-wrap; font-size: .85em; }
.key { display: inline-block; padding: .1em .5em; border-radius: 3px; font-size: .85em; }
`;
