import { checkArguments } from "../model/input-error.js";
import { FilePathSchema } from "../model/options.js";
import type { PlanIssue } from "./errors.js";
import { PlanLoadError } from "./errors.js";
import { openPlan } from "./files.js";
import { findMissingQuotesUnchecked } from "./parse-plan.js";

/** The outcome of checking one plan: every problem with its path, or none. */
export interface PlanValidation {
  /** What was asked for: a bundled id or a file path. */
  input: string;
  /** The file checked. */
  file: string;
  /** The plan's id, when it could be read. */
  id: string | null;
  valid: boolean;
  /** Each problem with its path inside the plan; empty when valid. */
  problems: PlanIssue[];
}

/**
 * Checks a plan (bundled id or file) against the schema and checks that each quote occurs in its source.
 * Never throws for a bad plan: problems are returned, with their paths.
 *
 * @throws InputError only when `idOrFile` is not a non-empty string
 * @example
 * const result = await validatePlan("daixian");
 * result.valid; // true
 * result.problems; // []
 */
export async function validatePlan(idOrFile: string): Promise<PlanValidation> {
  checkArguments("validatePlan", { idOrFile: [FilePathSchema, idOrFile] });
  try {
    const { plan, file, sourceText } = await openPlan(idOrFile);
    const problems = findMissingQuotesUnchecked(plan, sourceText);
    return { input: idOrFile, file, id: plan.id, valid: problems.length === 0, problems };
  } catch (error) {
    if (!(error instanceof PlanLoadError)) throw error;
    return { input: idOrFile, file: error.file, id: null, valid: false, problems: [...error.issues] };
  }
}
