#!/usr/bin/env node
import { Command, Option } from "commander";
import { bundledPlanIds, listBundledPlans } from "../load/bundled.js";
import { validatePlan, type PlanValidation } from "../load/validate.js";

// The command line: parses arguments and prints. Everything it does is a library call.

const program = new Command("plan-align")
  .description("Audit how Chinese emergency-management plans line up across levels of government")
  .showHelpAfterError();

const formatOption = () =>
  new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text");

program
  .command("list")
  .description("list the bundled plans with their level, parent plan and item counts")
  .addOption(formatOption())
  .action((options: { format: string }) => {
    const plans = listBundledPlans();
    if (options.format === "json") return printJson(plans);
    for (const plan of plans) {
      const { indicators, tasks, projects } = plan.counts;
      console.log(
        [plan.id.padEnd(9), plan.level.padEnd(8), `↑ ${(plan.parent ?? "-").padEnd(9)}`,
          `指标 ${String(indicators).padStart(3)}  任务 ${String(tasks).padStart(3)}  工程 ${String(projects).padStart(3)}`,
          plan.title].join("  "),
      );
    }
  });

program
  .command("validate")
  .description("check plans against the schema and their quotes against their source texts")
  .argument("[plans...]", "bundled plan ids or plan files (.json, .yaml)")
  .option("--all", "check every bundled plan")
  .addOption(formatOption())
  .action(async (plans: string[], options: { all?: boolean; format: string }) => {
    const inputs = options.all === true ? [...bundledPlanIds, ...plans] : plans;
    if (inputs.length === 0) program.error("validate: name at least one plan id or file, or use --all");
    const results: PlanValidation[] = [];
    for (const input of inputs) results.push(await validatePlan(input));
    if (options.format === "json") printJson({ valid: results.every((result) => result.valid), plans: results });
    else for (const result of results) printValidation(result);
    if (!results.every((result) => result.valid)) process.exitCode = 1;
  });

function printValidation(result: PlanValidation): void {
  if (result.valid) {
    console.log(`✓ ${result.id ?? result.input}: valid (${result.file})`);
    return;
  }
  const count = result.problems.length;
  console.log(`✗ ${result.id ?? result.input}: ${count} problem${count === 1 ? "" : "s"} (${result.file})`);
  for (const problem of result.problems) console.log(`  ${result.file}: ${problem.path || "(plan)"}: ${problem.message}`);
}

function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

program.parseAsync().catch((error: unknown) => {
  console.error(`plan-align: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
