import { execFile, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { alignPlans, auditPlan, getBundledPlan, listBundledPlans } from "../src/index.js";

// The example notebooks of docs/examples: their saved outputs must come from a clean run, and a fresh run
// must show what the library computes. Both notebooks use the built package (dist/, which npm ci builds).
// A fresh run needs a python3 with pandas, matplotlib, nbconvert and ipykernel (Debian's, which .ci/run
// installs) and, for the Deno notebook, the deno devDependency. Where they are missing the fresh runs are
// skipped and say so; in CI (CI set) they fail instead.
const root = path.resolve(import.meta.dirname, "..");
const examples = path.join(root, "docs/examples");
const pythonNotebook = "audit-findings.ipynb";
const denoNotebook = "library-api.ipynb";
const deno = path.join(root, "node_modules/.bin/deno");
// Kernel start-up, pandas and matplotlib take a few seconds; a busy CI machine may take several times that.
const runTimeout = 120_000;

const python = ["python3", "/usr/bin/python3"].find(
  (candidate) => spawnSync(candidate, ["-c", "import pandas, matplotlib, nbconvert, ipykernel"]).status === 0,
);
const mustRun = process.env.CI !== undefined;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  cell_type: string;
  execution_count?: number | null;
  metadata: { tags?: string[] };
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
}

/** nbformat stores multi-line text either whole or as a list of lines. */
function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

function codeCells(notebook: Notebook): Cell[] {
  return notebook.cells.filter((cell) => cell.cell_type === "code");
}

function taggedCell(notebook: Notebook, tag: string): Cell {
  const cell = codeCells(notebook).find((candidate) => candidate.metadata.tags?.includes(tag));
  if (cell === undefined) throw new Error(`no code cell tagged ${tag}`);
  return cell;
}

function stdout(cell: Cell): string {
  return (cell.outputs ?? []).filter((output) => output.output_type === "stream" && output.name === "stdout").map((output) => joined(output.text)).join("");
}

function display(cell: Cell, mimeType: string): string {
  const output = (cell.outputs ?? []).find((candidate) => candidate.data?.[mimeType] !== undefined);
  return joined(output?.data?.[mimeType]);
}

/**
 * Every code cell ran once, in order, with no error and nothing written to standard error: what a reader
 * opening the saved notebook sees. (A fresh run on a machine without CJK fonts warns of missing glyphs.)
 */
function expectCleanRun(notebook: Notebook): void {
  const cells = codeCells(notebook);
  expect(cells.map((cell) => cell.execution_count)).toEqual(cells.map((_, index) => index + 1));
  const problems = cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.output_type === "error" || output.name === "stderr");
  expect(problems).toEqual([]);
}

/** The pandas Series of weaker targets as printed: one "plan-id  count" line per plan. */
function weakerCounts(notebook: Notebook): Map<string, number> {
  const lines = display(taggedCell(notebook, "weaker-counts"), "text/plain").split("\n");
  return new Map(lines.flatMap((line) => {
    const row = /^(\S+)\s+(\d+)$/u.exec(line);
    return row === null ? [] : [[row[1]!, Number(row[2])] as const];
  }));
}

function expectPythonNotebookShowsTheAudits(notebook: Notebook): void {
  // The plans charted: every bundled plan with a parent and any content, each with the library's count.
  const counts = weakerCounts(notebook);
  const withContent = listBundledPlans().filter((plan) => plan.parent !== null && plan.counts.indicators + plan.counts.tasks + plan.counts.projects > 0);
  expect([...counts.keys()].sort()).toEqual(withContent.map((plan) => plan.id).sort());
  const reports = [...counts.keys()].map((id) => auditPlan(getBundledPlan(id)));
  expect(Object.fromEntries(counts)).toEqual(
    Object.fromEntries(reports.map((report) => [report.subject.id, report.findings.filter((finding) => finding.kind === "weaker-target").length])),
  );
  expect([...counts.values()].some((count) => count > 0)).toBe(true);

  const findingsCell = taggedCell(notebook, "findings-table");
  const total = reports.reduce((sum, report) => sum + report.findings.length, 0);
  expect(stdout(findingsCell)).toMatch(new RegExp(`^${total} 条发现`, "u"));
  expect(display(findingsCell, "text/html")).toContain("weaker-target");

  // A PNG: base64 of its signature.
  expect(display(taggedCell(notebook, "weaker-chart"), "image/png")).toMatch(/^iVBORw0KGgo/u);
  expect(display(taggedCell(notebook, "matrix-table"), "text/html")).toContain("<table");
}

