// What an inverted-index candidate rule would cost in gold pairs, and what it would save in pairs scored
// (issue #10 asks for one "lossless on the gold"). The rule: two items are scored only when their labels
// share a token, or their texts share a rare one (in at most `share` of both plans' items). Prints, for each
// share, the gold task, project and group pairs the rule would never score, the share of pairs of the
// bundled plans it keeps, and what task and project alignment would then measure on the gold (pairs the
// rule skips scored 0, as an index that never offers them would leave them).
// `npx tsx bench/candidate-rule.ts [share …]`
import { categoryOf, goldPlans, loadGoldSets, scoreGoldSet, summarize, type SetScore } from "../eval/gold.js";
import { collectItems, type PlanItem } from "../src/align/items.js";
import { createScorer } from "../src/similarity/scorer.js";
import type { MatchableItem, Scorer } from "../src/similarity/types.js";
import { bundledPlanIds, getBundledPlan } from "../src/load/bundled.js";
import type { Plan } from "../src/model/plan.js";
import { prepareItem } from "../src/similarity/prepare.js";
import { defaultSynonyms } from "../src/synonyms/synonyms.js";
import { getTokenizer } from "../src/text/tokenize.js";

type WorkKind = "task" | "project" | "section";
const tokenizer = getTokenizer("bigram");
const keyOf = (item: MatchableItem) => `${item.kind}:${item.id}`;
const itemsOf = (plan: Plan, kind: WorkKind) => (kind === "section" ? collectItems(plan, kind) : [...collectItems(plan, kind), ...collectItems(plan, "section")]);

/** The rule for one pair of plans: whether a reference item and a subject item would be scored. */
function candidateRule(reference: Plan, subject: Plan, kind: WorkKind, share: number) {
  const tokensOf = (plan: Plan) =>
    new Map(itemsOf(plan, kind).map((entry) => {
      const prepared = prepareItem(entry.item, { tokenizer, synonyms: defaultSynonyms });
      return [keyOf(entry.item), { label: new Set(prepared.coreTokens), text: new Set([...prepared.coreTokens, ...prepared.bodyTokens]) }] as const;
    }));
  const sides = { reference: tokensOf(reference), subject: tokensOf(subject) };
  const frequency = new Map<string, number>();
  for (const side of [sides.reference, sides.subject]) for (const { text } of side.values()) for (const token of text) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const rare = share * (sides.reference.size + sides.subject.size);
  return (a: MatchableItem, b: MatchableItem): boolean => {
    const left = sides.reference.get(keyOf(a))!;
    const right = sides.subject.get(keyOf(b))!;
    for (const token of left.label) if (right.label.has(token)) return true;
    for (const token of left.text) if (right.text.has(token) && frequency.get(token)! <= rare) return true;
    return false;
  };
}

const shares = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0.02, 0.05, 0.1];
const goldSets = loadGoldSets().filter((set) => set.kind !== "indicator");
for (const share of shares) {
  const lost: string[] = [];
  let goldPairs = 0;
  for (const set of goldSets) {
    const kind = set.kind as WorkKind;
    const { reference, subject } = goldPlans(set);
    const scored = candidateRule(reference, subject, kind, share);
    const find = (plan: Plan, id: string) => itemsOf(plan, kind).find((entry) => entry.item.id === id)!;
    for (const pair of set.pairs) {
      goldPairs += 1;
      if (!scored(find(reference, pair.reference).item, find(subject, pair.subject).item)) lost.push(`${set.name}: ${pair.reference} ↔ ${pair.subject}`);
    }
  }
  const kept: string[] = [];
  for (const kind of ["task", "project", "section"] as const) {
    let all = 0;
    let scoredPairs = 0;
    for (const a of bundledPlanIds) {
      for (const b of bundledPlanIds) {
        if (a === b) continue;
        const [reference, subject] = [getBundledPlan(a), getBundledPlan(b)];
        const scored = candidateRule(reference, subject, kind, share);
        for (const x of collectItems(reference, kind)) for (const y of collectItems(subject, kind)) (all += 1), (scoredPairs += scored(x.item, y.item) ? 1 : 0);
      }
    }
    kept.push(`${kind} ${((100 * scoredPairs) / all).toFixed(1)}%`);
  }
  console.log(`rare = in at most ${share * 100}% of the items: gold pairs never scored ${lost.length} of ${goldPairs}; pairs of the bundled plans scored: ${kept.join(", ")}`);
  for (const pair of lost) console.log(`  ${pair}`);
  const { all, withRule } = alignmentWithRule(share);
  const figure = (scores: SetScore[]) => {
    const { precision, recall, f1 } = summarize(scores, "tasks");
    return `P ${(100 * precision).toFixed(1)}% R ${(100 * recall).toFixed(1)}% F1 ${(100 * f1).toFixed(1)}%`;
  };
  console.log(`  tasks and projects on the gold: every pair scored ${figure(all)}; with the rule ${figure(withRule)}`);
}

/** The task and project gold sets aligned as alignPlans aligns them, and with the rule's skipped pairs scored 0. */
function alignmentWithRule(share: number): { all: SetScore[]; withRule: SetScore[] } {
  const sets = goldSets.filter((set) => categoryOf(set) === "tasks");
  const all: SetScore[] = [];
  const withRule: SetScore[] = [];
  for (const set of sets) {
    const kind = set.kind as WorkKind;
    const { reference, subject } = goldPlans(set);
    // The scorer alignPlans builds: its corpus is every item of both plans of the kinds aligned.
    const kinds = [...new Set<WorkKind>(["section", kind])];
    const scorer = createScorer({ corpus: kinds.flatMap((each) => [...collectItems(reference, each), ...collectItems(subject, each)].map((entry) => entry.item)) });
    const scored = candidateRule(reference, subject, kind, share);
    const skipping: Scorer = { score: (a, b) => (scored(a, b) ? scorer.score(a, b) : { score: 0, signals: [] }) };
    all.push(scoreGoldSet(set, { scorer }));
    withRule.push(scoreGoldSet(set, { scorer: skipping }));
  }
  return { all, withRule };
}
