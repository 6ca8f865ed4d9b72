import hierarchyData from "../../data/jurisdictions.json";
import { deepFreeze } from "../_lib/deep-freeze.js";
import { resolveDivision, toJurisdiction, type Division } from "../jurisdictions/divisions.js";
import { HierarchySchema, type Hierarchy, type JurisdictionEntry } from "../model/hierarchy.js";
import type { Plan } from "../model/plan.js";
import { formatPath, PlanLoadError } from "./errors.js";
import { parsePlan } from "./parse-plan.js";

// The chain of jurisdictions above a plan and the plans found for each level. Which plans a level falls
// back to is the caller's: the bundled plans in `plan-align`, none in `plan-align/core`; this module holds
// no plan, so the core entry does not carry them.

/** The plans above `plan`, nearest first, found among `among` and else where the entry looks. */
export type FindAncestors = (plan: Plan, among: readonly Plan[]) => Plan[];

/** The plans of a jurisdiction, by ids of data/jurisdictions.json, to use where `among` has none. */
export type PlansOfJurisdiction = (planIds: readonly string[]) => Plan[];

let hierarchy: Hierarchy | undefined;

/**
 * The jurisdiction hierarchy of the bundled plans (data/jurisdictions.json); frozen, as it is shared.
 *
 * @example
 * getHierarchy().jurisdictions.find((entry) => entry.name === "代县");
 * // { name: "代县", level: "county", parent: "忻州市", plans: ["daixian"] }
 */
export function getHierarchy(): Hierarchy {
  if (hierarchy === undefined) {
    const result = HierarchySchema.safeParse(hierarchyData);
    if (!result.success) {
      throw new PlanLoadError(
        "data/jurisdictions.json",
        result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      );
    }
    hierarchy = deepFreeze(result.data);
  }
  return hierarchy;
}

/**
 * The plans above a plan, nearest first, up to 全国, for arguments already checked: each level gets its
 * plans among `among`, else `plansOf` its hierarchy entry's plan ids, else a placeholder without content.
 */
export function findAncestorPlans(plan: Plan, among: readonly Plan[], plansOf: PlansOfJurisdiction): Plan[] {
  const byName = hierarchyByName();
  return ancestorNames(plan.jurisdiction, byName).flatMap((name) => {
    const given = among.filter((candidate) => candidate !== plan && candidate.jurisdiction.name === name);
    if (given.length > 0) return given;
    const found = plansOf(byName.get(name)?.plans ?? []);
    if (found.length > 0) return found;
    const division = lookUp(name, []);
    return division === undefined ? [] : [unknownPlan(division)];
  });
}

/** The names of the jurisdictions above a plan's, nearest first, as `findAncestorPlans` walks them. */
export function getAncestorNames(plan: Plan): string[] {
  return ancestorNames(plan.jurisdiction, hierarchyByName());
}

// Built once: the hierarchy is frozen, and every plan audited walks it.
let byName: ReadonlyMap<string, JurisdictionEntry> | undefined;
const hierarchyByName = () => (byName ??= new Map(getHierarchy().jurisdictions.map((entry) => [entry.name, entry])));

/**
 * The names above a jurisdiction, nearest first: its stated parent (or the table's), then the table's
 * names above that; where the table does not know a name, the bundled hierarchy's parents.
 */
function ancestorNames(jurisdiction: Plan["jurisdiction"], bundled: ReadonlyMap<string, JurisdictionEntry>): string[] {
  const names: string[] = [];
  let parent = jurisdiction.parent ?? (lookUp(jurisdiction.name, [])?.ancestors[0] ?? null);
  while (parent !== null && !names.includes(parent)) {
    names.push(parent);
    const division = lookUp(parent, []);
    if (division !== undefined) {
      names.push(...division.ancestors.filter((name) => !names.includes(name)));
      break;
    }
    parent = bundled.get(parent)?.parent ?? null;
  }
  return names;
}

const lookUp = (name: string, hints: readonly string[]) => {
  const found = resolveDivision(name, hints);
  return found.status === "found" ? found.division : undefined;
};

/** A level of the chain whose plan is not known here: it has a name and a level, and nothing to compare. */
function unknownPlan(division: Division): Plan {
  return parsePlan({
    schemaVersion: 1,
    id: `unknown-${division.code}`,
    title: `${division.name}（规划未收录）`,
    issuer: null, documentNumber: null, issueDate: null, kind: null, period: null,
    jurisdiction: toJurisdiction(division),
    source: { file: "none", type: "secondary" },
    content: "none",
    notes: [`No plan of ${division.name} is bundled or given: the level is skipped. Pass its plan among the ancestors (auditPlan's \`ancestors\` option) to compare with it.`],
    sections: [], indicators: [], tasks: [], projects: [], omissions: [],
  }, `<placeholder for ${division.name}>`);
}
