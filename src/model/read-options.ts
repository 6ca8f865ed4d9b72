import * as z from "zod";

// The read stage's options, checked at its door like every public function's. Apart from options.ts so
// that the browser entry plan-align/read does not carry the plan schemas.

const Limit = z.number().int().positive();

/** Options of `readDocument`. */
export const ReadOptionsSchema = z
  .object({
    file: z.string().min(1).optional(),
    limits: z.object({ maxBytes: Limit, maxPages: Limit, maxUnpackedBytes: Limit, maxTextLength: Limit }).partial().strict().optional(),
  })
  .strict();

/** The bytes of a document. */
export const DocumentBytesSchema = z.instanceof(Uint8Array);
