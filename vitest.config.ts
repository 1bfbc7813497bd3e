import { defineConfig } from "vitest/config";

// Three projects in two groups. First the unit tests (fast, in memory) and the command-line tests on inputs of their
// own (tests/cli, and the robustness suite), while the one pipeline run the end-to-end tests share is built in the
// background (tests/e2e/global-setup.ts); then the e2e tests, which read its outputs. No test may take more than a
// minute, save the e2e files' wait for that shared run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: "cli", include: ["tests/cli/**/*.test.ts", "tests/robustesse/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/e2e/global-setup.ts"], sequence: { groupOrder: 1 } } },
    ],
  },
});
