import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // `pipeline` now builds the site (≈480 pages) and prints the PDFs: several minutes when test files run side by side.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
