import * as z from "zod";
import { checkArguments } from "../model/input-error.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import { formatPath, PlanLoadError, type PlanIssue } from "./errors.js";

/**
 * Checks a value against the plan schema and returns it typed, or throws a `PlanLoadError` listing every
 * problem with its path.
 *
 * @param input - the parsed JSON or YAML value
 * @param file - what to call the input in errors, e.g. its file name
 * @example
 * parsePlan(structuredClone(getBundledPlan("daixian"))).id; // "daixian"
 * parsePlan({ id: "mouxian" }, "mouxian.json");
 * // throws PlanLoadError, one problem a line: "mouxian.json: schemaVersion: Invalid input: expected 1", …
 */
export function parsePlan(input: unknown, file = "<object>"): Plan {
  checkArguments("parsePlan", { file: [z.string().min(1), file] });
  const result = PlanSchema.safeParse(input);
  if (!result.success) throw new PlanLoadError(file, describeIssues(result.error.issues));
  return result.data;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): PlanIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Finds the quotes of a plan that do not occur in its source text, character for character.
 *
 * @returns one issue per missing quote, with its path, e.g. `tasks[4].quote`
 * @throws InputError when the plan does not match the plan schema or the source text is not a string
 * @example
 * const { plan, sourceText } = await openPlan("daixian"); // openPlan is in plan-align/node
 * findMissingQuotes(plan, sourceText); // []: every quote is in the source
 * findMissingQuotes(plan, sourceText.slice(0, 2000)).length; // 77 quotes lie beyond its first 2,000 characters
 */
export function findMissingQuotes(plan: Plan, sourceText: string): PlanIssue[] {
  checkArguments("findMissingQuotes", { plan: [PlanSchema, plan], sourceText: [z.string(), sourceText] });
  return findMissingQuotesUnchecked(plan, sourceText);
}

/** `findMissingQuotes` for a plan already checked, as loading gives it. */
export function findMissingQuotesUnchecked(plan: Plan, sourceText: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const lists = ["sections", "indicators", "tasks", "projects", "omissions"] as const;
  for (const list of lists) {
    plan[list].forEach((entry, index) => {
      if (!sourceText.includes(entry.quote)) {
        issues.push({
          path: `${list}[${index}].quote`,
          message: `not found in the source ${plan.source.file}: "${abbreviate(entry.quote)}"`,
        });
      }
    });
  }
  return issues;
}

function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/gu, " ");
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
