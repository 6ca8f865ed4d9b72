import { InputError, type PlanIssue } from "./input-error.js";

// In model/ rather than load/: the read stage refuses files with it too, and load/ reads documents through
// read/, so the arrow runs one way.

/**
 * The `InputError` of a file (or of a plan given as a value): a plan, review or synonym table that cannot be
 * read, is not UTF-8, JSON or YAML, repeats a key, does not match its schema, or quotes what its source does
 * not say; a document whose format or encoding cannot be read. Nothing is returned half-loaded.
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
