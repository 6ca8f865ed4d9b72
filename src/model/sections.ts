import * as z from "zod";
import { checkArguments } from "./input-error.js";
import { PlanSchema, type Plan, type Section } from "./plan.js";

/**
 * The sections from the top of the plan down to the given one, e.g. 二、工作分工 › (二)重点任务 ›
 * 5.加强应急救援力量体系建设 for a task of 代县. Items name only their innermost section; this gives the rest.
 *
 * @throws InputError when the plan does not match the plan schema or the id is not a string
 * @example
 * const daixian = getBundledPlan("daixian");
 * const task = daixian.tasks[19]!; // 建设航空应急救援力量
 * getSectionPath(daixian, task.section).map((section) => section.title); // ["工作分工", "重点任务", "加强应急救援力量体系建设"]
 */
export function getSectionPath(plan: Plan, sectionId: string): Section[] {
  checkArguments("getSectionPath", { plan: [PlanSchema, plan], sectionId: [z.string(), sectionId] });
  return getOutline(plan).pathOf(sectionId);
}

/** Every section's path and the sections under it, computed in one pass for code that asks for many. */
export interface Outline {
  /** The sections from the top down to this one; empty for an unknown id. */
  pathOf(sectionId: string): Section[];
  /** The ids of the sections strictly under this one, at any depth. */
  descendantsOf(sectionId: string): ReadonlySet<string>;
}

/** The plan's outline: linear in its sections, where asking `getSectionPath` for each section is quadratic. */
export function getOutline(plan: Plan): Outline {
  const byId = new Map(plan.sections.map((section) => [section.id, section]));
  const paths = new Map<string, Section[]>();
  const pathOf = (sectionId: string): Section[] => {
    const known = paths.get(sectionId);
    if (known !== undefined) return known;
    const path: Section[] = [];
    for (let section = byId.get(sectionId); section !== undefined; ) {
      if (path.includes(section)) break; // a cycle in hand-edited data; stop rather than loop
      path.unshift(section);
      section = section.parent === null ? undefined : byId.get(section.parent);
    }
    paths.set(sectionId, path);
    return path;
  };
  let descendants: Map<string, Set<string>> | undefined;
  const descendantsOf = (sectionId: string): ReadonlySet<string> => {
    if (descendants === undefined) {
      descendants = new Map(plan.sections.map((section) => [section.id, new Set<string>()]));
      for (const section of plan.sections) {
        for (const above of pathOf(section.id)) if (above !== section) descendants.get(above.id)?.add(section.id);
      }
    }
    return descendants.get(sectionId) ?? new Set();
  };
  return { pathOf, descendantsOf };
}
