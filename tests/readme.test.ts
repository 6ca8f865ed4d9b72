import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The READMEs are true line for line: their TypeScript type-checks against the package's source and runs,
// each `// → value` comment is the value its line gives, and each command runs on the files it names.

const root = path.join(import.meta.dirname, "..");
const cli = path.join(root, "dist/cli.js");
const readmes = { en: "README.md", zh: "README.zh-CN.md" } as const;
type Language = keyof typeof readmes;
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string; scripts: Record<string, string> };

interface CodeLine {
  text: string;
  /** 1-based, in the README. */
  line: number;
}

const readReadme = (language: Language) => readFileSync(path.join(root, readmes[language]), "utf8");

// The READMEs use plain ``` fences only, so a scan of fence lines finds their blocks.
function codeLines(markdown: string, language: "ts" | "sh"): CodeLine[] {
  const found: CodeLine[] = [];
  let fenceLanguage: string | null = null;
  for (const [index, text] of markdown.split("\n").entries()) {
    if (text.startsWith("```")) fenceLanguage = fenceLanguage === null ? text.slice(3).trim() : null;
    else if (fenceLanguage === language) found.push({ text, line: index + 1 });
  }
  return found;
}

// The READMEs' code has no `//` or ` #` inside strings, so a comment runs from its marker to the line's end.
const withoutComment = (text: string, language: "ts" | "sh") => text.replace(language === "ts" ? /\s*\/\/.*$/u : /(?:^|\s+)#.*$/u, "");
const code = (markdown: string, language: "ts" | "sh") =>
  codeLines(markdown, language).map(({ text }) => withoutComment(text, language)).filter((text) => text.trim() !== "");

// The value at the start of a `→` comment: a bracketed literal, a string, or a word (a number, true); words
// may follow it after a colon (`→ 1: only the plans you give`, `→ 1：只对照给定的规划`).
function leadingValue(comment: string): string {
  const first = comment[0];
  if (first === '"') return comment.slice(0, comment.indexOf('"', 1) + 1);
  if (first !== "{" && first !== "[") return comment.split(/[\s:：]/u)[0] ?? "";
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < comment.length; index += 1) {
    const char = comment[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "{" || char === "[")) depth += 1;
    else if (!quoted && (char === "}" || char === "]")) depth -= 1;
    if (depth === 0) return comment.slice(0, index + 1);
  }
  throw new Error(`unclosed value in a README comment: ${comment}`);
}

const shownValue = /^(?<expression>.+?);\s*\/\/ → (?<comment>.+)$/u;

/**
 * The README's TypeScript as a module, each code line on its README line number so that errors point into
 * the README. For running, each `expression; // → value` line becomes a check that the value is the one shown.
 */
function moduleOf(language: Language, checked: boolean): string {
  const lines: string[] = [];
  for (const { text, line } of codeLines(readReadme(language), "ts")) {
    const match = checked ? shownValue.exec(text)?.groups : undefined;
    if (match?.expression === undefined || match.comment === undefined) {
      lines[line - 1] = text;
      continue;
    }
    const value = leadingValue(match.comment);
    const partial = value.includes("…");
    lines[line - 1] = `expectShown(${match.expression}, ${value.replace(/,?\s*…/gu, "")}, ${partial}, ${JSON.stringify(`${readmes[language]}:${line}`)});`;
  }
  const source = Array.from(lines, (text) => text ?? "").join("\n");
  const helper = pathToFileURL(path.join(root, "tests/support/readme-values.ts")).href;
  return checked ? `${source}\nimport { expectShown } from ${JSON.stringify(helper)};\n` : `${source}\n`;
}

