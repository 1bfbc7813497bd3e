// The layers of .dependency-cruiser.cjs hold: no circular import, no import from a lower layer to a higher one or
// between peers, nothing in the site or the shipped code importing the pipelines or the tests it must not.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const FOLDERS = ["pipelines", "cli", "bench", "scripts", "sources", "indicators", "site"];

it("la structure des imports respecte les couches, sans cycle", async () => {
  const bin = path.resolve("node_modules/.bin/depcruise");
  const { stdout } = await run(bin, [...FOLDERS, "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { maxBuffer: 64 * 2 ** 20 })
    .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  const result = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThan(150);
  expect(result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)).toEqual([]);
});
