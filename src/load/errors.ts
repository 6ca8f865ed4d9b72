import { InputError, type PlanIssue } from "../model/input-error.js";

export { formatPath } from "../model/input-error.js";
export type { PlanIssue } from "../model/input-error.js";

/**
 * The `InputError` of a file (or of a plan given as a value): a plan, review or synonym table that cannot be
 * read, is not UTF-8, JSON or YAML, repeats a key, does not match its schema, or quotes what its source does
 * not say. Nothing is returned half-loaded.
 *
 * @example
 * try { await loadPlanFile("plans/x.json"); }
 * catch (error) { if (error instanceof PlanLoadError) console.error(error.file, error.issues); }
 */
export class PlanLoadError extends InputError {
  override readonly name = "PlanLoadError";
  /** The file that failed, or a label such as `<object>` for plans given as values. */
  readonly file: string;

  constructor(file: string, issues: readonly PlanIssue[]) {
    super(file, issues);
    this.file = file;
  }
}
