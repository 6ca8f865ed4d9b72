import * as z from "zod";
import { AuditReportSchema } from "./audit-report.js";
import { HierarchySchema } from "./hierarchy.js";
import { PlanSchema } from "./plan.js";
import { ReviewFileSchema } from "./review.js";

/**
 * The JSON Schemas of the files plan-align reads, generated from the zod schemas so they never drift.
 * Committed under docs/ for tools that do not use TypeScript; a test fails when the copies there are stale.
 *
 * @example
 * Object.keys(getJsonSchemas()); // ["plan.schema.json", "jurisdictions.schema.json", "review.schema.json", "audit-report.schema.json"]
 */
export function getJsonSchemas(): Record<string, object> {
  return {
    "plan.schema.json": withTitle(z.toJSONSchema(PlanSchema, { io: "input" }), "plan-align normalized plan"),
    "jurisdictions.schema.json": withTitle(
      z.toJSONSchema(HierarchySchema, { io: "input" }),
      "plan-align jurisdiction hierarchy",
    ),
    "review.schema.json": withTitle(z.toJSONSchema(ReviewFileSchema, { io: "input" }), "plan-align review decisions"),
    "audit-report.schema.json": withTitle(z.toJSONSchema(AuditReportSchema, { io: "output" }), "plan-align audit report"),
  };
}

function withTitle(schema: object, title: string): object {
  return { ...schema, title };
}
