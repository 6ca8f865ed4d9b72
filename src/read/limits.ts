import type { ReadLimits } from "./types.js";

const megabyte = 1024 * 1024;

/**
 * The bounds `readDocument` keeps unless told otherwise; docs/reliability.md states them. A plan is tens of
 * pages: the largest bundled source is under 40,000 characters, and a Word plan unpacks to a few megabytes.
 *
 * @example
 * defaultReadLimits.maxBytes; // 67108864
 */
export const defaultReadLimits: Readonly<ReadLimits> = Object.freeze({
  // A scanned annex can make a PDF large; past this a file is not a plan.
  maxBytes: 64 * megabyte,
  maxPages: 1_000,
  maxUnpackedBytes: 64 * megabyte,
  // Fifty times the longest bundled plan; extraction is linear, so this bounds its time too.
  maxTextLength: 2_000_000,
});

/** The limits given, each missing one taken from the defaults. */
export function resolveReadLimits(given: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...defaultReadLimits, ...given };
}
