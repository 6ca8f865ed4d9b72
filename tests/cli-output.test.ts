import { spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../src/index.js";
import { hostileJson, hostilePlan, hostileTerminal } from "./support/hostile-plan.js";

// Where the command line's output goes: pipes that close, full disks, and --output onto what is not a
// plain new or regular file. The CLI runs from source, as in tests/cli.test.ts.
const root = path.join(import.meta.dirname, "..");
// tsx by its path, so the CLI also runs from a temporary folder.
const cli = ["--import", pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href, path.join(root, "src/cli/main.ts")];

/** Runs the CLI with standard output going to `stdout` (a pipe to the test by default). */
function runCli(args: readonly string[], { cwd = root, stdout = "pipe" as "pipe" | number } = {}) {
  const result = spawnSync(process.execPath, [...cli, ...args], { cwd, encoding: "utf8", stdio: ["ignore", stdout, "pipe"] });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr };
}

/** Runs the CLI into `| head -c 100` and gives its own exit code and standard error. */
function runIntoClosingPipe(args: readonly string[]) {
  const quoted = [process.execPath, ...cli, ...args].map((word) => `'${word}'`).join(" ");
  const result = spawnSync("bash", ["-c", `${quoted} 2>&3 | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  return { status: Number(result.stdout.trim()), stderr: String(result.output[3] ?? "") };
}

const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const tempDir = () => mkdtemp(path.join(os.tmpdir(), "plan-align-output-"));

describe("standard output", () => {
  it("ends quietly with exit 0 when the reader closes the pipe early", () => {
    for (const args of [["audit", "daixian", "--format", "json"], ["audit-all", "daixian", "nanyang", "--format", "jsonl"]]) {
      expect(runIntoClosingPipe(args), args.join(" ")).toEqual({ status: 0, stderr: "" });
    }
  });

  it("reports a full disk in one line and exits 1", () => {
    for (const args of [["list"], ["audit", "daixian", "--format", "json"]]) {
      const full = openSync("/dev/full", "w");
      const result = runCli(args, { stdout: full });
      closeSync(full);
      expect(result, args.join(" ")).toMatchObject({ status: 1, stderr: "plan-align: cannot write to standard output: no space left on device (ENOSPC)\n" });
    }
  });

  it("carries a hostile plan's text through JSON and JSON lines, lone surrogates included", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "hostile.json");
    await writeFile(file, JSON.stringify(hostilePlan()));
    // Its quotes carry the payload, so they are not in the source: the check is set aside to see the payload through.
    const json = runCli(["audit", file, "--format", "json", "--no-verify-quotes"]);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as AuditReport;
    expect(report.findings.some((finding) => finding.message.includes(hostileJson))).toBe(true);
    const lines = runCli(["audit-all", file, "nanyang", "--format", "jsonl", "--no-verify-quotes"]);
    expect(lines.status).toBe(0);
    const reports = lines.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as AuditReport);
    expect(reports.map((entry) => entry.subject.id)).toEqual(["hostile", "nanyang"]);
    expect(reports[0]).toEqual(report);
  });

  it("prints no control sequence from a plan or a document to the terminal", async () => {
    const dir = await tempDir();
    const plan = path.join(dir, "hostile.json");
    await writeFile(plan, JSON.stringify(hostilePlan()));
    const summary = runCli(["audit", plan, "--no-verify-quotes"]);
    expect(summary.stdout).toContain("代县贯彻落实");
    expect(summary.stdout).not.toMatch(controlCharacter);
    // A plan carrying control sequences is refused; the refusal names the field and prints none of them.
    const carrying = { ...hostilePlan(), title: `${hostileTerminal} 某县规划` };
    await writeFile(plan, JSON.stringify(carrying));
    for (const refused of [runCli(["audit", plan, "--no-verify-quotes"]), runCli(["validate", plan])]) {
      expect(refused.status).toBe(1);
      expect(`${refused.stdout}${refused.stderr}`).toContain("title");
      expect(`${refused.stdout}${refused.stderr}`).not.toMatch(controlCharacter);
    }
    // A file that is not JSON: the parser's message shows its first characters.
    const notJson = path.join(dir, "not.json");
    await writeFile(notJson, "\u001b]0;pwned\u0007");
    const unreadable = runCli(["audit", notJson]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain("not valid JSON");
    expect(unreadable.stderr).not.toMatch(controlCharacter);
    // An invented document whose title sets the window title and a colour; extract names it on standard error.
    const document = path.join(dir, "doc.txt");
    await writeFile(document, "某县\u001b]0;pwned\u0007\u001b[31m应急体系规划\n一、总体要求\n（一）主要目标\n到2025年，生产安全事故死亡人数下降10%。\n");
    const extracted = runCli(["extract", document, "-o", path.join(dir, "doc.json")]);
    expect(extracted.status).toBe(0);
    expect(extracted.stderr).toContain("某县应急体系规划 (某县, county");
    expect(extracted.stderr).not.toMatch(controlCharacter);
  });
});

describe("--output", () => {
  /** The files in a folder: a refused write leaves no temporary file behind. */
  const filesIn = async (dir: string) => (await readdir(dir)).sort();

  it("refuses a folder that does not exist, naming it, with exit 1 and no temporary file named", async () => {
    const dir = await tempDir();
    const output = path.join(dir, "missing", "report.json");
    const result = runCli(["audit", "daixian", "--format", "json", "-o", output]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`plan-align: cannot write ${output}: the folder ${path.join(dir, "missing")} does not exist\n`);
  });

  it("refuses a FIFO, a device and a folder, naming the file, with exit 1 and nothing written", async (context) => {
    const dir = await tempDir();
    const fifo = path.join(dir, "fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const folder = path.join(dir, "folder");
    await mkdir(folder);
    // A null device of the test's own, so a write that went through could only replace it.
    const device = path.join(dir, "device");
    const madeDevice = spawnSync("mknod", [device, "c", "1", "3"]).status === 0;
    type Check = (entry: Awaited<ReturnType<typeof stat>>) => boolean;
    const cases: Array<[string, string, Check]> = [[fifo, "a FIFO", (entry) => entry.isFIFO()], [folder, "a folder", (entry) => entry.isDirectory()]];
    if (madeDevice) cases.push([device, "a device", (entry) => entry.isCharacterDevice()]);
    const before = await filesIn(dir);
    for (const [output, kind, unchanged] of cases) {
      const result = runCli(["audit", "daixian", "--format", "json", "-o", output]);
      expect(result.status, output).toBe(1);
      expect(result.stderr).toBe(`plan-align: will not write ${output}: it is ${kind}, not a regular file\n`);
      expect(unchanged(await stat(output)), output).toBe(true);
    }
    expect(await filesIn(dir)).toEqual(before);
    expect(await filesIn(folder)).toEqual([]);
    if (!madeDevice) context.skip("mknod is not permitted here: the device case was not run");
  });

  it("refuses to write over the command's own input, however it is named, with exit 1", async () => {
    const dir = await tempDir();
    const document = path.join(dir, "doc.txt");
    await writeFile(document, await readFile(path.join(root, "docs/examples/daixian-cut-off.txt"), "utf8"));
    const plan = path.join(dir, "plan.json");
    expect(runCli(["extract", document, "--id", "cut", "-o", plan]).status).toBe(0);
    const [documentText, planText] = [await readFile(document, "utf8"), await readFile(plan, "utf8")];
    const cases: Array<[string[], string, string]> = [
      [["extract", "doc.txt", "-o", "./doc.txt"], "./doc.txt", "doc.txt"],
      [["audit", plan, "--format", "json", "-o", plan], plan, plan],
      [["audit-all", dir, "--format", "json", "-o", plan], plan, plan],
    ];
    for (const [args, output, input] of cases) {
      const result = runCli(args, { cwd: dir });
      expect(result.status, args.join(" ")).toBe(1);
      expect(result.stderr).toBe(`plan-align: will not write ${output}: it is the input ${input}; name another output file\n`);
    }
    expect(await readFile(document, "utf8")).toBe(documentText);
    expect(await readFile(plan, "utf8")).toBe(planText);
    expect(await filesIn(dir)).toEqual(["doc.txt", "plan.json"]);
  });

  it("still writes a new file, and replaces a regular one whole", async () => {
    const dir = await tempDir();
    const output = path.join(dir, "report.json");
    expect(runCli(["audit", "daixian", "--format", "json", "-o", output]).status).toBe(0);
    await writeFile(output, "old");
    expect(runCli(["audit", "daixian", "--format", "json", "-o", output]).status).toBe(0);
    expect((JSON.parse(await readFile(output, "utf8")) as AuditReport).subject.id).toBe("daixian");
    expect(await filesIn(dir)).toEqual(["report.json"]);
  });
});
