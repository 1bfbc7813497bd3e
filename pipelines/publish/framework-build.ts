// Runs Observable Framework's build on the staging root (the whole site, or only some pages), in a child process so
// its console output and module caches stay out of the CLI; the output is kept to explain a failure.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DataError } from "../core/errors.ts";
import { PROJECT_ROOT } from "../core/paths.ts";

export const FRAMEWORK_CLI = path.join(PROJECT_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
const DRIVER = path.join(import.meta.dirname, "framework-driver.ts");

export interface FrameworkBuildOptions {
  racine: string;
  sortie: string;
  /** Only these pages ("/epci/200066926"), with the assets they use; all of them by default. */
  pages?: readonly string[];
  /** Receives Framework's output lines as they come (verbose mode). */
  onLine?: (line: string) => void;
}

export async function runFrameworkBuild({ racine, sortie, pages, onLine }: FrameworkBuildOptions): Promise<void> {
  const output: string[] = [];
  // A list of ≈480 paths may not fit in an environment variable on every system: it goes through a file.
  const list = pages && `${path.resolve(sortie)}.pages.json`;
  if (list) fs.writeFileSync(list, JSON.stringify(pages));
  const code = await new Promise<number>((resolve, reject) => {
    // The default config lookup (cwd = project root) loads observablehq.config.ts through tsx.
    const child = spawn(process.execPath, ["--import", "tsx", DRIVER], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        OBSERVATOIRE_SITE_RACINE: path.resolve(racine),
        OBSERVATOIRE_SITE_SORTIE: path.resolve(sortie),
        ...(list ? { OBSERVATOIRE_SITE_PAGES: list } : {}),
        OBSERVABLE_TELEMETRY_DISABLE: "1",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        output.push(line);
        onLine?.(line);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (exit) => resolve(exit ?? 1));
  }).finally(() => {
    if (list) fs.rmSync(list, { force: true });
  });
  if (code !== 0) {
    const tail = output.slice(-15).join("\n    ");
    throw new DataError(
      `la construction du site par Observable Framework a échoué (code ${code}) ; le site précédent est conservé.\n    ${tail}`,
      {},
      "Relancez avec --verbose pour voir toute la sortie de la construction.",
    );
  }
}
