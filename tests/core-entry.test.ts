import { describe, expect, it } from "vitest";
import * as core from "../src/core.js";
import * as full from "../src/index.js";

// plan-align/core: plan-align without the bundled plans, its audits given the plans above.
const daixian = full.getBundledPlan("daixian");
const chain = full.getAncestorPlans(daixian);

describe("plan-align/core", () => {
  it("exports everything of plan-align but the bundled plans", () => {
    const bundledOnly = Object.keys(full).filter((name) => !(name in core)).sort();
    expect(bundledOnly).toEqual(["bundledPlanIds", "getAncestorPlans", "getBundledPlan", "isBundledPlanId", "listBundledPlans", "summarizePlan"]);
    expect(Object.keys(core).filter((name) => !(name in full))).toEqual([]);
  });

  it("audits a plan against the ancestors given, as plan-align does", () => {
    const report = core.auditPlan(daixian, { ancestors: chain });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report).toEqual(full.auditPlan(daixian));
  });

  it("refuses a plan with levels above and no ancestors given, naming them and the way out", () => {
    expect(() => core.auditPlan(daixian)).toThrow(core.InputError);
    expect(() => core.auditPlan(daixian)).toThrow(/auditPlan: options\.ancestors: no plan above "daixian" \(忻州市, 山西省, 全国\) is given.*plan-align\/core bundles none/u);
    expect(() => core.auditMany([daixian])).toThrow(/auditMany: plans: no plan above "daixian"/u);
  });

  it("audits a plan at the top without ancestors, and refuses one whose only level above is 全国", () => {
    expect(core.auditPlan(full.getBundledPlan("national")).chain).toEqual([]);
    expect(() => core.auditPlan(full.getBundledPlan("shanxi"))).toThrow(/no plan above "shanxi" \(全国\)/u);
  });

  it("finds the ancestors among the plans audited together, and refuses a plan none of whose levels is there", () => {
    const plans = [daixian, ...chain];
    expect(core.auditAll(plans).reports).toEqual(full.auditAll(plans).reports);
    expect([...core.auditEach(plans)]).toEqual(full.auditAll(plans).reports);
    const nanyang = full.getBundledPlan("nanyang");
    // 南阳市's levels are 河南省 and 全国; the national plan left out, none of them is among these.
    const withoutNational = [nanyang, daixian, ...chain.filter((plan) => plan.id !== "national")];
    expect(() => core.auditAll(withoutNational)).toThrow(/auditAll: plans: no plan above "nanyang" \(河南省, 全国\)/u);
    // A stream refuses at the call, before any report.
    expect(() => core.auditEach(withoutNational)).toThrow(/auditEach: plans: no plan above "nanyang"/u);
  });

  it("skips a level left out when another is given, as plan-align skips one it has no plan of", () => {
    const report = core.auditAll([daixian, full.getBundledPlan("national")]).reports[0];
    expect(report?.chain.map((step) => step.status)).toEqual(["skipped", "skipped", "aligned"]);
  });
});
