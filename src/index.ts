// The browser-safe public API: this list is the whole of it. File access is in `plan-align/node`.

export {
  PlanSchema,
  SectionSchema,
  IndicatorSchema,
  TaskSchema,
  ProjectSchema,
  OmissionSchema,
  UnitsSchema,
  JurisdictionSchema,
  SourceSchema,
  LevelSchema,
  PlanKindSchema,
  IndicatorNatureSchema,
  ContentSchema,
} from "./model/plan.js";
export type {
  Plan,
  Section,
  Indicator,
  Task,
  Project,
  Omission,
  Units,
  Jurisdiction,
  Source,
  Level,
  PlanKind,
  IndicatorNature,
  Content,
} from "./model/plan.js";
export { HierarchySchema, JurisdictionEntrySchema } from "./model/hierarchy.js";
export type { Hierarchy, JurisdictionEntry } from "./model/hierarchy.js";
export { getJsonSchemas } from "./model/json-schema.js";
export { getSectionPath } from "./model/sections.js";

export { PlanLoadError } from "./load/errors.js";
export type { PlanIssue } from "./load/errors.js";
export { parsePlan, findMissingQuotes } from "./load/parse-plan.js";
export {
  bundledPlanIds,
  getBundledPlan,
  isBundledPlanId,
  getHierarchy,
  getAncestorPlans,
  summarizePlan,
  listBundledPlans,
} from "./load/bundled.js";
export type { PlanSummary } from "./load/bundled.js";
