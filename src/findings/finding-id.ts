import type { Finding } from "./types.js";

/**
 * Each finding's id, made from what it is about (the plan audited, the kind, the plan above, both items), so
 * that the same plans and settings give the same ids in every run and a table, a matrix cell or a review can
 * name a finding across outputs: `daixian/weaker-target/national/core-6/core-5`. A part a finding lacks is `-`
 * (no slug is a lone hyphen); findings alike in all of these (two omissions in one plan) take `~2`, `~3` in
 * report order, which is stable too.
 */
export function withFindingIds(findings: readonly Omit<Finding, "id">[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    // An omission in an ancestor's source is in that plan, which is not the plan above for such a finding.
    const above = finding.referencePlan?.id ?? (finding.plan.id === finding.auditedPlan.id ? undefined : finding.plan.id);
    const key = [finding.auditedPlan.id, finding.kind, above, finding.reference?.id, finding.subject?.id].map((part) => part ?? "-").join("/");
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return { id: count === 1 ? key : `${key}~${count}`, ...finding };
  });
}
