// The synthetic nation audited whole, for `npm run bench` (run in a process of its own so that its peak
// memory is its own): every plan against its ancestors on every core, the findings scored against the truth
// kept when the nation was generated. Prints one JSON object. `--provinces N` audits the first N only.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { createAuditPool } from "../src/node.js";
import { listProvinces } from "./nation/divisions.js";
import { generateNation } from "./nation/generate.js";
import { scoreFindings, type ExpectedFinding, type ScoredReport } from "./nation/truth.js";

const { values } = parseArgs({ options: { provinces: { type: "string" }, seed: { type: "string", default: "1" }, threads: { type: "string" } } });
const provinceCount = values.provinces === undefined ? Infinity : Number(values.provinces);
const included = new Set(listProvinces().slice(0, provinceCount).map((province) => province.code));
const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);

const start = performance.now();
const nation = generateNation({ seed: Number(values.seed), include: (division) => division.level !== "province" || included.has(division.code) });
const pool = createAuditPool({ threads });
// Only what scoring reads is kept of each report, so memory holds one province's plans, not the nation's reports.
const scored: ScoredReport[] = [];
const expected: ExpectedFinding[] = [];
let plans = 0;
let pairs = 0;
try {
  for (const subtree of nation.provinces) {
    for await (const { report } of pool.auditEach([nation.national, ...subtree.plans])) {
      if (report.subject.id === nation.national.id) continue; // there only as everyone's ancestor
      plans += 1;
      pairs += report.chain.filter((step) => step.status === "aligned").length;
      scored.push({
        subject: { id: report.subject.id },
        findings: report.findings.map(({ kind, referencePlan, reference, subject }) => ({ kind, referencePlan, reference, subject })),
      });
    }
    expected.push(...subtree.expected);
  }
} finally {
  await pool.close();
}
const wallSeconds = (performance.now() - start) / 1000;
const score = scoreFindings(scored, expected);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

process.stdout.write(`${JSON.stringify({
  plans,
  wallSeconds: round(wallSeconds, 1),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  pairsPerSecond: round(pairs / wallSeconds, 1),
  precision: round(score.precision, 4),
  recall: round(score.recall, 4),
  threads,
  byKind: Object.fromEntries(Object.entries(score.byKind).map(([kind, counts]) => [kind, { precision: round(counts.precision, 4), recall: round(counts.recall, 4) }])),
})}\n`);
