// The one pipeline run the end-to-end tests share: `demo`, then `pipeline` on the demo and on a log holding names,
// phones and e-mails (pseudonymised on import), as a user runs them. It starts in the background when the test run
// starts, so that the unit tests run meanwhile; e2e files wait for it (shared-run.ts) and read its outputs without
// changing them (a test that writes works on a copy).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const SEL_E2E = "sel-des-tests-de-bout-en-bout-assez-long";

declare module "vitest" {
  export interface ProvidedContext {
    e2e: { work: string };
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-e2e-"));
  fs.cpSync(path.resolve("tests/fixtures/gip-colonne-identifiante"), path.join(work, "journaux-nominatifs"), { recursive: true });
  const steps = [
    ["demo", "--donnees", "donnees"],
    ["pipeline", "--donnees", "donnees", "--donnees", "journaux-nominatifs", "--pseudonymiser"],
  ];
  const bin = path.resolve("bin/observatoire.js");
  const finished = (async () => {
    for (const [index, args] of steps.entries()) {
      const log = fs.openSync(path.join(work, `etape-${index}.log`), "w");
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], {
          cwd: work,
          env: { ...process.env, NO_COLOR: "1", OBSERVATOIRE_SEL: SEL_E2E },
          stdio: ["ignore", log, log],
        });
        child.on("close", resolve);
      });
      fs.closeSync(log);
      if (code !== 0) {
        fs.writeFileSync(path.join(work, "fini.json"), JSON.stringify({ code, etape: args[0] }));
        return;
      }
    }
    fs.writeFileSync(path.join(work, "fini.json"), JSON.stringify({ code: 0 }));
  })();
  project.provide("e2e", { work });
  return async () => {
    await finished;
    fs.rmSync(work, { recursive: true, force: true });
  };
}
