import * as z from "zod";
import { PlanReferenceSchema } from "./audit-report.js";

/** How a plan stands to one item of an ancestor; see `MatrixVerdict`. */
export const MatrixVerdictSchema = z.enum(["carried", "equal", "stronger", "weaker", "missing", "unconfirmed", "not-applicable", "cannot-judge", "low-confidence"]);

const MatrixCellSchema = z
  .object({ verdict: MatrixVerdictSchema, finding: z.string().optional().describe("The id of the finding behind the cell in that plan's report; absent for carried.") })
  .strict();

/** The compliance matrix, as `auditAll` and `buildComplianceMatrix` return it: one cell per row and column. */
export const ComplianceMatrixSchema = z
  .object({
    columns: z.array(PlanReferenceSchema),
    rows: z.array(
      z
        .object({
          ancestor: PlanReferenceSchema,
          item: z.object({ kind: z.enum(["indicator", "tasks", "projects"]), id: z.string(), label: z.string() }).strict(),
          cells: z.array(MatrixCellSchema.nullable()),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((matrix, ctx) => {
    matrix.rows.forEach((row, index) => {
      if (row.cells.length !== matrix.columns.length) {
        ctx.addIssue({ code: "custom", path: ["rows", index, "cells"], message: `has ${row.cells.length} cells for ${matrix.columns.length} columns` });
      }
    });
  });
