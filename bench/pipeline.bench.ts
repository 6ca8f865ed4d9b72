// npm run bench: how long the main stages take on the bundled data. The baseline in the same run (a JSON
// round trip of the 代县 plan, work every user does anyway) makes figures comparable across machines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { bench, describe } from "vitest";
import { alignPlans, auditPlan, extractPlan, getBundledPlan, parseTarget, renderAudit } from "../src/index.js";

const national = getBundledPlan("national");
const daixian = getBundledPlan("daixian");
const jilin = getBundledPlan("jilin");
const nanyang = getBundledPlan("nanyang");
const jilinSource = readFileSync(path.join(import.meta.dirname, "..", "data", "sources", "jilin.txt"), "utf8");
const targets = [daixian, nanyang, jilin].flatMap((plan) => plan.indicators.map((indicator) => indicator.target ?? ""));

describe("the pipeline on the bundled plans", () => {
  bench("baseline: JSON round trip of the 代县 plan", () => {
    JSON.parse(JSON.stringify(daixian));
  });
  bench("parseTarget: every target of 代县, 南阳 and 吉林", () => {
    for (const target of targets) parseTarget(target);
  });
  bench("alignPlans: national ↔ 代县", () => {
    alignPlans(national, daixian);
  });
  bench("alignPlans: 吉林 ↔ 南阳 (peers: 73 × 37 tasks, 39 × 19 projects)", () => {
    alignPlans(jilin, nanyang);
  });
  bench("auditPlan: 代县 against 山西省 and the nation", () => {
    auditPlan(daixian);
  });
  bench("renderAudit: 代县 as HTML", () => {
    renderAudit(auditPlan(daixian), "html");
  });
  bench("extractPlan: the 吉林 source (77 KB)", () => {
    extractPlan(jilinSource, { id: "jilin" });
  });
});
