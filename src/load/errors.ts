/** One problem found in a plan, at a JSON path such as `indicators[3].target`. */
export interface PlanIssue {
  /** Where in the plan, in the JSON path notation `tasks[12].units.lead`; empty for the whole plan. */
  path: string;
  /** What is wrong, in words a person can act on. */
  message: string;
}

/**
 * Thrown when a plan (or a synonym table) cannot be loaded: the file is unreadable, is not JSON or YAML, or
 * does not match its schema. Nothing is returned half-loaded.
 *
 * @example
 * try { await loadPlanFile("plans/x.json"); }
 * catch (error) { if (error instanceof PlanLoadError) console.error(error.file, error.issues); }
 */
export class PlanLoadError extends Error {
  override readonly name = "PlanLoadError";
  /** The file that failed, or a label such as `<object>` for plans given as values. */
  readonly file: string;
  /** Every problem found, each with its path. */
  readonly issues: readonly PlanIssue[];

  constructor(file: string, issues: readonly PlanIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path || "(plan)"}: ${issue.message}`);
    super(`${file}: cannot be loaded\n${lines.join("\n")}`);
    this.file = file;
    this.issues = issues;
  }
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
