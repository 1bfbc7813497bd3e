// Shared by the CLI, site and PDF tests: runs the CLI as a user would, and finds the browser as `observatoire pdf`
// does. Without one, browser tests are skipped with the reason on a developer's machine, but run (and fail) in CI:
// a missing browser must never pass unnoticed there.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { browserMissingMessage, locateBrowser } from "../../pipelines/publish/chromium.ts";
import { IN_CI } from "./ci.ts";

const run = promisify(execFile);
/** The tests' own limit (vitest.config.ts): no command of a test may outlive it. */
const COMMAND_TIMEOUT = 60_000;
export const BIN = path.resolve("bin/observatoire.js");
export const BROWSER = locateBrowser();
export const HAS_BROWSER = BROWSER.trouve;
/** Browser suites are skipped only outside CI. */
export const SKIP_BROWSER = !HAS_BROWSER && !IN_CI;
export const SANS_NAVIGATEUR = BROWSER.trouve ? "" : `ignoré hors CI : ${browserMissingMessage(BROWSER)}`;

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function observatoire(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  try {
    // Killed with the test that waits for it: a command left running would hold its output folder and a core.
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 2 ** 20, timeout: COMMAND_TIMEOUT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

export function warnSkipped(what: string): void {
  if (SKIP_BROWSER) console.warn(`${what} ${SANS_NAVIGATEUR}`);
}

/** French spaces (narrow and plain no-break) read back as plain spaces, to compare text from a page or a PDF. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, " ").replace(/[ \t]+/g, " ");
}
