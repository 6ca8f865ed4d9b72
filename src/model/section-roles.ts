import sectionRolesTable from "../../data/similarity/section-roles.json";

/** What a part of a plan holds: goals, tasks, projects, or the safeguards that close it. */
export type SectionRole = "goals" | "tasks" | "projects" | "safeguards";

const roles = sectionRolesTable.roles.map(({ role, keywords }) => ({ role: role as SectionRole, keywords }));

/**
 * The role a heading names by its words (data/similarity/section-roles.json): 重点任务 → tasks, 重点工程 →
 * projects, 主要目标 → goals; undefined when it names none. Expects normalized text.
 *
 * @example
 * roleOfTitle("三、重点任务"); // "tasks"
 */
export function roleOfTitle(normalizedTitle: string): SectionRole | undefined {
  return roles.find(({ keywords }) => keywords.some((keyword) => normalizedTitle.includes(keyword)))?.role;
}
