import * as z from "zod";
import { deepFreeze } from "../_lib/deep-freeze.js";

// What reading the inputs of a batch (`audit-all`) leaves to say beside the audits: every report format of a
// batch lists it, so that no input is passed over in silence.

/** An input that could not be read: the file (or `corpus.jsonl`, `<stdin>`) and why, one line per problem with its path inside the file. */
export const UnreadableInputSchema = z.object({ file: z.string().min(1), reason: z.array(z.string()).min(1) }).strict();

/** An entry of a folder not attempted, and why: a hidden or system file, a subfolder, something not a file. */
export const SkippedInputSchema = z.object({ file: z.string().min(1), reason: z.string().min(1) }).strict();

/** What reading a batch's inputs left to say: the inputs not read, the folder entries skipped, and notes (ids made unique). */
export const BatchReadingSchema = z
  .object({ unreadable: z.array(UnreadableInputSchema), skipped: z.array(SkippedInputSchema), notes: z.array(z.string()) })
  .strict();

/** An input of a batch that could not be read, and why (`reason`: the error's lines, each with the path inside the file). */
export interface UnreadableInput {
  file: string;
  reason: string[];
}

/** A folder entry a batch did not attempt, and why. */
export interface SkippedInput {
  file: string;
  reason: string;
}

/** What reading a batch's inputs left to say; `loadPlanBatch` returns it with the plans, and `audit-all` lists it in every format. */
export interface BatchReading {
  /** Inputs that could not be read, in input order. */
  unreadable: UnreadableInput[];
  /** Folder entries not attempted: hidden and system files, subfolders. */
  skipped: SkippedInput[];
  /** What a reader should know of the batch, e.g. an id made unique with a suffix. */
  notes: string[];
}

/** The reading of a batch whose every input was read: what renderers of a batch assume when given none. */
export const nothingLeftOut: BatchReading = deepFreeze({ unreadable: [], skipped: [], notes: [] });
