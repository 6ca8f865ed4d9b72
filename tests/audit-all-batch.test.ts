import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { getBundledPlan, type AuditReport, type BatchReading } from "../src/index.js";
import { loadManifest, loadPlanBatch } from "../src/node.js";
import { revealControlCharacters } from "../src/text/unsafe-characters.js";
import { readCsv } from "./support/read-csv.js";

// audit-all over a folder that holds what real folders hold: plans and documents that read, a file that does
// not, files the system leaves, a subfolder; and documents whose title and jurisdiction come from a manifest.

const root = path.join(import.meta.dirname, "..");
const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const untitled = path.join(root, "tests", "fixtures", "untitled", "untitled-plan.txt");
// Each run starts Node and audits; on a loaded 2-core machine a few runs take minutes.
const slow = { timeout: 300_000 };

function runCli(cwd: string, ...args: string[]) {
  return runCliWithInput(cwd, "", ...args);
}

function runCliWithInput(cwd: string, input: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", tsx, path.join(root, "src/cli/main.ts"), ...args], { cwd, encoding: "utf8", input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A file name that tries to act in every format: a formula, markup, a right-to-left override, a terminal sequence. */
const hostileName = "=cmd|'<img src=x onerror=alert(1)>\u202Eevil\u001b[2J.txt";
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;

/** Rows of a CSV as objects by column name, checking that every row is as wide as the header. */
function table(csv: string): Array<Record<string, string>> {
  const [header = [], ...rows] = readCsv(csv);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ""])));
}

