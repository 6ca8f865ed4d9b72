export { formatPath } from "../model/input-error.js";
export type { PlanIssue } from "../model/input-error.js";
export { PlanLoadError } from "../model/plan-load-error.js";
