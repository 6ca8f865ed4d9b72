import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

// The package as npm would publish it (packed once by the global setup), through the two checkers users
// and registries trust: publint for package.json against the files, attw for the types under every
// resolution TypeScript has (node10, node16 from CommonJS and from ES modules, bundler).
const root = path.join(import.meta.dirname, "..");
const binary = (name: string) => path.join(root, "node_modules/.bin", name);

function run(command: string, ...args: string[]) {
  const result = spawnSync(binary(command), args, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the packed package", () => {
  const tarball = inject("packedTarball");

  it("passes publint --strict", () => {
    const { status, output } = run("publint", "run", "--strict", tarball);
    expect(output).toContain("All good!");
    expect(status).toBe(0);
  });

  it("passes attw in the strict profile, every entry under node10, node16 and bundler resolution", () => {
    const { status, output } = run("attw", "--profile", "strict", "--format", "json", tarball);
    const report = JSON.parse(output) as { analysis: { entrypoints: Record<string, { resolutions: Record<string, unknown> }> }; problems: Record<string, unknown> };
    expect(report.problems).toEqual({});
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([".", "./core", "./node", "./package.json", "./read"]);
    expect(status).toBe(0);
  });
});