/** The rows of a console.table: lines that start with a row index. */
function tableRows(text: string): number {
  return text.split("\n").filter((line) => /^│\s+\d+ │/u.test(line)).length;
}

function expectDenoNotebookShowsTheApi(notebook: Notebook): void {
  const report = auditPlan(getBundledPlan("daixian"));
  const findingsTable = stdout(taggedCell(notebook, "findings-table"));
  expect(tableRows(findingsTable)).toBe(report.findings.length);
  for (const finding of report.findings) expect(findingsTable).toContain(finding.kind);

  const alignment = alignPlans(getBundledPlan("national"), getBundledPlan("nanyang"));
  const indicatorMatches = alignment.matches.filter((match) => match.kind === "indicator");
  const alignmentTable = stdout(taggedCell(notebook, "alignment-table"));
  expect(tableRows(alignmentTable)).toBe(indicatorMatches.length);
  for (const match of indicatorMatches) expect(alignmentTable).toContain(match.subject.label);
}

function savedNotebook(name: string): Notebook {
  return JSON.parse(readFileSync(path.join(examples, name), "utf8")) as Notebook;
}

/**
 * Executes a notebook with nbconvert as a reader would (working directory: docs/examples), writing the result
 * to a temporary folder so that the saved notebook is left as it is.
 */
async function executeNotebook(name: string, env: NodeJS.ProcessEnv = {}): Promise<Notebook> {
  if (python === undefined) throw new Error("no python3 with pandas, matplotlib, nbconvert and ipykernel (apt-get install python3-pandas python3-matplotlib jupyter-nbconvert python3-nbclient python3-ipykernel)");
  const outputDir = await mkdtemp(path.join(os.tmpdir(), "plan-align-notebook-"));
  // nbconvert fails when a cell raises.
  await promisify(execFile)(python, ["-m", "nbconvert", "--to", "notebook", "--execute", path.join(examples, name), "--output-dir", outputDir], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: runTimeout,
  });
  return JSON.parse(await readFile(path.join(outputDir, name), "utf8")) as Notebook;
}

/**
 * A Jupyter data folder holding only the Deno kernelspec that `deno jupyter --install` would write to the
 * user's home, so that the test finds the kernel without installing anything there.
 */
async function denoKernelPath(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "plan-align-jupyter-"));
  const kernelDir = path.join(dataDir, "kernels/deno");
  await mkdir(kernelDir, { recursive: true });
  const spec = { argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"], display_name: "Deno", language: "typescript" };
  await writeFile(path.join(kernelDir, "kernel.json"), JSON.stringify(spec));
  return dataDir;
}

describe("the saved example notebooks", () => {
  it("the Python notebook's outputs are those of a clean run and match the library's audits", () => {
    const notebook = savedNotebook(pythonNotebook);
    expectCleanRun(notebook);
    expectPythonNotebookShowsTheAudits(notebook);
  });

  it("the Deno notebook's outputs are those of a clean run and match the library's results", () => {
    const notebook = savedNotebook(denoNotebook);
    expectCleanRun(notebook);
    expectDenoNotebookShowsTheApi(notebook);
  });
});

describe.skipIf(python === undefined && !mustRun)("the example notebooks, run afresh", () => {
  it("the Python notebook runs the CLI and shows the findings, the weaker targets and their chart", async () => {
    expectPythonNotebookShowsTheAudits(await executeNotebook(pythonNotebook));
  }, runTimeout);

  it.skipIf(!existsSync(deno) && !mustRun)("the Deno notebook runs the library API", async () => {
    const notebook = await executeNotebook(denoNotebook, { JUPYTER_PATH: await denoKernelPath(), DENO_NO_UPDATE_CHECK: "1" });
    expectDenoNotebookShowsTheApi(notebook);
  }, runTimeout);
});
