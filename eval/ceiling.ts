// npm run eval:ceiling — how far any selection of task and project pairs can go on the evidence plan-align
// has: a logistic regression, free to weigh every feature of eval/pair-features.ts, is trained on some gold
// sets and measured on the others. If the best weighting of a family of evidence stays far below a floor,
// no rule built on that evidence reaches it. Outline sets are left out: they align group by group already.
import { featureFamilies, featureNames, pairFeatures, type FeatureFamily, type PairRow } from "./pair-features.js";
import { trainLogistic, type LogisticModel } from "./logistic.js";
import { loadGoldSets, measures, scoreGoldSet } from "./gold.js";

const sets = loadGoldSets().filter((set) => (set.kind === "task" || set.kind === "project") && set.referenceDocument === undefined);
const goldCount = new Map(sets.map((set) => [set.name, set.pairs.length]));
const rows = sets.flatMap(pairFeatures);

interface Outcome {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** The pairs a model accepts at a threshold, against the gold of the sets those rows come from. */
function outcome(testRows: readonly PairRow[], accept: (row: PairRow) => boolean): Outcome {
  let truePositives = 0;
  let falsePositives = 0;
  for (const row of testRows) {
    if (!accept(row)) continue;
    if (row.gold) truePositives += 1;
    else falsePositives += 1;
  }
  const gold = [...new Set(testRows.map((row) => row.set))].reduce((sum, name) => sum + goldCount.get(name)!, 0);
  return { truePositives, falsePositives, falseNegatives: gold - truePositives };
}

const f1Of = (result: Outcome) => measures(result.truePositives, result.falsePositives, result.falseNegatives).f1;
const thresholds = Array.from({ length: 19 }, (_, index) => (index + 1) / 20);

/** Trains on some rows and picks the threshold best on those same rows: nothing is chosen on the rows tested. */
function fit(trainRows: readonly PairRow[]): (row: PairRow) => boolean {
  const model = trainLogistic(trainRows.map((row) => row.features), trainRows.map((row) => row.gold));
  const probabilities = new Map(trainRows.map((row) => [row, model.probability(row.features)]));
  const f1At = thresholds.map((threshold) => f1Of(outcome(trainRows, (row) => probabilities.get(row)! >= threshold)));
  const threshold = thresholds[f1At.indexOf(Math.max(...f1At))]!;
  return (row) => model.probability(row.features) >= threshold;
}

const add = (a: Outcome, b: Outcome): Outcome => ({
  truePositives: a.truePositives + b.truePositives,
  falsePositives: a.falsePositives + b.falsePositives,
  falseNegatives: a.falseNegatives + b.falseNegatives,
});
const none: Outcome = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
const show = (result: Outcome) => {
  const { precision, recall, f1 } = measures(result.truePositives, result.falsePositives, result.falseNegatives);
  return `${percent(precision)} ${percent(recall)} ${percent(f1)}`;
};

/** One row of the table: trained on the tuning sets and measured on the held-out; each set left out in turn; fitted to all. */
function evaluate(label: string, evaluated: readonly PairRow[]): string[] {
  const heldOut = outcome(evaluated.filter((row) => !row.tuning), fit(evaluated.filter((row) => row.tuning)));
  let leftOut = none;
  const perSet: string[] = [];
  for (const set of sets) {
    const result = outcome(evaluated.filter((row) => row.set === set.name), fit(evaluated.filter((row) => row.set !== set.name)));
    leftOut = add(leftOut, result);
    perSet.push(`  ${set.name.padEnd(28)} ${set.tuning === true ? "tuning  " : "held-out"} ${show(result)}`);
  }
  console.log(`${label.padEnd(16)} ${show(heldOut)}   ${show(leftOut)}   ${percent(f1Of(outcome(evaluated, fit(evaluated))))}`);
  return perSet;
}

console.log("How far a selection over plan-align's evidence can go on task and project pairs: a logistic regression weighs");
console.log("every feature of each family (eval/pair-features.ts), trained on some gold sets, measured on the others.");
console.log(`${rows.length} scored pairs of ${sets.length} sets, ${rows.filter((row) => row.gold).length} of them gold.\n`);
console.log(`${"evidence".padEnd(16)} ${"tuning → held-out: P, R, F1".padEnd(24)}   ${"each set left out: P, R, F1".padEnd(24)}   fitted to all`);

const families = Object.keys(featureFamilies) as FeatureFamily[];
let perSetWithAll: string[] = [];
for (let upTo = 1; upTo <= families.length; upTo++) {
  const columns = families.slice(0, upTo).flatMap((family) => featureFamilies[family] as readonly string[]).map((name) => featureNames.indexOf(name));
  const label = upTo === 1 ? families[0]! : `+ ${families[upTo - 1]}`;
  perSetWithAll = evaluate(label, rows.map((row) => ({ ...row, features: columns.map((column) => row.features[column]!) })));
}
// A nonlinear weighting too: every feature with every pairwise product, so that one feature may count only
// where another is high. More freedom to fit the sets trained on; the sets left out say whether it carries.
const withProducts = (features: readonly number[]) => [...features, ...features.flatMap((a, index) => features.slice(index).map((b) => a * b))];
evaluate("+ products", rows.map((row) => ({ ...row, features: withProducts(row.features) })));

let today = none;
let todayHeldOut = none;
for (const set of sets) {
  const score = scoreGoldSet(set);
  const result = { truePositives: score.truePositives, falsePositives: score.falsePositives, falseNegatives: score.falseNegatives };
  today = add(today, result);
  if (set.tuning !== true) todayHeldOut = add(todayHeldOut, result);
}
console.log(`${"today's rule".padEnd(16)} ${show(todayHeldOut)}   ${show(today)}   (selection by rank, the same six sets)`);
console.log("\nwith every family, each set left out in turn (P, R, F1):");
for (const line of perSetWithAll) console.log(line);
