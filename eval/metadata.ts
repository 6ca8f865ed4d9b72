// How well extractPlan reads a document's metadata on pages of different layouts: the synthetic fixtures of
// tests/fixtures/layouts/ (title, number, issuer, dates) and the real page openings of tests/fixtures/openings/
// (also jurisdiction, level, parent and whether the copy is whole), against the values people wrote down.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { extractPlan } from "../src/extract/extract-plan.js";

export const metadataFields = ["title", "documentNumber", "issuer", "issueDate", "publishDate", "jurisdiction", "level", "parent", "content"] as const;
export type MetadataField = (typeof metadataFields)[number];
export type MetadataValues = Record<MetadataField, string | null>;

export const layoutsDirectory = path.join(import.meta.dirname, "..", "tests", "fixtures", "layouts");
export const openingsDirectory = path.join(import.meta.dirname, "..", "tests", "fixtures", "openings");

const nullableText = z.string().nullable();
// The layouts give the first five fields; the openings all nine, their address and the half they belong to.
const ExpectedSchema = z.record(
  z.string(),
  z.object({
    title: z.string(), documentNumber: nullableText, issuer: nullableText, issueDate: nullableText, publishDate: nullableText,
    jurisdiction: z.string().optional(), level: z.enum(["national", "province", "city", "county"]).optional(), parent: nullableText.optional(),
    content: z.enum(["complete", "partial"]).optional(), split: z.enum(["tuning", "held-out", "held-out-2", "held-out-3"]).optional(),
    url: z.string().optional(), layout: z.string().optional(), notes: z.string().optional(),
  }).strict(),
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
  /** Fields equal to the expected value, of those written down for it. */
  correct: number;
  accuracy: number;
  /** The extracted values; absent where extraction threw. */
  actual?: MetadataValues;
  /** Why extraction failed, where it threw: every field then counts as wrong. */
  error?: string;
  /** What extraction warned of (fields it could not find, a placement it had to choose). */
  warnings: string[];
}

export interface MetadataScore {
  fixtures: FixtureMetadataScore[];
  /** Share of fields equal to the expected value, over all fixtures and the fields written down for each. */
  accuracy: number;
  /** The same share per field, over the fixtures that give it; absent for a field none gives. */
  fieldAccuracy: Partial<Record<MetadataField, number>>;
  mismatches: MetadataMismatch[];
  /** Fixtures whose extraction threw: refused. */
  refused: number;
}

/** The nine metadata fields as extractPlan puts them in the plan (publishDate absent → null), and its warnings. */
export function readExtractedMetadata(document: string, file: string): MetadataValues & { warnings: string[] } {
  const { plan, warnings } = extractPlan(document, { id: "layout", sourceFile: file });
  return {
    title: plan.title, documentNumber: plan.documentNumber, issuer: plan.issuer, issueDate: plan.issueDate, publishDate: plan.publishDate ?? null,
    jurisdiction: plan.jurisdiction.name, level: plan.jurisdiction.level, parent: plan.jurisdiction.parent,
    content: plan.content === "partial" ? "partial" : "complete",
    warnings: warnings.map((warning) => `${warning.path}: ${warning.message}`),
  };
}

/**
 * Extracts every fixture listed in `expected.json` of a directory (of one half, where `split` is given) and
 * compares its metadata, field by field, with exact equality, on the fields written down for it.
 *
 * @example
 * const score = scoreMetadata(); // { accuracy: 1, fieldAccuracy: { title: 1, … }, fixtures: [...], mismatches: [] }
 * scoreMetadata(openingsDirectory, "held-out").refused; // 0
 */
export function scoreMetadata(directory: string = layoutsDirectory, split?: "tuning" | "held-out" | "held-out-2" | "held-out-3"): MetadataScore {
  const expectedByFile = ExpectedSchema.parse(JSON.parse(readFileSync(path.join(directory, "expected.json"), "utf8")));
  const unlisted = readdirSync(directory).filter((file) => /\.(?:txt|html?)$/u.test(file) && !(file in expectedByFile));
  if (unlisted.length > 0) throw new Error(`fixtures without expected values in ${directory}/expected.json: ${unlisted.join(", ")}`);
  const fixtures: FixtureMetadataScore[] = [];
  const mismatches: MetadataMismatch[] = [];
  const correctByField = new Map<MetadataField, number>();
  const givenByField = new Map<MetadataField, number>();
  let total = 0;
  for (const [fixture, expected] of Object.entries(expectedByFile)) {
    if (split !== undefined && expected.split !== split) continue;
    let actual: (MetadataValues & { warnings: string[] }) | undefined;
    let error: string | undefined;
    try {
      actual = readExtractedMetadata(readFileSync(path.join(directory, fixture), "utf8"), fixture);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const fields = metadataFields.filter((field) => expected[field] !== undefined);
    let correct = 0;
    for (const field of fields) {
      const want = expected[field] ?? null;
      givenByField.set(field, (givenByField.get(field) ?? 0) + 1);
      if (actual !== undefined && actual[field] === want) {
        correct += 1;
        correctByField.set(field, (correctByField.get(field) ?? 0) + 1);
      } else {
        mismatches.push({ fixture, field, expected: want, actual: actual?.[field] ?? null });
      }
    }
    total += fields.length;
    const { warnings = [], ...values } = actual ?? {};
    fixtures.push({
      fixture, correct, accuracy: fields.length === 0 ? 1 : correct / fields.length, warnings,
      ...(actual === undefined ? {} : { actual: values as MetadataValues }), ...(error === undefined ? {} : { error }),
    });
  }
  const fieldAccuracy = Object.fromEntries([...givenByField].map(([field, given]) => [field, (correctByField.get(field) ?? 0) / given]));
  return { fixtures, accuracy: total === 0 ? 0 : (total - mismatches.length) / total, fieldAccuracy, mismatches, refused: fixtures.filter((fixture) => fixture.error !== undefined).length };
}