describe("audit-all over a folder with files it cannot read", () => {
  let folder: string;
  const run = (...args: string[]) => runCli(folder, "audit-all", ".", "--threads", "1", ...args);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "plan-align-batch-"));
    await copyFile(path.join(root, "data", "plans", "nanyang.json"), path.join(folder, "nanyang.json"));
    await copyFile(path.join(root, "docs", "examples", "daixian-cut-off.txt"), path.join(folder, "daixian-cut-off.txt"));
    await writeFile(path.join(folder, "broken.txt"), Buffer.from([0x74, 0x65, 0x78, 0x74, 0xff, 0xfe, 0x0a]));
    await writeFile(path.join(folder, hostileName), Buffer.from([0xc3, 0x28]));
    await writeFile(path.join(folder, ".DS_Store"), "");
    await writeFile(path.join(folder, "~$plan.docx"), "");
    await mkdir(path.join(folder, "older"));
  });

  it("audits what it can read and lists the rest in JSON, exiting 4", slow, () => {
    const { status, stdout, stderr } = run("--format", "json");
    expect(status).toBe(4);
    const json = JSON.parse(stdout) as { version: string; settings: unknown; reports: AuditReport[] } & BatchReading;
    expect(json.reports.map((report) => report.subject.id)).toEqual(["daixian-cut-off", "nanyang"]);
    // What made it: plan-align's version and the settings, as each report has them.
    expect(json.version).toBe(json.reports[0]?.version);
    expect(json.settings).toEqual(json.reports[0]?.settings);
    expect(json.unreadable.map((input) => input.file)).toEqual([hostileName, "broken.txt"]);
    expect(json.unreadable[1]?.reason).toEqual(["broken.txt: not UTF-8, GB18030 or Big5: byte 4 (0xFF) does not start a valid UTF-8 character; save the file as UTF-8"]);
    expect(json.skipped).toEqual([
      { file: ".DS_Store", reason: "hidden file (its name starts with a dot)" },
      { file: "older", reason: "subfolder: folders are read one level deep" },
      { file: "~$plan.docx", reason: "Office lock file: left beside a document while it is open in Word, Excel or WPS" },
    ]);
    // The terminal hears of each unreadable file too, without its controls.
    expect(stderr).toContain("plan-align: broken.txt: not UTF-8");
    expect(stderr).not.toMatch(/\u001b|\u202E/u);
  });

  it("streams a line per unreadable and skipped file before the audits in JSON lines", slow, () => {
    const { status, stdout } = run("--format", "jsonl");
    expect(status).toBe(4);
    const lines = stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => "unreadable" in line).map((line) => (line.unreadable as { file: string }).file)).toEqual([hostileName, "broken.txt"]);
    expect(lines.filter((line) => "skipped" in line)).toHaveLength(3);
    expect(lines.filter((line) => "subject" in line).map((line) => (line as unknown as AuditReport).subject.id)).toEqual(["daixian-cut-off", "nanyang"]);
  });

  it("adds a row per unreadable and skipped file to the matrix CSV, as wide as the others, formulas defused", slow, () => {
    const { status, stdout } = run("--format", "csv");
    expect(status).toBe(4);
    const rows = table(stdout);
    expect(rows.filter((row) => row.item_kind === "unreadable").map((row) => row.item_id)).toEqual([`'${revealControlCharacters(hostileName)}`, "broken.txt"]);
    expect(rows.filter((row) => row.item_kind === "skipped").map((row) => row.item_id)).toEqual([".DS_Store", "older", "~$plan.docx"]);
    expect(rows.find((row) => row.item_id === "broken.txt")).toMatchObject({ item_kind_label: "无法读取", ancestor_plan: "", nanyang: "" });
    expect(rows.some((row) => row.ancestor_plan === "national" && row.nanyang === "weaker")).toBe(true);
  });

  it("adds a finding row of kind unreadable or skipped per file to the findings CSV, naming it in the column file", slow, () => {
    const { status, stdout } = run("--format", "findings-csv");
    expect(status).toBe(4);
    const rows = table(stdout);
    expect(rows.filter((row) => row.kind === "unreadable").map((row) => [row.file, row.severity])).toEqual([[`'${revealControlCharacters(hostileName)}`, "error"], ["broken.txt", "error"]]);
    expect(rows.filter((row) => row.kind === "skipped").map((row) => row.file)).toEqual([".DS_Store", "older", "~$plan.docx"]);
    expect(rows.find((row) => row.file === "broken.txt")?.message).toContain("not UTF-8");
    expect(new Set(rows.filter((row) => row.kind !== "unreadable" && row.kind !== "skipped").map((row) => row.audited_plan))).toEqual(new Set(["daixian-cut-off", "nanyang"]));
  });

  it("shows the controls of a file name as code points in CSV, as HTML does", slow, () => {
    const { stdout } = run("--format", "csv");
    expect(stdout).toContain("[U+202E]evil[U+001B][2J.txt");
    expect(stdout).not.toMatch(bidiControl);
    expect(stdout).not.toContain("\u001b");
  });

  it("writes the item table of every plan's alignments, with a row per file not audited, in CSV and JSON", slow, () => {
    const csv = run("--format", "items-csv");
    expect(csv.status).toBe(4);
    const rows = table(csv.stdout);
    expect(new Set(rows.map((row) => row.subject_plan))).toEqual(new Set(["daixian-cut-off", "nanyang", ""]));
    expect(rows.filter((row) => row.status === "unreadable").map((row) => row.file)).toEqual([`'${revealControlCharacters(hostileName)}`, "broken.txt"]);
    expect(rows.some((row) => row.subject_plan === "nanyang" && row.status === "unmatched" && row.subject_id !== "")).toBe(true);
    const json = JSON.parse(run("--format", "items-json").stdout) as { version: string; settings: { review: null }; items: Array<Record<string, unknown>> } & BatchReading;
    expect(json.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(json.settings.review).toBeNull();
    // The rows of files not audited name the file; a level skipped for want of content does not.
    expect(json.items.filter((item) => item.file === null)).toHaveLength(rows.filter((row) => row.file === "").length);
    expect(rows.filter((row) => row.file !== "")).toHaveLength(5);
    expect(json.skipped).toHaveLength(3);
  });

  it("lists them in a section of the HTML page, escaped", slow, () => {
    const { status, stdout } = run("--format", "html");
    expect(status).toBe(4);
    expect(stdout).toContain("无法读取的文件 (2)");
    expect(stdout).toContain("已跳过的文件 (3)");
    expect(stdout).toContain("<code>broken.txt</code>");
    expect(stdout).toContain("=cmd|&#39;&lt;img src=x onerror=alert(1)&gt;[U+202E]evil");
    expect(stdout).not.toContain("<img");
    expect(stdout).not.toMatch(bidiControl);
  });

  it("summarizes each plan and the files it could not read in plain text", slow, () => {
    const { status, stdout } = run("--format", "text", "--lang", "en");
    expect(status).toBe(4);
    expect(stdout.split("\n")[0]).toBe("Batch audit: 2 plans audited; 2 files could not be read; 3 skipped");
    // 南阳 against the national task groups now known by their headings: two without a counterpart (infos, since only a heading is known), part-not-known and low-confidence infos.
    expect(stdout).toMatch(/\(nanyang\)\n {2}Plans above: 河南省.* → .*国家应急体系规划\n {2}error 3 · warning 2 · info 14\n/u);
    expect(stdout).toContain("\n  broken.txt\n    broken.txt: not UTF-8");
    expect(stdout).toContain("  older: subfolder: folders are read one level deep");
    expect(stdout).not.toMatch(/\u001b|\u202E/u);
    // The terminal sequence in the name is dropped, the override shown.
    expect(stdout).toContain("Files that could not be read (2):\n  =cmd|'<img src=x onerror=alert(1)>[U+202E]evil.txt\n");
  });

  it("exits 1 with every reason, and prints nothing, when no input could be read", slow, async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "plan-align-batch-"));
    await writeFile(path.join(empty, "broken.txt"), Buffer.from([0xff]));
    await writeFile(path.join(empty, "notes.pdf"), "%PDF-1.7\n\u00e2\u00e3");
    const { status, stdout, stderr } = runCli(empty, "audit-all", ".", "--format", "json");
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("plan-align: broken.txt: not UTF-8");
    expect(stderr).toContain("plan-align: notes.pdf: ");
  });
});

