import * as z from "zod";
import { LevelSchema } from "./plan.js";

/** One jurisdiction of the hierarchy, with the one above it and the plans issued there. */
export const JurisdictionEntrySchema = z
  .object({
    name: z.string().min(1).describe("Name as written in Chinese, e.g. 忻州市; 全国 for the nation."),
    level: LevelSchema,
    parent: z.string().min(1).nullable().describe("Name of the jurisdiction directly above; null for 全国."),
    plans: z.array(z.string().min(1)).describe("Ids of the plans of this jurisdiction."),
  })
  .strict();
/**
 * One jurisdiction of the hierarchy: its `name` as written, `level`, the `parent` jurisdiction's name
 * (`null` for 全国) and the ids of its `plans`.
 *
 * @useDeclaredType
 */
export type JurisdictionEntry = z.infer<typeof JurisdictionEntrySchema>;

/** The jurisdiction hierarchy: who sits above whom, and which plans each has. */
export const HierarchySchema = z
  .object({
    $comment: z.string().optional(),
    jurisdictions: z.array(JurisdictionEntrySchema),
  })
  .strict()
  .superRefine((hierarchy, ctx) => {
    const names = new Set(hierarchy.jurisdictions.map((entry) => entry.name));
    hierarchy.jurisdictions.forEach((entry, index) => {
      if (entry.parent !== null && !names.has(entry.parent)) {
        ctx.addIssue({ code: "custom", path: ["jurisdictions", index, "parent"], message: `no jurisdiction is named "${entry.parent}"` });
      }
    });
  });
/**
 * The jurisdiction hierarchy: every jurisdiction with the one above it and its plans.
 *
 * @useDeclaredType
 */
export type Hierarchy = z.infer<typeof HierarchySchema>;
