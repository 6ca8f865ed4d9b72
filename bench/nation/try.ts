// npx tsx bench/nation/try.ts [--seed N] [--provinces N | --province CODE …] [--cities N] [--counties N]
// [--show-errors]: generates a small synthetic nation (the first N provinces or the ones named by code, the
// first N cities of each and counties of each city, "all" for every one; default 2, 2, 2), audits every plan
// against its ancestors and prints the time taken and the findings' precision and recall.
import { parseArgs } from "node:util";
import { auditEach, type AuditReport } from "../../src/index.js";
import { listProvinces, type NationDivision } from "./divisions.js";
import { generateNation } from "./generate.js";
import { findingKey, scoreFindings, scoredKinds, toExpectedForm, type ExpectedFinding } from "./truth.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    provinces: { type: "string", default: "2" },
    province: { type: "string", multiple: true },
    cities: { type: "string", default: "2" },
    counties: { type: "string", default: "2" },
    "show-errors": { type: "boolean", default: false },
  },
});
const limit = (value: string) => (value === "all" ? Infinity : Number(value));
const limits = { provinces: limit(values.provinces), cities: limit(values.cities), counties: limit(values.counties) };
const provinces = values.province === undefined
  ? listProvinces().slice(0, limits.provinces)
  : listProvinces().filter((province) => values.province?.includes(province.code));

// The first divisions of each level, as the table lists them.
const chosen = new Set<string>();
for (const province of provinces) {
  chosen.add(province.code);
  const take = (divisions: NationDivision[], count: number) => divisions.slice(0, count).forEach((division) => chosen.add(division.code));
  take(province.children.filter((child) => child.level === "city"), limits.cities);
  take(province.children.filter((child) => child.level === "county"), limits.counties);
  for (const city of province.children) take(city.children, limits.counties);
}

const generationStart = performance.now();
const nation = generateNation({ seed: Number(values.seed), include: (division) => chosen.has(division.code) });
const subtrees = [...nation.provinces];
const generationTime = performance.now() - generationStart;

const auditStart = performance.now();
const reports: AuditReport[] = [];
const expected: ExpectedFinding[] = [];
let audits = 0;
for (const subtree of subtrees) {
  const among = [nation.national, ...subtree.plans];
  // auditEach audits every plan it is given; the national plan is there only as an ancestor.
  for (const report of auditEach(among)) {
    if (report.subject.id !== nation.national.id) reports.push(report);
  }
  audits += subtree.plans.length;
  expected.push(...subtree.expected);
}
const auditTime = performance.now() - auditStart;

const score = scoreFindings(reports, expected);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
console.log(`seed ${values.seed}: ${audits} plans (${provinces.map((province) => province.name).join("、")}; ≤${limits.cities} cities each, ≤${limits.counties} counties each)`);
console.log(`generated in ${generationTime.toFixed(0)} ms; audited in ${auditTime.toFixed(0)} ms (${(auditTime / audits).toFixed(0)} ms a plan)`);
console.log(`all scored kinds: precision ${percent(score.precision)}, recall ${percent(score.recall)} (TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`);
for (const kind of scoredKinds) {
  const counts = score.byKind[kind];
  console.log(`  ${kind.padEnd(18)} precision ${percent(counts.precision).padStart(6)}, recall ${percent(counts.recall).padStart(6)} (TP ${counts.truePositives}, FP ${counts.falsePositives}, FN ${counts.falseNegatives})`);
}

// With --show-errors, each false positive with its message, and each false negative with what the audit
// reported of that item instead.
if (values["show-errors"]) {
  const expectedKeys = new Set(expected.map(findingKey));
  const reportedKeys = new Set<string>();
  for (const report of reports) {
    for (const finding of report.findings) {
      const scored = toExpectedForm(report, finding);
      if (scored === undefined) continue;
      reportedKeys.add(findingKey(scored));
      if (!expectedKeys.has(findingKey(scored))) console.log(`FP ${findingKey(scored)}: ${finding.message}`);
    }
  }
  const bySubject = new Map(reports.map((report) => [report.subject.id, report]));
  for (const finding of expected) {
    if (reportedKeys.has(findingKey(finding))) continue;
    const instead = bySubject.get(finding.subject)?.findings
      .filter((other) => other.referencePlan?.id === finding.ancestor && other.reference?.id === finding.item)
      .map((other) => other.kind);
    console.log(`FN ${findingKey(finding)} (reported instead: ${instead?.join(", ") || "nothing"})`);
  }
}
