// One audit on a worker thread of `auditEachInParallel`: the plan, its ancestors and the options arrive
// cloned, already checked at the call, and the report goes back cloned.
import { auditPlanUnchecked } from "../findings/audit-plan.js";
import type { AuditOptions, AuditReport } from "../findings/types.js";
import type { Plan } from "../model/plan.js";

export interface AuditTask {
  plan: Plan;
  ancestors: Plan[];
  options: Omit<AuditOptions, "ancestors">;
}

export default function audit(task: AuditTask): AuditReport {
  return auditPlanUnchecked(task.plan, { ...task.options, ancestors: task.ancestors });
}
