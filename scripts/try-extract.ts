import { readFileSync } from "node:fs";
import { extractPlan } from "../src/extract/extract-plan.js";
import { getBundledPlan } from "../src/load/bundled.js";
for (const id of (process.argv[2] ?? "daixian,nanyang,jilin,ningbo,jinhua").split(",")) {
  try {
    const { plan } = extractPlan(readFileSync(`data/sources/${id}.txt`, "utf8"), { id });
    const gold = getBundledPlan(id);
    const c = (p: typeof plan) => `sec ${p.sections.length} ind ${p.indicators.length} (core ${p.indicators.filter((i) => i.origin === "core").length}, goal ${p.indicators.filter((i) => i.origin === "goal").length}, inline ${p.indicators.filter((i) => i.origin === "inline").length}) task ${p.tasks.length} proj ${p.projects.length} omit ${p.omissions.length}`;
    console.log(id.padEnd(8), "extracted:", c(plan));
    console.log(" ".repeat(8), "gold:     ", c(gold));
    console.log(" ".repeat(8), plan.title, "|", plan.issuer, "|", plan.documentNumber, "|", plan.issueDate, "|", plan.publishDate, "|", plan.kind, JSON.stringify(plan.period), JSON.stringify(plan.jurisdiction));
  } catch (e) { console.log(id, "ERROR", (e as Error).message.slice(0, 500)); }
}
