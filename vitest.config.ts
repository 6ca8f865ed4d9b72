import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI tests start Node processes; give them room on a 2-core machine.
    testTimeout: 30_000,
  },
});
