import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds and packs the package once: the bundle, browser entry and packaging tests read the result.
    globalSetup: ["tests/support/build-package.ts"],
    // CLI tests start Node processes; give them room on a 2-core machine.
    testTimeout: 30_000,
  },
});
