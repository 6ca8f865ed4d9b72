// The browser-safe public API: `plan-align/core` and the bundled plans. File access is in `plan-align/node`.

export * from "./core.js";
export {
  bundledPlanIds,
  getBundledPlan,
  isBundledPlanId,
  getAncestorPlans,
  summarizePlan,
  listBundledPlans,
} from "./load/bundled.js";
export type { PlanSummary } from "./load/bundled.js";
// These take the place of the core's audits of the same names (a module's own exports win over `export *`):
// a level above that the caller does not give gets its bundled plan.
export { auditPlan, auditMany, auditAll, auditEach } from "./corpus/with-bundled-plans.js";