describe("audit-all with a manifest", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "plan-align-manifest-"));
    await mkdir(path.join(folder, "documents"));
    await copyFile(untitled, path.join(folder, "documents", "untitled-plan.txt"));
  });

  it("extracts a document that names no title or jurisdiction with those of its row of a CSV saved with a BOM", slow, async () => {
    const manifest = path.join(folder, "manifest.csv");
    await writeFile(manifest, "\uFEFFfile,jurisdiction,parent,title\r\ndocuments/untitled-plan.txt,示例县,忻州市,示例县应急体系建设规划\r\n");
    const { status, stdout } = runCli(root, "audit-all", "--manifest", manifest, "--format", "json");
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as { reports: AuditReport[] } & BatchReading;
    expect(json.reports.map((report) => report.subject.title)).toEqual(["示例县应急体系建设规划"]);
    expect(json.reports[0]?.chain.map((step) => step.reference.id)).toEqual(["xinzhou", "shanxi", "national"]);
    expect(json.unreadable).toEqual([]);
  });

  it("gives a file named on the command line its row of a YAML manifest, beside inputs it does not list", slow, async () => {
    const manifest = path.join(folder, "manifest.yaml");
    await writeFile(manifest, "- file: documents/untitled-plan.txt\n  jurisdiction: 示例县\n  parent: 忻州市\n  title: 示例县应急体系建设规划\n  id: shili\n");
    const { status, stdout } = runCli(root, "audit-all", path.join(folder, "documents"), "nanyang", "--manifest", manifest, "--format", "jsonl");
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const reports = lines.filter((line) => "subject" in line) as unknown as AuditReport[];
    expect(reports.map((report) => [report.subject.id, report.subject.title])).toEqual([["shili", "示例县应急体系建设规划"], ["nanyang", getBundledPlan("nanyang").title]]);
    // 示例县 is invented: the table does not know it, and the batch says so in a note line.
    expect(lines.filter((line) => "note" in line).map((line) => line.note)).toEqual([expect.stringContaining("示例县 is not in the national division table")]);
  });

  it("without one, reads the document, says what extraction could not find, and lists it as not audited: no plan is known above it", slow, () => {
    const { status, stderr } = runCli(root, "audit-all", path.join(folder, "documents"), "nanyang", "--format", "jsonl");
    expect(status).toBe(4);
    expect(stderr).toContain("untitled-plan.txt: title: no title found in the document: named after its file; give the title (meta.title, --title)");
    expect(stderr).toContain("untitled-plan.txt: read, but no plan above （未知辖区） is known to audit it against: give its jurisdiction and the one above it");
  });

  it("refuses a manifest with problems, naming it and each row and column, before any audit", slow, async () => {
    const manifest = path.join(folder, "wrong.csv");
    await writeFile(manifest, "file,jurisdiction,level\r\ndocuments/untitled-plan.txt,示例县,town\r\nmissing.txt,示例县,county\r\n");
    const { status, stdout, stderr } = runCli(root, "audit-all", "--manifest", manifest);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe([
      `plan-align: ${manifest}: line 2, column level: "town" is not a level: national, province, city, county`,
      `plan-align: ${manifest}: line 3, column file: no such file: ${path.join(folder, "missing.txt")}`,
      "",
    ].join("\n"));
    const unknown = path.join(folder, "unknown.csv");
    await writeFile(unknown, "file,county\r\ndocuments/untitled-plan.txt,示例县\r\n");
    expect(runCli(root, "audit-all", "--manifest", unknown).stderr).toBe(`plan-align: ${unknown}: line 1, column 2: unknown column "county": the columns are file, jurisdiction, parent, title, level, id\n`);
  });
});

