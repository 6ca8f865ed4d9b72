import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    cli: "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node.ts" } },
  // import.meta.url in the CommonJS build, so the node entry finds the bundled data either way.
  shims: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
