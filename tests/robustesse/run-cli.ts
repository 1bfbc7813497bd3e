// The command as a user runs it, measured: exit code, what it printed, and the process's peak resident memory
// (reported by a preload at exit, as the benchmark does).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BIN = path.resolve("bin/observatoire.js");
const PEAK_MEMORY = path.resolve("bench/peak-memory.cjs");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory, in MiB (null when the process was killed before it could say). */
  memoireMo: number | null;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Run as another user (root tests: a file unreadable to that user). */
  uid?: number;
  /** Kill the process (SIGKILL) after this many milliseconds. */
  tuerApres?: number;
}

export function runCli(args: string[], options: RunOptions): Promise<Run> {
  const rss = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rss-")), "rss");
  if (options.uid !== undefined) fs.chmodSync(path.dirname(rss), 0o777);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", PEAK_MEMORY, BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", OBSERVATOIRE_DEBUG: "", ...options.env, OBSERVATOIRE_BENCH_RSS: rss },
      uid: options.uid,
      gid: options.uid,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = options.tuerApres === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.tuerApres);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      // bench/peak-memory.cjs writes { octets, cpuMicros } as JSON.
      const bytes = fs.existsSync(rss) ? (JSON.parse(fs.readFileSync(rss, "utf8")) as { octets: number }).octets : null;
      fs.rmSync(path.dirname(rss), { recursive: true, force: true });
      resolve({ code, stdout, stderr, memoireMo: bytes === null ? null : bytes / 2 ** 20 });
    });
  });
}

/** Whether this process may mount a small file system (root on Linux): for the full-disk and read-only cases. */
export function canMount(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0;
}