describe("audit --title, --jurisdiction, --level, --parent", () => {
  it("audits a document that shows neither its title nor its jurisdiction", slow, () => {
    const { status, stdout } = runCli(root, "audit", untitled, "--title", "示例县应急体系建设规划", "--jurisdiction", "示例县", "--parent", "忻州市", "--level", "county");
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("规划审计: 示例县应急体系建设规划");
    const alone = runCli(root, "audit", untitled);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain("plan-align: warning: ");
    expect(alone.stderr).toContain("title: no title found in the document: named after its file; give the title (meta.title, --title)");
    expect(alone.stderr).toContain(`plan-align: audit: no bundled plan sits above ${untitled} (（未知辖区）): give its jurisdiction and the one above it (--jurisdiction, --parent)`);
  });

  it("applies to a document on standard input too", slow, async () => {
    const { status, stdout } = runCliWithInput(root, await readFile(untitled, "utf8"), "audit", "-", "--title", "示例县应急体系建设规划", "--jurisdiction", "示例县", "--parent", "忻州市");
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("规划审计: 示例县应急体系建设规划");
  });

  it("refuses them for a bundled id or a plan file, which states its own", slow, () => {
    const { status, stderr } = runCli(root, "audit", "daixian", "--title", "另一个标题");
    expect(status).toBe(1);
    expect(stderr).toBe("plan-align: daixian: a plan, not a document: it states its own title; what is given for a document applies only to documents, which are extracted\n");
  });
});

