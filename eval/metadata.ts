// How well extractPlan reads a document's metadata (title, number, issuer, dates) on pages of different
// layouts: the synthetic fixtures of tests/fixtures/layouts/ against the values written down with them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { extractPlan } from "../src/extract/extract-plan.js";

export const metadataFields = ["title", "documentNumber", "issuer", "issueDate", "publishDate"] as const;
export type MetadataField = (typeof metadataFields)[number];
export type MetadataValues = Record<MetadataField, string | null>;

export const layoutsDirectory = path.join(import.meta.dirname, "..", "tests", "fixtures", "layouts");

const ExpectedSchema = z.record(
  z.string(),
  z.object({ title: z.string(), documentNumber: z.string().nullable(), issuer: z.string().nullable(), issueDate: z.string().nullable(), publishDate: z.string().nullable() }).strict(),
);

export interface MetadataMismatch {
  fixture: string;
  field: MetadataField;
  expected: string | null;
  /** What extraction gave; null also where it failed (see the fixture's `error`). */
  actual: string | null;
}

export interface FixtureMetadataScore {
  fixture: string;
  /** Fields equal to the expected value, of the five. */
  correct: number;
  accuracy: number;
  /** The extracted values; absent where extraction threw. */
  actual?: MetadataValues;
  /** Why extraction failed, where it threw: every field then counts as wrong. */
  error?: string;
}

export interface MetadataScore {
  fixtures: FixtureMetadataScore[];
  /** Share of fields equal to the expected value, over all fixtures × five fields. */
  accuracy: number;
  /** The same share per field, over all fixtures. */
  fieldAccuracy: Record<MetadataField, number>;
  mismatches: MetadataMismatch[];
}

/** The five metadata fields as extractPlan puts them in the plan (publishDate absent → null). */
export function readExtractedMetadata(document: string, file: string): MetadataValues {
  const { plan } = extractPlan(document, { id: "layout", sourceFile: file });
  return { title: plan.title, documentNumber: plan.documentNumber, issuer: plan.issuer, issueDate: plan.issueDate, publishDate: plan.publishDate ?? null };
}

/**
 * Extracts every fixture listed in `expected.json` of a directory and compares its metadata, field by field,
 * with exact equality.
 *
 * @example
 * const score = scoreMetadata(); // { accuracy: 1, fieldAccuracy: { title: 1, … }, fixtures: [...], mismatches: [] }
 */
export function scoreMetadata(directory: string = layoutsDirectory): MetadataScore {
  const expectedByFile = ExpectedSchema.parse(JSON.parse(readFileSync(path.join(directory, "expected.json"), "utf8")));
  const unlisted = readdirSync(directory).filter((file) => /\.(?:txt|html?)$/u.test(file) && !(file in expectedByFile));
  if (unlisted.length > 0) throw new Error(`fixtures without expected values in ${directory}/expected.json: ${unlisted.join(", ")}`);
  const fixtures: FixtureMetadataScore[] = [];
  const mismatches: MetadataMismatch[] = [];
  const correctByField = Object.fromEntries(metadataFields.map((field) => [field, 0])) as Record<MetadataField, number>;
  for (const [fixture, expected] of Object.entries(expectedByFile)) {
    let actual: MetadataValues | undefined;
    let error: string | undefined;
    try {
      actual = readExtractedMetadata(readFileSync(path.join(directory, fixture), "utf8"), fixture);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    let correct = 0;
    for (const field of metadataFields) {
      if (actual !== undefined && actual[field] === expected[field]) {
        correct += 1;
        correctByField[field] += 1;
      } else {
        mismatches.push({ fixture, field, expected: expected[field], actual: actual?.[field] ?? null });
      }
    }
    fixtures.push({ fixture, correct, accuracy: correct / metadataFields.length, ...(actual === undefined ? {} : { actual }), ...(error === undefined ? {} : { error }) });
  }
  const total = fixtures.length * metadataFields.length;
  const fieldAccuracy = Object.fromEntries(metadataFields.map((field) => [field, fixtures.length === 0 ? 0 : correctByField[field] / fixtures.length])) as Record<MetadataField, number>;
  return { fixtures, accuracy: total === 0 ? 0 : (total - mismatches.length) / total, fieldAccuracy, mismatches };
}
