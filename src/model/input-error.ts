import type * as z from "zod";

/** One problem found in an input, at a JSON path such as `indicators[3].target`. */
export interface PlanIssue {
  /** Where in the input, in the JSON path notation `tasks[12].units.lead`; empty for the input as a whole. */
  path: string;
  /** What is wrong, in words a person can act on. */
  message: string;
}

/**
 * The one error plan-align throws for input it refuses, whatever the entry: a file that cannot be read, is
 * not UTF-8, JSON or YAML, repeats a key or does not match its schema (then it is a `PlanLoadError`, with
 * `file`); a plan whose quotes are not in its source, where quotes are checked; a review naming plans that
 * are not compared; or an argument of a library function that does not match its schema (a plan, options,
 * a report, a format, thresholds, a path). Each problem has the path inside the input; for an argument the
 * path starts with the argument's name. Nothing is returned half-done. The command line prints the message
 * and exits with 1.
 *
 * @example
 * try { auditPlan(plan, { lang: "fr" }); }
 * catch (error) { if (error instanceof InputError) console.error(error.message); } // auditPlan: options.lang: Invalid option: …
 */
export class InputError extends Error {
  override readonly name: string = "InputError";
  /** What was refused: a file, or the function whose argument it was (`auditPlan`). */
  readonly input: string;
  /** Every problem found, each with its path. */
  readonly issues: readonly PlanIssue[];

  constructor(input: string, issues: readonly PlanIssue[]) {
    super(issues.map((issue) => describeIssue(input, issue)).join("\n"));
    this.input = input;
    this.issues = issues;
  }
}

/** One problem as a line says it: `auditPlan: plan.tasks[2].lead: expected array`, `x.json: not valid JSON: …`. */
export function describeIssue(input: string, issue: PlanIssue): string {
  return `${input}: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`;
}

/** Formats a path of keys and indexes as `tasks[12].units.lead`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Checks the arguments of a public function, each against its schema, and throws one InputError listing
 * every problem with its path from the argument's name (`auditPlan: plan.tasks[2].lead: …`). The values
 * are left as given: a check, not a copy.
 *
 * @example
 * checkArguments("alignPlans", { reference: [PlanSchema, reference], options: [AlignOptionsSchema, options] });
 */
export function checkArguments(functionName: string, args: Readonly<Record<string, readonly [z.ZodType, unknown]>>): void {
  const issues: PlanIssue[] = [];
  for (const [name, [schema, value]] of Object.entries(args)) {
    const result = schema.safeParse(value);
    if (!result.success) issues.push(...result.error.issues.map((issue) => ({ path: formatPath([name, ...issue.path]), message: issue.message })));
  }
  if (issues.length > 0) throw new InputError(functionName, issues);
}

/**
 * The check of text arguments, for functions called once per item or line (`normalizeText`, `parseTarget`):
 * one `typeof` each, and the same InputError as `checkArguments` when one is not a string.
 *
 * @example
 * checkTexts("diffWords", { reference, subject });
 */
export function checkTexts(functionName: string, args: Readonly<Record<string, unknown>>): void {
  const issues: PlanIssue[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== "string") issues.push({ path: name, message: `Invalid input: expected string, received ${value === null ? "null" : typeof value}` });
  }
  if (issues.length > 0) throw new InputError(functionName, issues);
}