describe("loadPlanBatch", () => {
  it("gives a plan whose id an earlier plan has the next free suffix, and says so", async () => {
    const batch = await loadPlanBatch(["daixian", path.join(root, "data", "plans", "daixian.json")]);
    expect(batch.plans.map((plan) => plan.id)).toEqual(["daixian", "daixian-2"]);
    expect(batch.notes).toEqual([`${path.join(root, "data", "plans", "daixian.json")}: its plan has the id daixian, as the plan of daixian has; it is audited as daixian-2`]);
    expect(batch.plans[1]?.notes.at(-1)).toBe(batch.notes[0]);
  });

  it("lists a plan whose quotes are not in its source as unreadable, naming the quote, and reads the rest", async () => {
    const plan = structuredClone(getBundledPlan("daixian"));
    plan.tasks[0]!.quote = "这句话不在代县的文件里";
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "plan-align-batch-")), "daixian-copy.json");
    await writeFile(file, JSON.stringify(plan));
    const batch = await loadPlanBatch([file, "nanyang"], { verifyQuotes: true });
    expect(batch.plans.map((read) => read.id)).toEqual(["nanyang"]);
    expect(batch.unreadable).toEqual([{ file, reason: [`${file}: tasks[0].quote: not found in the source daixian.txt: "这句话不在代县的文件里"`] }]);
  });

  it("reads a file named twice once", async () => {
    const file = path.join(root, "data", "plans", "nanyang.json");
    expect((await loadPlanBatch([file, path.relative(process.cwd(), file)])).plans).toHaveLength(1);
  });

  it("refuses a title or a jurisdiction's name for more than one document, which a level and a parent can serve", async () => {
    const documents = [untitled, path.join(root, "docs", "examples", "daixian-cut-off.txt")];
    await expect(loadPlanBatch(documents, { meta: { title: "一个标题" } })).rejects.toThrow("loadPlanBatch: options.meta.title: names one document, but the batch has 2: give each document its own in a manifest");
    // A level and a parent place even the document that names no jurisdiction, which extraction then says.
    const batch = await loadPlanBatch(documents, { meta: { jurisdiction: { parent: "忻州市", level: "county" } } });
    expect(batch.plans.map((plan) => plan.jurisdiction.parent)).toEqual(["忻州市", "忻州市"]);
    expect(batch.unreadable).toEqual([]);
    expect(batch.notes.filter((note) => note.startsWith(untitled))).toEqual([
      `${untitled}: title: no title found in the document: named after its file; give the title (meta.title, --title)`,
      `${untitled}: jurisdiction: no jurisdiction found in the title, issuer or notice: taken as an unknown county under 忻州市; give it (meta.jurisdiction, --jurisdiction, --level, --parent)`,
    ]);
  });

  it("lists a plan file its manifest gives a title as unreadable, as a plan states its own", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "plan-align-manifest-"));
    await copyFile(path.join(root, "data", "plans", "nanyang.json"), path.join(folder, "nanyang.json"));
    await writeFile(path.join(folder, "manifest.yaml"), "- { file: nanyang.json, title: 另一个标题 }\n");
    const batch = await loadPlanBatch([], { manifest: path.join(folder, "manifest.yaml") });
    expect(batch.plans).toEqual([]);
    expect(batch.unreadable[0]?.reason[0]).toContain("a plan, not a document: it states its own title");
  });
});

describe("loadManifest", () => {
  it("reads the same entries from CSV, with or without a BOM, and from YAML, files resolved against its folder", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "plan-align-manifest-"));
    await copyFile(untitled, path.join(folder, "a.txt"));
    const expected = [{ file: path.join(folder, "a.txt"), meta: { title: "标题", jurisdiction: { name: "示例县", level: "county", parent: "忻州市" } } }];
    for (const [name, text] of [
      ["bom.csv", "\uFEFFFile,Jurisdiction,Parent,Title,Level\r\na.txt,示例县,忻州市,标题,county\r\n,,,,\r\n"],
      ["plain.csv", "file,jurisdiction,parent,title,level\na.txt, 示例县 ,忻州市,标题,county\n"],
      ["list.yaml", "- file: a.txt\n  jurisdiction: 示例县\n  parent: 忻州市\n  title: 标题\n  level: county\n"],
    ] as const) {
      await writeFile(path.join(folder, name), text);
      expect(await loadManifest(path.join(folder, name)), name).toEqual(expected);
    }
  });

  it("names the row and key of each problem of a YAML manifest", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "plan-align-manifest-"));
    const manifest = path.join(folder, "m.yaml");
    await writeFile(manifest, "- { file: nowhere.txt, colour: red }\n- { file: m.yaml, id: Not A Slug, title: 2021 }\n- { file: m.yaml }\n");
    await expect(loadManifest(manifest)).rejects.toThrow([
      `${manifest}: [0].colour: unknown key: the keys are file, jurisdiction, parent, title, level, id`,
      `${manifest}: [0].file: no such file: ${path.join(folder, "nowhere.txt")}`,
      `${manifest}: [1].title: expected text, got 2021`,
      `${manifest}: [1].id: "Not A Slug" is not a plan id: a lowercase slug such as \`daixian\` or \`task-3.2\``,
      `${manifest}: [2].file: ${manifest} is listed already, at [1].file`,
    ].join("\n"));
  });
});