// A folder outside the repository, as a user's: the example inputs, the README's modules (README.md.mts, so
// that an error reads README.md.mts(line,column)), and a tsconfig that maps the package's names to its source.
let work = "";
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "plan-align-readme-"));
  cpSync(path.join(root, "docs/examples"), path.join(work, "docs/examples"), { recursive: true });
  const tsconfig = {
    extends: path.join(root, "tsconfig.json"),
    compilerOptions: {
      paths: { "plan-align": [path.join(root, "src/index.ts")], "plan-align/node": [path.join(root, "src/node.ts")] },
      typeRoots: [path.join(root, "node_modules/@types")],
    },
    files: Object.values(readmes).map((file) => `${file}.mts`),
  };
  writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig));
  for (const language of Object.keys(readmes) as Language[]) {
    writeFileSync(path.join(work, `${readmes[language]}.mts`), moduleOf(language, false));
    writeFileSync(path.join(work, `${readmes[language]}.run.mts`), moduleOf(language, true));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function typeErrors(): string[] {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(work, "tsconfig.json"), {}, host);
  if (config === undefined) throw new Error("the README's tsconfig did not parse");
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  const format = { getCanonicalFileName: (file: string) => file, getCurrentDirectory: () => work, getNewLine: () => "\n" };
  return diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, format).trim());
}

describe("the READMEs", () => {
  it("link to each other at the top", () => {
    const top = (language: Language) => readReadme(language).split("\n").slice(0, 5).join("\n");
    expect(top("en")).toContain(`(${readmes.zh})`);
    expect(top("zh")).toContain(`(${readmes.en})`);
  });

  it("hold the same code, the Chinese one with its comments in Chinese", () => {
    for (const language of ["ts", "sh"] as const) expect(code(readReadme("zh"), language)).toEqual(code(readReadme("en"), language));
  });

  it("type-check their TypeScript against the package's source", { timeout: 120_000 }, () => {
    expect(typeErrors()).toEqual([]);
  });

  it.each(Object.keys(readmes) as Language[])("run their TypeScript (%s), each line giving the value its `→` comment shows", { timeout: 60_000 }, (language) => {
    const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
    const run = spawnSync(process.execPath, ["--import", tsx, `${readmes[language]}.run.mts`], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(work, "tsconfig.json") },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("show `→` checks, so that the values they claim are tested", () => {
    for (const language of Object.keys(readmes) as Language[]) expect(moduleOf(language, true)).toContain("expectShown(");
  });
});

describe("the README's command lines", () => {
  const commands = codeLines(readReadme("en"), "sh").filter(({ text }) => withoutComment(text, "sh").trim() !== "");

  it("run with dist/cli.js on the files they name, exiting as their comments say (0 where they say nothing)", { timeout: 300_000 }, () => {
    const failures: string[] = [];
    for (const { text, line } of commands.filter(({ text }) => text.startsWith("npx plan-align "))) {
      // `< file` feeds a file to standard input, as the shell would.
      const [command = "", inputFile] = withoutComment(text, "sh").split(" < ");
      const args = command.trim().split(/\s+/u).slice(2);
      const expected = Number(/exit (?<status>\d+)/u.exec(text)?.groups?.status ?? 0);
      const input = inputFile === undefined ? "" : readFileSync(path.join(work, inputFile.trim()));
      const run = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: "utf8", input });
      if (run.status !== expected) failures.push(`README.md:${line}: exit ${run.status}, not ${expected}: ${run.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
  });

  it("name npm scripts that exist, and the tarball npm pack writes", () => {
    const tarball = `./${packageJson.name}-${packageJson.version}.tgz`;
    const unknown = commands
      .filter(({ text }) => !text.startsWith("npx plan-align "))
      .flatMap(({ text, line }) => withoutComment(text, "sh").split("&&").map((command) => ({ words: command.trim().split(/\s+/u), line })))
      .filter(({ words: [tool, verb, argument] }) => {
        if (tool !== "npm") return true;
        if (verb === "run") return argument === undefined || !(argument in packageJson.scripts);
        if (verb === "install") return argument !== tarball;
        if (verb === "test") return !("test" in packageJson.scripts);
        return verb !== "ci" && verb !== "pack";
      })
      .map(({ words, line }) => `README.md:${line}: ${words.join(" ")}`);
    expect(unknown).toEqual([]);
  });
});
