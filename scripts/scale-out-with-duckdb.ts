// npx tsx scripts/scale-out-with-duckdb.ts <corpus.jsonl> [--jobs N] [--work DIR]: the recipe of
// docs/scale-out.md. DuckDB reads a corpus of plans in JSON lines and splits it by province (each plan's
// audit needs only the plan and its ancestors, all in its province's part, the national plan in every part);
// each part is audited by its own `plan-align audit-all` process, the N of them at once as separate
// machines would; DuckDB then reads every audit back and sums the findings. Prints what it did and the cost
// per plan. Needs `npm run build` first (it runs dist/cli.js, as a deployed machine would run the CLI).
import { DuckDBInstance } from "@duckdb/node-api";
import { spawn } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { jobs: { type: "string", default: "2" }, work: { type: "string", default: "scale-out-work" } },
});
const [corpus] = positionals;
if (corpus === undefined) throw new Error("usage: scale-out-with-duckdb.ts <corpus.jsonl> [--jobs N] [--work DIR]");
const jobs = Number(values.jobs);
const work = path.resolve(values.work);
const cli = path.join(import.meta.dirname, "..", "dist", "cli.js");
const start = performance.now();

const connection = await (await DuckDBInstance.create(":memory:")).connect();
const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjects();
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

// 1. The corpus as a table, each plan with its place in the hierarchy.
await connection.run(`
  CREATE TABLE plans AS
  SELECT row_number() OVER () AS line, json,
         json ->> '$.id' AS id, json ->> '$.jurisdiction.level' AS level,
         json ->> '$.jurisdiction.name' AS name, json ->> '$.jurisdiction.parent' AS parent
  FROM read_json_objects(${quoted(path.resolve(corpus))}, format = 'newline_delimited')`);

// 2. Each plan's province, down the parent links from the provinces (name and parent together: county
//    names repeat across the nation, 朝阳区 in 北京市 and in 长春市).
await connection.run(`
  CREATE TABLE placed AS
  WITH RECURSIVE up(name, parent, province) AS (
    SELECT name, parent, name FROM plans WHERE level = 'province'
    UNION ALL
    SELECT p.name, p.parent, up.province FROM plans p JOIN up ON p.parent = up.name WHERE p.level <> 'province'
  )
  SELECT DISTINCT plans.line, plans.json, up.province FROM plans JOIN up USING (name, parent)`);
const [national] = await rows(`SELECT json::VARCHAR AS json FROM plans WHERE level = 'national' LIMIT 1`);
const [unplaced] = await rows(`SELECT count(*)::INTEGER AS count FROM plans WHERE level <> 'national' AND line NOT IN (SELECT line FROM placed)`);

// 3. One part per province, in the corpus's order (ancestors before the plans below them).
const parts = await rows(`
  SELECT province, count(*)::INTEGER AS plans, string_agg(json::VARCHAR, chr(10) ORDER BY line) AS lines
  FROM placed GROUP BY province ORDER BY min(line)`);
await rm(work, { recursive: true, force: true });
await mkdir(path.join(work, "in"), { recursive: true });
await mkdir(path.join(work, "out"), { recursive: true });
for (const [index, part] of parts.entries()) {
  const nationalLine = national === undefined ? "" : `${String(national.json)}\n`;
  await writeFile(path.join(work, "in", `part-${index}.jsonl`), `${nationalLine}${String(part.lines)}\n`);
}

// 4. Each part audited by its own process, `jobs` at a time, one thread each: what N machines would run.
const partSeconds: number[] = [];
const auditPart = (index: number) =>
  new Promise<void>((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [
      cli, "audit-all", path.join(work, "in", `part-${index}.jsonl`), "--format", "jsonl", "--threads", "1",
      // The synthetic plans have no source documents to check their quotes against.
      "--no-verify-quotes", "-o", path.join(work, "out", `part-${index}.jsonl`),
    ], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => {
      partSeconds[index] = (performance.now() - began) / 1000;
      if (code === 0 || code === 3) resolve();
      else reject(new Error(`part ${index}: plan-align exited with ${code}`));
    });
  });
let next = 0;
await Promise.all(Array.from({ length: Math.min(jobs, parts.length) }, async () => {
  while (next < parts.length) await auditPart(next++);
}));

// 5. Every audit read back by DuckDB, and the findings summed.
await connection.run(`
  CREATE TABLE audits AS SELECT json FROM read_json_objects(${quoted(path.join(work, "out", "*.jsonl"))}, format = 'newline_delimited')`);
const findings = await rows(`
  SELECT finding ->> '$.kind' AS kind, count(*)::INTEGER AS findings, count(DISTINCT subject)::INTEGER AS plans
  FROM (SELECT json ->> '$.subject.id' AS subject, unnest(json_extract(json, '$.findings[*]')) AS finding FROM audits)
  GROUP BY kind ORDER BY findings DESC`);
const [audited] = await rows(`SELECT count(*)::INTEGER AS count FROM audits WHERE json ->> '$.subject.level' <> 'national'`);

const wallSeconds = (performance.now() - start) / 1000;
const planCount = parts.reduce((sum, part) => sum + Number(part.plans), 0);
const processSeconds = partSeconds.reduce((sum, seconds) => sum + seconds, 0);
console.log(`${planCount} plans in ${parts.length} parts (by province), ${Number(unplaced?.count ?? 0)} not placed; ${Number(audited?.count ?? 0)} audits read back`);
console.log(`wall ${wallSeconds.toFixed(1)} s with ${jobs} processes at once; ${processSeconds.toFixed(1)} s of audit processes in all, ${(processSeconds / planCount * 1000).toFixed(0)} ms per plan (process start included)`);
for (const row of findings) console.log(`  ${String(row.kind).padEnd(20)} ${String(row.findings).padStart(7)} findings in ${row.plans} plans`);
