import hierarchyData from "../../data/jurisdictions.json";
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
import { HierarchySchema, type Hierarchy } from "../model/hierarchy.js";
import type { Level, Plan } from "../model/plan.js";
import { formatPath, PlanLoadError } from "./errors.js";
import { parsePlan } from "./parse-plan.js";

// The bundled plans are imported statically, so they work in browsers too; each is checked against the
// schema the first time it is asked for.

const rawBundledPlans: Readonly<Record<string, unknown>> = {
  national, shanxi, xinzhou, daixian, henan, nanyang, jilin, zhejiang, ningbo, jinhua,
};

/** Ids of the bundled plans, top of the hierarchy first. */
export const bundledPlanIds: readonly string[] = Object.keys(rawBundledPlans);

const parsedPlans = new Map<string, Plan>();

/**
 * Returns a bundled plan by id, checked against the schema.
 *
 * @throws Error when no bundled plan has that id (the message lists the ids there are)
 * @example
 * const daixian = getBundledPlan("daixian");
 * daixian.indicators.length; // 6 core indicators, plus the targets in its goal text
 */
export function getBundledPlan(id: string): Plan {
  const cached = parsedPlans.get(id);
  if (cached !== undefined) return cached;
  if (!isBundledPlanId(id)) {
    throw new Error(`no bundled plan has id "${id}"; there are: ${bundledPlanIds.join(", ")}`);
  }
  const plan = parsePlan(rawBundledPlans[id], `data/plans/${id}.json`);
  parsedPlans.set(id, plan);
  return plan;
}

/** Whether a bundled plan has this id. */
export function isBundledPlanId(id: string): boolean {
  return Object.hasOwn(rawBundledPlans, id);
}

let hierarchy: Hierarchy | undefined;

/** The jurisdiction hierarchy of the bundled plans (data/jurisdictions.json). */
export function getHierarchy(): Hierarchy {
  if (hierarchy === undefined) {
    const result = HierarchySchema.safeParse(hierarchyData);
    if (!result.success) {
      throw new PlanLoadError(
        "data/jurisdictions.json",
        result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      );
    }
    hierarchy = result.data;
  }
  return hierarchy;
}

/**
 * The bundled plans above a plan, nearest first, following its jurisdiction's parents up to 全国.
 * Levels without a bundled plan are left out; levels whose plan has no content are kept, so a caller can
 * skip them and say so.
 *
 * @example
 * getAncestorPlans(getBundledPlan("daixian")).map((plan) => plan.id); // ["xinzhou", "shanxi", "national"]
 */
export function getAncestorPlans(plan: Plan): Plan[] {
  const byName = new Map(getHierarchy().jurisdictions.map((entry) => [entry.name, entry]));
  const ancestors: Plan[] = [];
  const visited = new Set<string>([plan.jurisdiction.name]);
  for (let name = plan.jurisdiction.parent; name !== null; ) {
    const entry = byName.get(name);
    if (entry === undefined || visited.has(name)) break;
    visited.add(name);
    for (const id of entry.plans) if (isBundledPlanId(id)) ancestors.push(getBundledPlan(id));
    name = entry.parent;
  }
  return ancestors;
}

/** One line of the bundled catalogue, as `plan-align list` prints it. */
export interface PlanSummary {
  id: string;
  title: string;
  level: Level;
  /** Id of the nearest bundled plan above, or null at the top. */
  parent: string | null;
  counts: { indicators: number; tasks: number; projects: number };
}

/** Summarizes a plan: id, title, level, the nearest bundled plan above it, and its item counts. */
export function summarizePlan(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    level: plan.jurisdiction.level,
    parent: getAncestorPlans(plan)[0]?.id ?? null,
    counts: { indicators: plan.indicators.length, tasks: plan.tasks.length, projects: plan.projects.length },
  };
}

/** Every bundled plan, summarized, top of the hierarchy first. */
export function listBundledPlans(): PlanSummary[] {
  return bundledPlanIds.map((id) => summarizePlan(getBundledPlan(id)));
}
