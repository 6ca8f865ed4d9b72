import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { AuditReport } from "../src/index.js";
import { detectStdinFormat } from "../src/cli/standard-input.js";

// `-` for standard input, --version and compare's text format, run from source as tests/cli.test.ts does.
const root = path.join(import.meta.dirname, "..");
function runCli(args: readonly string[], input: string | Uint8Array = "") {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args], { cwd: root, input, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const read = (file: string) => readFile(path.join(root, file), "utf8");

describe("plan-align --version", () => {
  it("prints the version of package.json", async () => {
    const { version } = JSON.parse(await read("package.json")) as { version: string };
    expect(runCli(["--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });
});

describe("- for standard input", () => {
  it("audits a plan piped in as JSON or YAML as it audits the file", async () => {
    const json = await read("data/plans/daixian.json");
    const fromFile = runCli(["audit", "data/plans/daixian.json", "--format", "json"]);
    const fromJson = runCli(["audit", "-", "--format", "json"], json);
    const fromYaml = runCli(["audit", "-", "--format", "json"], stringify(JSON.parse(json)));
    expect(fromJson.status).toBe(0);
    expect(fromJson.stdout).toBe(fromFile.stdout);
    expect(fromYaml.stdout).toBe(fromFile.stdout);
  });

  it("extracts a plan from a document piped in, named stdin", async () => {
    const document = await read("docs/examples/daixian-cut-off.txt");
    const audited = runCli(["audit", "-", "--format", "json"], document);
    expect(audited.status).toBe(0);
    expect((JSON.parse(audited.stdout) as AuditReport).subject.id).toBe("stdin");
    const extracted = runCli(["extract", "-", "--id", "daixian-cut"], document);
    expect(JSON.parse(extracted.stdout)).toMatchObject({ id: "daixian-cut", source: { file: "<stdin>" } });
  });

  it("reads a review file and a synonym file from standard input", async () => {
    const review = await read("docs/examples/review.yaml");
    const reviewed = runCli(["audit", "daixian", "--review", "-", "--format", "json"], review);
    expect(reviewed.status).toBe(0);
    expect((JSON.parse(reviewed.stdout) as AuditReport).findings.some((finding) => finding.review !== undefined)).toBe(true);
    const synonyms = runCli(["compare", "national", "daixian", "--synonyms", "-", "--format", "json"], "groups: [{canonical: 应急局, variants: [应急管理局]}]\n");
    expect(synonyms.status).toBe(0);
    const refused = runCli(["compare", "national", "daixian", "--synonyms", "-"], "groups: 1\n");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("plan-align: <stdin>: groups:");
  });

  it("audits a corpus in JSON lines piped into audit-all", async () => {
    const lines = ["daixian", "nanyang"].map(async (id) => JSON.stringify(JSON.parse(await read(`data/plans/${id}.json`))));
    const { status, stdout } = runCli(["audit-all", "-", "--format", "jsonl"], `${(await Promise.all(lines)).join("\n")}\n`);
    expect(status).toBe(0);
    expect(stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as AuditReport).subject.id)).toEqual(["daixian", "nanyang"]);
  });

  it("validates a plan on standard input, naming it <stdin>", async () => {
    expect(runCli(["validate", "-"], await read("data/plans/daixian.json"))).toMatchObject({ status: 0, stdout: "✓ daixian: valid (<stdin>)\n" });
    const invalid = runCli(["validate", "-"], "id: x\n");
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain("<stdin>: title:");
  });

  it("refuses bytes that are not UTF-8, naming <stdin>, as it does for files", () => {
    const { status, stderr } = runCli(["audit", "-"], new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(status).toBe(1);
    expect(stderr).toBe("plan-align: <stdin>: not UTF-8: byte 1 (0xFF) does not start a valid character; save the file as UTF-8\n");
  });

  it("reads a document on standard input in any format the read stage reads, told by its bytes", async () => {
    const extract = (file: string) => JSON.parse(runCli(["extract", "-"], readFileSync(path.join(root, "tests/fixtures/formats", file))).stdout) as { title: string; indicators: unknown[] };
    for (const file of ["daixian.docx", "daixian.gbk.txt", "daixian.gb2312.html"]) {
      expect(extract(file)).toMatchObject({ title: "代县贯彻落实国家、省及市“十四五”应急体系规划实施方案", indicators: expect.arrayContaining([expect.anything()]) });
    }
    const audited = runCli(["audit", "-", "--format", "json"], readFileSync(path.join(root, "tests/fixtures/formats/nanyang.gbk.txt")));
    expect(audited.status).toBe(0);
    expect((JSON.parse(audited.stdout) as AuditReport).subject.id).toBe("stdin");
  });

  it("drops a byte-order mark, as it does for files", async () => {
    const { status, stdout } = runCli(["validate", "-"], `\uFEFF${await read("data/plans/daixian.json")}`);
    expect({ status, stdout }).toEqual({ status: 0, stdout: "✓ daixian: valid (<stdin>)\n" });
  });

  it("reads standard input once: a second - is refused with a clear message", async () => {
    const { status, stderr } = runCli(["compare", "-", "-"], await read("data/plans/daixian.json"));
    expect(status).toBe(1);
    expect(stderr).toContain("standard input can be read once");
  });

  it("refuses a --stdin-format the input cannot hold", () => {
    const { status, stderr } = runCli(["audit", "-", "--stdin-format", "jsonl"], "{}");
    expect(status).toBe(1);
    expect(stderr).toContain("argument 'jsonl' is invalid");
  });
});

describe("the format of standard input, read off the text", () => {
  const plans = ["json", "yaml", "document"] as const;
  it("tells JSON, a JSON-lines corpus, YAML, HTML and plain documents apart", () => {
    expect(detectStdinFormat('{\n  "id": "x"\n}\n', plans)).toBe("json");
    expect(detectStdinFormat('{"id":"a"}\n{"id":"b"}\n', ["json", "jsonl"])).toBe("jsonl");
    expect(detectStdinFormat('{"id":"a"}\n{"id":"b"}\n', plans)).toBe("json");
    expect(detectStdinFormat("# a plan\nid: x\ntitle: y\n", plans)).toBe("yaml");
    expect(detectStdinFormat("---\nid: x\n", plans)).toBe("yaml");
    expect(detectStdinFormat("<html><body>某县规划</body></html>", plans)).toBe("document");
    expect(detectStdinFormat("某县应急体系规划\n一、总体要求\n", plans)).toBe("document");
  });

  it("reads what is not JSON as YAML where no document is accepted", () => {
    expect(detectStdinFormat("某县应急体系规划\n", ["json", "yaml"])).toBe("yaml");
  });
});

describe("plan-align compare --format text", () => {
  it("prints the matches, candidates and items without a counterpart as plain lines", () => {
    const { status, stdout } = runCli(["compare", "national", "daixian", "--format", "text", "--lang", "en"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Plan comparison\n\nReference plan: .* \(national\)/u);
    expect(stdout).toMatch(/\n {2}\[indicator\] core-4 工矿商贸就业人员十万人生产安全事故死亡率 下降20% ↔ core-3 .* 下降10% {2}0\.\d\d\n/u);
    expect(stdout).toContain("\nWithout a counterpart: Reference plan (1)\n  [indicator] core-2 ");
  });

  it("gives each level of a chain its part and says why one was skipped", () => {
    const { stdout } = runCli(["chain", "daixian", "--format", "text"]);
    expect(stdout).toMatch(/== 忻州市.*\(xinzhou\) ==\n已跳过: /u);
  });
});
