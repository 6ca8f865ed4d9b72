// npm run eval:bands: precision of the matches alignPlans makes, by score band, on the task and project
// gold sets that tuned the selection (docs/matching.md, "Low-confidence matches"): the evidence for the level
// below which audits call a match low-confidence.
import { alignPlans } from "../src/align/align-plans.js";
import { goldPlans, loadGoldSets, scopedIds } from "./gold.js";

const bands = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1.01];

const tuning = loadGoldSets().filter((set) => (set.kind === "task" || set.kind === "project") && set.tuning === true);
const counts = bands.slice(0, -1).map(() => ({ matches: 0, correct: 0 }));
for (const set of tuning) {
  const { reference, subject } = goldPlans(set);
  const inReference = scopedIds(reference, set, "reference");
  const inSubject = scopedIds(subject, set, "subject");
  const gold = new Set(set.pairs.map((pair) => `${pair.reference}\u0000${pair.subject}`));
  for (const match of alignPlans(reference, subject, { kinds: [set.kind] }).matches) {
    if (!inReference.has(match.reference.id) || !inSubject.has(match.subject.id)) continue;
    const band = bands.findIndex((low, index) => match.score >= low && match.score < (bands[index + 1] ?? Infinity));
    const entry = counts[band];
    if (entry === undefined) continue;
    entry.matches += 1;
    if (gold.has(`${match.reference.id}\u0000${match.subject.id}`)) entry.correct += 1;
  }
}
console.log(`tuning sets: ${tuning.map((set) => set.name).join(", ")}`);
console.log(`${"score".padEnd(12)} ${"matches".padStart(8)} ${"correct".padStart(8)} ${"precision".padStart(10)}`);
counts.forEach((entry, index) => {
  const label = `${bands[index]?.toFixed(2)}–${Math.min(1, bands[index + 1] ?? 1).toFixed(2)}`;
  const precision = entry.matches === 0 ? "—" : `${((entry.correct / entry.matches) * 100).toFixed(1)}%`;
  console.log(`${label.padEnd(12)} ${String(entry.matches).padStart(8)} ${String(entry.correct).padStart(8)} ${precision.padStart(10)}`);
});
