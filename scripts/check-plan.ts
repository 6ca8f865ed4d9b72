// Temporary checker for data work: schema + quotes of one plan file. Replaced by `plan-align validate`.
import { loadPlanFile, readPlanSource } from "../src/load/files.js";
import { findMissingQuotes } from "../src/load/parse-plan.js";
import { PlanLoadError } from "../src/load/errors.js";
const file = process.argv[2]!;
try {
  const plan = await loadPlanFile(file);
  const problems = findMissingQuotes(plan, await readPlanSource(plan, file));
  for (const p of problems) console.log(`${file}: ${p.path}: ${p.message}`);
  console.log(`${plan.id}: ${plan.sections.length} sections, ${plan.indicators.length} indicators, ${plan.tasks.length} tasks, ${plan.projects.length} projects, ${plan.omissions.length} omissions; ${problems.length} quote problems`);
  process.exitCode = problems.length ? 1 : 0;
} catch (e) {
  if (e instanceof PlanLoadError) { console.log(e.message); process.exitCode = 1; } else throw e;
}
