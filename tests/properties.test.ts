import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import Nzh from "nzh/cn";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { parseUnits } from "../src/extract/extract-plan.js";
import { splitLines } from "../src/extract/lines.js";
import { readHeading, type NumberingStyle } from "../src/extract/structure.js";
import { canonicalize, defaultSynonymGroups, diffWords, extractPlan, findMissingQuotes, normalizeText, parseTarget, PlanLoadError, toComparableText } from "../src/index.js";
import { loadPlanFile } from "../src/node.js";
import { simplifyText } from "../src/text/normalize.js";
import { trackNormalization } from "../src/text/track-normalization.js";
import { generatedDocument, growthOnQuadrupling, inventedMeta, repeatToSize, timingAsserted } from "./adversarial-documents.js";

// Invariants checked on generated input, each stated in a comment above its test. The time properties check
// that four times the input costs at most six times the time (see growthOnQuadrupling), under
// `npm run test:timing` (timingAsserted), and are tried again when they fail, so that a burst of other work on
// the machine does not fail them: a cost that grows faster than the input fails every time.
const maxGrowth = 6;
const timing = { retry: 2 };

/** Runs a call and returns what it threw, or undefined. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("extractPlan on generated documents", () => {
  // Property: for every document d, extractPlan(d) throws only PlanLoadError, and each quote of its plan occurs in its sourceText.
  it("returns a plan whose every quote is a span of the document, or throws PlanLoadError and nothing else", () => {
    fc.assert(
      fc.property(generatedDocument, fc.boolean(), fc.boolean(), (document, asHtml, withMeta) => {
        const input = asHtml ? `<html><body><p>${document.replaceAll("\n", "</p><p>")}</p></body></html>` : document;
        let extraction: ReturnType<typeof extractPlan> | undefined;
        const error = thrownBy(() => (extraction = extractPlan(input, withMeta ? inventedMeta : {})));
        if (error !== undefined) expect(error).toBeInstanceOf(PlanLoadError);
        if (extraction !== undefined) expect(findMissingQuotes(extraction.plan, extraction.sourceText)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  // Property: for every piece u, extracting u repeated to 4n bytes takes at most 6 times as long as to n bytes.
  it("takes time in proportion to the document, whatever its pieces are repeated", timing, () => {
    fc.assert(
      fc.property(generatedDocument.filter((unit) => unit.length > 0), (unit) => {
        const growth = growthOnQuadrupling((bytes) => repeatToSize(bytes, unit, "一、主要任务\n"), 40_000, (input) => thrownBy(() => extractPlan(input, inventedMeta)));
        if (timingAsserted) expect(growth).toBeLessThanOrEqual(maxGrowth);
      }),
      { numRuns: 8 },
    );
  });
});

describe("parseTarget on generated text", () => {
  // Property: for every text t, parseTarget(t) returns, and each target has finite value and base and 0 ≤ start < end ≤ clause length.
  it("never throws, and every target it reads has finite numbers and a span inside its clause", () => {
    fc.assert(
      fc.property(generatedDocument, (text) => {
        for (const target of parseTarget(text).targets) {
          expect(Number.isFinite(target.value) && Number.isFinite(target.base)).toBe(true);
          expect(0 <= target.span[0] && target.span[0] < target.span[1] && target.span[1] <= target.text.length).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  // Property: for every piece u, parseTarget on u repeated to 4n bytes takes at most 6 times as long as on n bytes.
  it("takes time in proportion to the text", timing, () => {
    fc.assert(
      fc.property(generatedDocument.filter((unit) => unit.length > 0), (unit) => {
        const growth = growthOnQuadrupling((bytes) => repeatToSize(bytes, unit), 40_000, (input) => parseTarget(input));
        if (timingAsserted) expect(growth).toBeLessThanOrEqual(maxGrowth);
      }),
      { numRuns: 8 },
    );
  });
});

describe("normalizing generated text", () => {
  // Property: for every text t, simplifyText and normalizeText return, and f(f(t)) = f(t) for both.
  it("never throws, and normalizing twice changes nothing", () => {
    fc.assert(
      fc.property(generatedDocument, (text) => {
        expect(simplifyText(simplifyText(text))).toBe(simplifyText(text));
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
      { numRuns: 500 },
    );
  });

  it("orders combining marks that whitespace stood between, so normalizing twice changes nothing (a counterexample fast-check found)", () => {
    const marksAroundWhitespace = "\u0301\uFEFF\uFF9E";
    expect(normalizeText(normalizeText(marksAroundWhitespace))).toBe(normalizeText(marksAroundWhitespace));
  });

  // Property: for every text t, trackNormalization(t).text = normalizeText(t); originalLength is 0 at 0, never decreases, stays
  // within t; and the prefix of t it gives for the whole normalized text normalizes to that text.
  it("keeps the way back: the tracked text is normalizeText's, its original lengths grow from 0 and end where the normalized text is whole", () => {
    fc.assert(
      fc.property(generatedDocument, (original) => {
        const { text, originalLength } = trackNormalization(original);
        expect(text).toBe(normalizeText(original));
        const lengths = Array.from({ length: text.length + 1 }, (_, normalizedLength) => originalLength(normalizedLength));
        expect(lengths[0]).toBe(0);
        expect(lengths.every((length, index) => index === 0 || (length >= (lengths[index - 1] ?? 0) && length <= original.length))).toBe(true);
        expect(normalizeText(original.slice(0, originalLength(text.length)))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["halves of a surrogate pair that whitespace stood between", "\uD800\u00A0\uDFFF"],
    ["a Hangul final in its compatibility form, which joins the syllable before it", "가ㄵ"],
  ])("keeps the way back over %s (a counterexample fast-check found)", (_, original) => {
    const { text, originalLength } = trackNormalization(original);
    expect(normalizeText(original.slice(0, originalLength(text.length)))).toBe(text);
  });

  // Property: for every piece u, normalizing u repeated to 4n bytes takes at most 6 times as long as n bytes.
  it("takes time in proportion to the text", timing, () => {
    fc.assert(
      fc.property(generatedDocument.filter((unit) => unit.length > 0), (unit) => {
        const growth = growthOnQuadrupling((bytes) => repeatToSize(bytes, unit), 100_000, (input) => {
          normalizeText(input);
          simplifyText(input);
        });
        if (timingAsserted) expect(growth).toBeLessThanOrEqual(maxGrowth);
      }),
      { numRuns: 8 },
    );
  });
});

describe("loading generated plan files", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "plan-align-properties-"));
  const minimal = parseYaml(await readFile(path.join(import.meta.dirname, "fixtures", "minimal-plan.yaml"), "utf8")) as Record<string, unknown>;
  const writePlanText = async (text: string, extension: "json" | "yaml") => {
    const file = path.join(dir, `plan.${extension}`);
    await writeFile(file, text);
    return file;
  };
  // Values a field may be given: long and odd strings, digit runs, deep nesting, numbers out of range.
  const hostileValue = fc.oneof(
    generatedDocument,
    fc.stringMatching(/^\d{1,400}$/u),
    fc.integer({ min: 1, max: 300 }).map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`) as unknown),
    fc.constantFrom(null, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, true, {}, []),
  );
  const nestedBrackets = (maxDepth: number) => fc.tuple(fc.nat({ max: maxDepth }), fc.boolean()).map(([depth, closed]) => `${"[".repeat(depth)}${closed ? "]".repeat(depth) : ""}`);
  // Thirty anchors each naming the one before twice: a billion elements once expanded.
  const aliasBomb = `a: &a [x]\n${Array.from({ length: 30 }, (_, level) => `b${level}: &b${level} [*${level === 0 ? "a" : `b${level - 1}`}, *${level === 0 ? "a" : `b${level - 1}`}]`).join("\n")}\n`;
  const planText = fc.oneof(
    // The valid plan with one field, or one task's field, replaced.
    fc.record({ key: fc.constantFrom(...Object.keys(minimal)), value: hostileValue }).map(({ key, value }) => ({ ...minimal, [key]: value })),
    fc.record({ key: fc.constantFrom("id", "text", "quote", "units", "year", "section"), value: hostileValue }).map(({ key, value }) => ({
      ...minimal,
      tasks: [{ ...(minimal.tasks as Array<Record<string, unknown>>)[0], [key]: value }],
    })),
  );
  const fileText = fc.oneof(
    fc.tuple(planText, fc.constantFrom("json" as const, "yaml" as const)).map(([plan, extension]) => ({ text: extension === "json" ? JSON.stringify(plan) : toYaml(plan, { aliasDuplicateObjects: false }), extension })),
    // Text that is not a plan at all: anything, aliases that multiply, a byte-order mark.
    fc.tuple(
      fc.oneof(generatedDocument, fc.constant(aliasBomb), fc.constant(`\uFEFF${JSON.stringify(minimal)}`)),
      fc.constantFrom("json" as const, "yaml" as const),
    ).map(([text, extension]) => ({ text, extension })),
    // Deep nesting. The yaml package overflows its stack on flow collections nested about 800 deep, and a
    // second such document then aborts the process (Node 20), so YAML stays shallower here.
    nestedBrackets(100_000).map((text) => ({ text, extension: "json" as const })),
    nestedBrackets(600).map((text) => ({ text, extension: "yaml" as const })),
  );

  // Property: for every file text and extension, loadPlanFile resolves to a plan or rejects with PlanLoadError.
  it("gives a plan or throws PlanLoadError, and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fileText, async ({ text, extension }) => {
        const error = await loadPlanFile(await writePlanText(text, extension)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        if (error !== undefined) expect(error).toBeInstanceOf(PlanLoadError);
      }),
      { numRuns: 200 },
    );
  });

  // Property: a plan file with four times the tasks takes at most 6 times as long to load, in JSON and in YAML.
  it("takes time in proportion to the file", timing, async () => {
    const task = (minimal.tasks as Array<Record<string, unknown>>)[0];
    const withTasks = (count: number) => ({ ...minimal, tasks: Array.from({ length: count }, (_, index) => ({ ...structuredClone(task), id: `task-${index}` })) });
    // Loading is asynchronous, so its CPU time is read around each awaited load; the sizes take turns.
    const cpuSecondsToLoad = async (file: string) => {
      const before = process.cpuUsage();
      await loadPlanFile(file);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1e6;
    };
    // Sizes that take tens of milliseconds: the yaml package reads about ten times slower than JSON.parse.
    for (const [extension, tasks] of [["json", 4000], ["yaml", 500]] as const) {
      const serialize = (plan: unknown) => (extension === "json" ? JSON.stringify(plan) : toYaml(plan, { aliasDuplicateObjects: false }));
      const small = path.join(dir, `plan-small.${extension}`);
      const large = path.join(dir, `plan-large.${extension}`);
      await writeFile(small, serialize(withTasks(tasks)));
      await writeFile(large, serialize(withTasks(4 * tasks)));
      await loadPlanFile(small);
      let fastestSmall = Infinity;
      let fastestLarge = Infinity;
      for (let round = 0; round < 3; round += 1) {
        fastestSmall = Math.min(fastestSmall, await cpuSecondsToLoad(small));
        fastestLarge = Math.min(fastestLarge, await cpuSecondsToLoad(large));
      }
      if (timingAsserted) expect(fastestLarge / Math.max(fastestSmall, 1e-3)).toBeLessThanOrEqual(maxGrowth);
    }
  });
});

describe("diffWords", () => {
  const text = fc.oneof(generatedDocument, fc.string({ unit: "grapheme" }), fc.string({ unit: fc.constantFrom(..."下降达到10%20%生产安全事故死亡人数覆盖率 ,。") }));

  // Property: for all texts r, s: joining the same and removed parts of diffWords(r, s) gives r; the same and added parts give s.
  it("reassembles both texts: what is kept and removed gives the reference, what is kept and added gives the subject", () => {
    fc.assert(
      fc.property(text, text, (reference, subject) => {
        const parts = diffWords(reference, subject);
        expect(parts.filter((part) => part.type !== "added").map((part) => part.text).join("")).toBe(reference);
        expect(parts.filter((part) => part.type !== "removed").map((part) => part.text).join("")).toBe(subject);
      }),
      { numRuns: 500 },
    );
  });
});

describe("synonyms", () => {
  const phrases = defaultSynonymGroups.flatMap((group) => [group.canonical, ...group.variants]);
  const text = fc.array(fc.oneof(fc.constantFrom(...phrases), fc.string({ unit: fc.constantFrom(..."全省县级以上的和、,。1%") , maxLength: 3 })), { maxLength: 12 }).map((pieces) => pieces.join(""));

  // Property: for every text t, c = toComparableText(t) has canonicalize(c) = c and toComparableText(c) = c.
  it("reach a canonical form that canonicalizing again leaves as it is", () => {
    fc.assert(
      fc.property(text, (phrase) => {
        const comparable = toComparableText(phrase);
        expect(canonicalize(comparable)).toBe(comparable);
        expect(toComparableText(comparable)).toBe(comparable);
      }),
      { numRuns: 500 },
    );
  });
});

describe("headings", () => {
  // A title of plain words: no digit or sentence end that would make it read differently.
  const title = fc.string({ unit: fc.constantFrom(..."加强应急管理体系建设主要任务保障措施"), minLength: 1, maxLength: 20 });
  const chinese = (value: number) => Nzh.encodeS(value) as string;
  const numbering: fc.Arbitrary<{ written: string; style: NumberingStyle; value: number }> = fc.oneof(
    fc.integer({ min: 1, max: 99 }).map((value) => ({ written: `${chinese(value)}、`, style: "cn" as const, value })),
    fc.integer({ min: 1, max: 99 }).map((value) => ({ written: `（${chinese(value)}）`, style: "cn-paren" as const, value })),
    fc.integer({ min: 1, max: 99 }).map((value) => ({ written: `${value}．`, style: "arabic" as const, value })),
    fc.integer({ min: 1, max: 999 }).map((value) => ({ written: `(${value})`, style: "arabic-paren" as const, value })),
    fc.integer({ min: 1, max: 20 }).map((value) => ({ written: String.fromCodePoint(0x2460 + value - 1), style: "circled" as const, value })),
    fc.integer({ min: 1, max: 99 }).map((value) => ({ written: `专栏${value}`, style: "box" as const, value })),
  );

  // Property: for every numbering style, number and plain title, readHeading of "<numbering><title>" gives that style, number and title.
  it("are read with the style and number they are written with, and the title after them", () => {
    fc.assert(
      fc.property(numbering, title, ({ written, style, value }, words) => {
        const [line] = splitLines(`${written}${words}`);
        const heading = line === undefined ? undefined : readHeading(line);
        expect(heading?.numbering).toMatchObject({ style, value });
        expect(heading?.title).toBe(words);
      }),
      { numRuns: 500 },
    );
  });
});

describe("units", () => {
  const unit = fc.string({ unit: fc.constantFrom(..."县市应急管理局财政公安消防救援支队人民政府办公室"), minLength: 1, maxLength: 10 });
  const units = fc.array(unit, { minLength: 1, maxLength: 5 });

  // Property: for all lists of unit names L and S, parseUnits("L1、L2…牵头,S1、S2…按职责分工负责。") = { lead: L, supporting: S }.
  it("read as the leading units before 牵头 and the supporting ones before 按职责分工负责", () => {
    fc.assert(
      fc.property(units, units, (lead, supporting) => {
        expect(parseUnits(`${lead.join("、")}牵头,${supporting.join("、")}按职责分工负责。`)).toEqual({ lead, supporting });
      }),
      { numRuns: 500 },
    );
  });
});
