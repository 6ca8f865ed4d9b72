import { lru } from "tiny-lru";
import type { Plan, Provenance, Section } from "../model/plan.js";
import { roleOfTitle, type SectionRole } from "../model/section-roles.js";
import { getOutline, type Outline } from "../model/sections.js";
import { normalizeText } from "../text/normalize.js";
import type { ItemKind, MatchableItem } from "../similarity/types.js";
import { describeTarget, type ItemTarget } from "../targets/item-target.js";

// Normalizing (traditional to simplified characters above all) is the costliest step of collecting items, and
// a plan aligned with every plan below it is collected each time: the normalized texts are kept by content.
const normalized = lru<string>(6_000);
const normalizeOnce = (text: string): string => {
  let result = normalized.get(text);
  if (result === undefined) {
    result = normalizeText(text);
    normalized.set(text, result);
  }
  return result;
};

/** The role of a section: the first role named by its outermost ancestor, then the next one down, then itself. */
export function getSectionRole(plan: Plan, section: Section, outline: Outline = getOutline(plan)): SectionRole | undefined {
  for (const step of outline.pathOf(section.id)) {
    const role = roleOfTitle(normalizeOnce(step.title));
    if (role !== undefined) return role;
  }
  return undefined;
}

/** An item of a plan made ready for scoring, with what reports need to show it. */
export interface PlanItem {
  item: MatchableItem;
  /** Position in the document, for stable ordering. */
  order: number;
  text: string;
  quote: string;
  /** Where the item was read from when not the document itself; reports show it as a note. */
  provenance?: Provenance;
  /** For sections: the role that decides what they may be matched with. */
  role?: SectionRole;
  /**
   * A bare heading that stands where a group stands: a task or project whose text says no more than its
   * title, directly under the part that names its role (三、重点任务 › (一)…, as a table of contents gives
   * it), or a group with nothing under it (a skeleton plan). Such entries may correspond to a whole group of
   * the other plan, or a group to one item.
   */
  bareHeading: boolean;
  /** For an indicator with a target: the target as written and as read, which reports show beside it. */
  target?: ItemTarget;
}

const provenanceOf = (entry: { provenance?: Provenance | undefined }) => (entry.provenance === undefined ? {} : { provenance: entry.provenance });

const contextOf = (outline: Outline, sectionId: string) => outline.pathOf(sectionId).map((section) => section.title);

/** The items of a plan of one kind, as scorers and reports see them. */
export function collectItems(plan: Plan, kind: ItemKind, outline: Outline = getOutline(plan)): PlanItem[] {
  switch (kind) {
    case "indicator":
      return plan.indicators.map((indicator, order) => {
        const target = describeTarget(indicator);
        return {
          order,
          bareHeading: false,
          ...(target === undefined ? {} : { target }),
          text: indicator.target === null ? indicator.name : `${indicator.name} ${indicator.target}`,
          quote: indicator.quote,
          ...provenanceOf(indicator),
          item: {
            kind, id: indicator.id, label: indicator.name, body: "", target: indicator.target,
            context: contextOf(outline, indicator.section),
          },
        };
      });
    case "task":
    case "project": {
      const sections = new Map(plan.sections.map((section) => [section.id, section]));
      return (kind === "task" ? plan.tasks : plan.projects).map((work, order) => {
        const titleOnly = sayingOnly(work.text) === sayingOnly(work.title);
        const section = sections.get(work.section);
        const underPart = section !== undefined && roleOfTitle(normalizeOnce(section.title)) !== undefined;
        return {
          order,
          text: work.text,
          quote: work.quote,
          ...provenanceOf(work),
          bareHeading: titleOnly && underPart,
          item: { kind, id: work.id, label: work.title, body: titleOnly ? "" : work.text, context: contextOf(outline, work.section) },
        };
      });
    }
    case "section":
      return collectSections(plan, outline);
  }
}

// Only sections that group goals, tasks or projects take part: background and safeguards are not plan content.
function collectSections(plan: Plan, outline: Outline): PlanItem[] {
  const items: PlanItem[] = [];
  plan.sections.forEach((section, order) => {
    const role = getSectionRole(plan, section, outline);
    if (role === undefined || role === "safeguards") return;
    const body = titlesWithin(plan, section.id, outline);
    items.push({
      order,
      role,
      bareHeading: body === "",
      text: `${section.number}${section.title}`,
      quote: section.quote,
      ...provenanceOf(section),
      item: {
        kind: "section", id: section.id, label: section.title, body,
        context: contextOf(outline, section.id).slice(0, -1),
      },
    });
  });
  return items;
}

/** A text without its numbering, punctuation and spacing: what it says. */
const sayingOnly = (text: string) => normalizeOnce(text).replace(/^[(（]?[0-9一二三四五六七八九十]+[)）、.．]?/u, "").replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");

/** The titles of everything under a section: its subsections, tasks, projects and indicators. */
function titlesWithin(plan: Plan, sectionId: string, outline: Outline): string {
  const below = outline.descendantsOf(sectionId);
  const inside = new Set([sectionId, ...below]);
  const titles = [
    ...plan.sections.filter((section) => below.has(section.id)).map((section) => section.title),
    ...[...plan.tasks, ...plan.projects].filter((work) => inside.has(work.section)).map((work) => work.title),
    ...plan.indicators.filter((indicator) => inside.has(indicator.section)).map((indicator) => indicator.name),
  ];
  return titles.join("。");
}

/**
 * The task and project groups of a plan with their role: sections directly under the heading that names
 * the role (三、重点任务 › (一)…), not the heading itself and not boxes or paragraphs nested deeper.
 */
export type GroupRoles = Map<string, "tasks" | "projects">;

export function getTaskGroups(plan: Plan): GroupRoles {
  const roleOf = new Map(collectItems(plan, "section").map((entry) => [entry.item.id, entry.role]));
  const parentOf = new Map(plan.sections.map((section) => [section.id, section.parent]));
  const groups: GroupRoles = new Map();
  for (const [id, role] of roleOf) {
    if (role !== "tasks" && role !== "projects") continue;
    const parent = parentOf.get(id) ?? null;
    const grandparent = parent === null ? null : (parentOf.get(parent) ?? null);
    if (parent !== null && roleOf.get(parent) === role && (grandparent === null || roleOf.get(grandparent) !== role)) groups.set(id, role);
  }
  return groups;
}
