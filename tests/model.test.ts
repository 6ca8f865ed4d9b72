import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { bundledPlanIds, getBundledPlan, getJsonSchemas, getSectionPath } from "../src/index.js";

const docs = path.join(import.meta.dirname, "..", "docs");

describe("the JSON Schemas in docs/", () => {
  it.each(Object.keys(getJsonSchemas()))("%s is up to date with the zod schemas (run `npm run schema`)", async (name) => {
    const committed = JSON.parse(await readFile(path.join(docs, name), "utf8"));
    expect(committed).toEqual(getJsonSchemas()[name]);
  });

  it("accepts every bundled plan, for tools that validate without zod", async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(await readFile(path.join(docs, "plan.schema.json"), "utf8")));
    for (const id of bundledPlanIds) {
      const raw = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "data", "plans", `${id}.json`), "utf8"));
      expect(validate(raw) ? [] : validate.errors).toEqual([]);
    }
  });
});

describe("section paths", () => {
  it("lead from the top of the plan down to an item's section", () => {
    const plan = getBundledPlan("daixian");
    const task = plan.tasks.find((item) => item.id === "task-20");
    expect(getSectionPath(plan, task?.section ?? "").map((section) => `${section.number}${section.title}`)).toEqual([
      "二、工作分工",
      "(二)重点任务",
      "5.加强应急救援力量体系建设",
    ]);
  });

  it("are empty for an unknown section", () => {
    expect(getSectionPath(getBundledPlan("daixian"), "nowhere")).toEqual([]);
  });
});
