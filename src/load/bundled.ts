import * as z from "zod";
import { deepFreeze } from "../_lib/deep-freeze.js";
import daixian from "../../data/plans/daixian.json";
import henan from "../../data/plans/henan.json";
import jilin from "../../data/plans/jilin.json";
import jinhua from "../../data/plans/jinhua.json";
import nanyang from "../../data/plans/nanyang.json";
import national from "../../data/plans/national.json";
import ningbo from "../../data/plans/ningbo.json";
import shanxi from "../../data/plans/shanxi.json";
import xinzhou from "../../data/plans/xinzhou.json";
import zhejiang from "../../data/plans/zhejiang.json";
import { checkArguments, InputError } from "../model/input-error.js";
import { knownParts, PlanSchema, type KnownParts, type Level, type Plan } from "../model/plan.js";
import { findAncestorPlans } from "./ancestors.js";
import { parsePlan } from "./parse-plan.js";

// The bundled plans are imported statically, so they work in browsers too; each is checked against the
// schema the first time it is asked for, and frozen: every caller shares it, so none may change it.

const rawBundledPlans: Readonly<Record<string, unknown>> = {
  national, shanxi, xinzhou, daixian, henan, nanyang, jilin, zhejiang, ningbo, jinhua,
};

/** Ids of the bundled plans, top of the hierarchy first. */
// Marked pure so that a bundler drops the plans from a program that imports none of them.
export const bundledPlanIds: readonly string[] = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.keys(rawBundledPlans));

const parsedPlans = new Map<string, Plan>();

/**
 * Returns a bundled plan by id, checked against the schema. The plan is shared by every caller and so is
 * frozen, deeply: to change it, change a copy (`structuredClone(plan)`).
 *
 * @throws InputError when no bundled plan has that id (the message lists the ids there are)
 * @example
 * const daixian = getBundledPlan("daixian");
 * daixian.indicators.length; // 14: 6 from its core table, 6 from its goal text, 2 inside tasks
 * daixian.tasks[19]?.units?.lead; // ["县应急局"]
 */
export function getBundledPlan(id: string): Plan {
  checkArguments("getBundledPlan", { id: [z.string(), id] });
  const cached = parsedPlans.get(id);
  if (cached !== undefined) return cached;
  if (!isBundledPlanId(id)) {
    throw new InputError("getBundledPlan", [{ path: "id", message: `no bundled plan has id "${id}"; there are: ${bundledPlanIds.join(", ")}` }]);
  }
  const plan = deepFreeze(parsePlan(rawBundledPlans[id], `data/plans/${id}.json`));
  parsedPlans.set(id, plan);
  return plan;
}

/**
 * Whether a bundled plan has this id.
 *
 * @example
 * isBundledPlanId("daixian"); // true
 * isBundledPlanId("xian"); // false
 */
export function isBundledPlanId(id: string): boolean {
  return Object.hasOwn(rawBundledPlans, id);
}

/**
 * The plans above a plan, nearest first, up to 全国: the jurisdictions above it come from the national
 * division table (GB/T 2260), so 原平市 stands under 忻州市 and 山西省, and 蛟河市 under 吉林市 and 吉林省; each
 * gets the plans of that jurisdiction among `among` (a bureau's own plans), else its bundled plans. A
 * jurisdiction with neither gets a placeholder without content, and one whose plan has no content keeps
 * it: a caller skips both and says so.
 *
 * @throws InputError when the plan, or one of `among`, does not match the plan schema
 * @example
 * getAncestorPlans(getBundledPlan("daixian")).map((plan) => plan.id); // ["xinzhou", "shanxi", "national"]
 */
export function getAncestorPlans(plan: Plan, among: readonly Plan[] = []): Plan[] {
  checkArguments("getAncestorPlans", { plan: [PlanSchema, plan], among: [z.array(PlanSchema), among] });
  return getAncestorPlansUnchecked(plan, among);
}

/** `getAncestorPlans` for arguments already checked: what audits of many plans call for each. */
export function getAncestorPlansUnchecked(plan: Plan, among: readonly Plan[] = []): Plan[] {
  return findAncestorPlans(plan, among, (ids) => ids.filter(isBundledPlanId).map(getBundledPlan));
}

/** One line of the bundled catalogue, as `plan-align list` prints it. */
export interface PlanSummary {
  id: string;
  title: string;
  level: Level;
  /** Id of the nearest bundled plan above, or null at the top. */
  parent: string | null;
  counts: { indicators: number; tasks: number; projects: number };
  /** How much of each part is known (`knownParts`): counts of a part not `complete` are not all it has. */
  known: KnownParts;
}

/**
 * Summarizes a plan: id, title, level, the nearest bundled plan above it, its item counts, and how much of
 * each part is known.
 *
 * @throws InputError when the plan does not match the plan schema
 *
 * @example
 * summarizePlan(getBundledPlan("daixian"));
 * // { id: "daixian", title: "代县贯彻落实国家、省及市“十四五”应急体系规划实施方案", level: "county", parent: "xinzhou",
 * //   counts: { indicators: 14, tasks: 33, projects: 22 }, known: { indicators: "complete", tasks: "complete", projects: "complete" } }
 */
export function summarizePlan(plan: Plan): PlanSummary {
  checkArguments("summarizePlan", { plan: [PlanSchema, plan] });
  return summarizePlanUnchecked(plan);
}

function summarizePlanUnchecked(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    level: plan.jurisdiction.level,
    parent: getAncestorPlansUnchecked(plan)[0]?.id ?? null,
    counts: { indicators: plan.indicators.length, tasks: plan.tasks.length, projects: plan.projects.length },
    known: knownParts(plan),
  };
}

/**
 * Every bundled plan, summarized, top of the hierarchy first.
 *
 * @example
 * listBundledPlans().map((summary) => summary.id);
 * // ["national", "shanxi", "xinzhou", "daixian", "henan", "nanyang", "jilin", "zhejiang", "ningbo", "jinhua"]
 */
export function listBundledPlans(): PlanSummary[] {
  return bundledPlanIds.map((id) => summarizePlanUnchecked(getBundledPlan(id)));
}
