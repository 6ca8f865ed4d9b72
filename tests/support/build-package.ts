import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// Vitest's global setup: builds dist/ from the sources under test, once before any test file, and packs
// it as npm would publish it. The bundle budgets, the browser entry test and the package checkers read
// these, so they judge what users get and never a stale build; packing skips the `prepare` script so
// dist/ is not rebuilt while tests read it.

declare module "vitest" {
  export interface ProvidedContext {
    /** The packed tarball of the package, as `npm pack` makes it. */
    packedTarball: string;
  }
}

export default function buildPackage(project: TestProject): void {
  const root = path.join(import.meta.dirname, "../..");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const destination = mkdtempSync(path.join(os.tmpdir(), "plan-align-pack-"));
  execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", destination], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const [tarball] = readdirSync(destination);
  if (tarball === undefined) throw new Error(`npm pack wrote nothing to ${destination}`);
  project.provide("packedTarball", path.join(destination, tarball));
}
