import { extractionSources, scoreExtraction } from "../eval/extraction.js";
const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);
for (const id of extractionSources) {
  const s = scoreExtraction(id);
  const k = (x: typeof s.indicators) => `${pct(x.precision)} ${pct(x.recall)} (${x.matched}/${x.extracted}/${x.gold})`;
  console.log(id.padEnd(8), "ind", k(s.indicators), "task", k(s.tasks), "proj", k(s.projects), "tv", pct(s.targetValues), "ty", pct(s.targetYears), "units", pct(s.units));
}
