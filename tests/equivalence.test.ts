import { describe, expect, it } from "vitest";
import { goldPlans, loadGoldSets } from "../eval/gold.js";
import { alignPlans } from "../src/align/align-plans.js";
import { collectItems } from "../src/align/items.js";
import type { Alignment } from "../src/align/types.js";
import { bundledPlanIds, getBundledPlan } from "../src/load/bundled.js";
import type { Plan } from "../src/model/plan.js";
import type { ItemKind } from "../src/similarity/types.js";
import { createReferenceScorer } from "./support/reference-scorer.js";

// Issue #10: the speed work (integer token vectors, vectors kept per item, spread rows, content-keyed caches)
// must leave every alignment as it was. The reference scorer computes the same signals the plain way; both
// paths must choose the same pairs, leave the same items over, offer the same candidates and explain each with
// the same signals. Scores may differ in the last bits only (sums taken in another order).

const kinds: readonly ItemKind[] = ["section", "indicator", "task", "project"];

function alignThePlainWay(reference: Plan, subject: Plan): Alignment {
  // The corpus alignPlans gives its scorer: every item of both plans.
  const corpus = kinds.flatMap((kind) => [...collectItems(reference, kind), ...collectItems(subject, kind)].map((entry) => entry.item));
  return alignPlans(reference, subject, { scorer: createReferenceScorer(corpus) });
}

/**
 * The alignment with scores rounded well below any threshold's resolution and far above rounding noise, and
 * without its settings, which rightly say that the plain way's scorer is a custom one.
 */
function comparable({ settings: _settings, ...alignment }: Alignment): unknown {
  return JSON.parse(JSON.stringify(alignment, (_key, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Number(value.toFixed(9)) : value)));
}

const bundledPairs = bundledPlanIds.flatMap((reference) =>
  bundledPlanIds.filter((subject) => subject !== reference).map((subject) => [`${reference} → ${subject}`, reference, subject] as const),
);

describe("the optimized alignment equals the plain one", () => {
  it("on every ordered pair of the bundled plans", () => {
    const differing = bundledPairs.filter(([, reference, subject]) => {
      const plans = [getBundledPlan(reference), getBundledPlan(subject)] as const;
      return JSON.stringify(comparable(alignPlans(...plans))) !== JSON.stringify(comparable(alignThePlainWay(...plans)));
    });
    expect(differing.map(([name]) => name)).toEqual([]);
    expect(bundledPairs).toHaveLength(90);
  }, 240_000);

  it.each(loadGoldSets().map((set) => [set.name, set] as const))("on the gold set %s", (_name, set) => {
    const { reference, subject } = goldPlans(set);
    expect(comparable(alignPlans(reference, subject))).toEqual(comparable(alignThePlainWay(reference, subject)));
  });
});
