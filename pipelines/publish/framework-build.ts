// Runs Observable Framework's build on the staging root, in a child process so its console output and module
// caches stay out of the CLI; the output is kept to explain a failure.
import { spawn } from "node:child_process";
import path from "node:path";
import { DataError } from "../core/errors.ts";
import { PROJECT_ROOT } from "../core/paths.ts";

export const FRAMEWORK_CLI = path.join(PROJECT_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");

export interface FrameworkBuildOptions {
  racine: string;
  sortie: string;
  /** Receives Framework's output lines as they come (verbose mode). */
  onLine?: (line: string) => void;
}

export async function runFrameworkBuild({ racine, sortie, onLine }: FrameworkBuildOptions): Promise<void> {
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    // The default config lookup (cwd = project root) loads observablehq.config.ts through tsx.
    const child = spawn(process.execPath, [FRAMEWORK_CLI, "build"], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        OBSERVATOIRE_SITE_RACINE: path.resolve(racine),
        OBSERVATOIRE_SITE_SORTIE: path.resolve(sortie),
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
