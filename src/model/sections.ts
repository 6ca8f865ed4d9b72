import { z } from "zod";
import { checkArguments } from "./input-error.js";
import { PlanSchema, type Plan, type Section } from "./plan.js";

/**
 * The sections from the top of the plan down to the given one, e.g. 二、工作分工 › (二)重点任务 ›
 * 5.加强应急救援力量体系建设 for a task of 代县. Items name only their innermost section; this gives the rest.
 *
 * @throws InputError when the plan does not match the plan schema or the id is not a string
 * @example
 * getSectionPath(plan, plan.tasks[19].section).map((section) => section.title);
 */
export function getSectionPath(plan: Plan, sectionId: string): Section[] {
  checkArguments("getSectionPath", { plan: [PlanSchema, plan], sectionId: [z.string(), sectionId] });
  return getSectionPathUnchecked(plan, sectionId);
}

/** `getSectionPath` for a plan already checked: what alignment and audits call for every item. */
export function getSectionPathUnchecked(plan: Plan, sectionId: string): Section[] {
  const byId = new Map(plan.sections.map((section) => [section.id, section]));
  const path: Section[] = [];
  for (let section = byId.get(sectionId); section !== undefined; ) {
    if (path.includes(section)) break; // a cycle in hand-edited data; stop rather than loop
    path.unshift(section);
    section = section.parent === null ? undefined : byId.get(section.parent);
  }
  return path;
}
