// `observatoire apercu`: serves the built site on 127.0.0.1 (offline, no dependency); with --developpement, runs
// Framework's live preview on a staging copy of site/ that follows every edit.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { UsageError } from "../../pipelines/core/errors.ts";
import { PROJECT_ROOT, SITE_SOURCES, siteDir } from "../../pipelines/core/paths.ts";
import { stageSiteData } from "../../pipelines/publish/build-site.ts";
import { FRAMEWORK_CLI } from "../../pipelines/publish/framework-build.ts";
import { copySiteSources } from "../../pipelines/publish/staging-root.ts";
import { startStaticServer } from "../../pipelines/publish/static-server.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";

const apercuOptionsSchema = z.object({
  sortie: sortieOption,
  port: z.coerce.number({ error: "numéro de port attendu (un entier de 1 à 65535)" }).int({ error: "numéro de port attendu (un entier de 1 à 65535)" }).min(1).max(65_535).default(3000),
  developpement: z.boolean().default(false),
});

export function registerApercu(program: Command): void {
  program
    .command("apercu")
    .description("affiche le site construit dans le navigateur, sur cet ordinateur (http://127.0.0.1:3000), sans connexion")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-p, --port <numéro>", "port local (défaut : 3000)")
    .option("--developpement", "aperçu de développement : reconstruit les pages à chaque modification de site/")
    .action(async (raw, command: Command) => {
      const options = parseOptions(apercuOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      if (options.developpement) await developmentPreview(options.sortie, options.port, reporter);
      else await servePublishedSite(options.sortie, options.port, reporter);
    });
}

async function servePublishedSite(sortie: string, port: number, reporter: Reporter): Promise<void> {
  const dir = siteDir(sortie);
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    throw new UsageError(`aucun site construit dans ${dir}.`, "Lancez d'abord « observatoire publier » (ou « npm start »).");
  }
  const server = await startStaticServer(dir, port).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") throw new UsageError(`le port ${port} est déjà utilisé.`, "Choisissez-en un autre avec --port, par exemple --port 3001.");
    throw error;
  });
  reporter.result(`Site disponible sur ${server.url}/ (Ctrl+C pour arrêter).`);
  await untilInterrupted();
  await server.close();
}

/** Framework's preview on the staging root; edits under site/ are copied there, and Framework reloads the page. */
async function developmentPreview(sortie: string, port: number, reporter: Reporter): Promise<void> {
  const { racine } = await stageSiteData(sortie, new Date());
  const watcher = fs.watch(SITE_SOURCES, { recursive: true }, (_event, file) => {
    if (file && !file.startsWith(".observablehq") && fs.existsSync(path.join(SITE_SOURCES, file))) copySiteSources(racine, file);
  });
  reporter.info(`Aperçu de développement de ${SITE_SOURCES} (données de ${sortie}).`);
  const child = spawn(process.execPath, [FRAMEWORK_CLI, "preview", "--no-open", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, OBSERVATOIRE_SITE_RACINE: path.resolve(racine), OBSERVABLE_TELEMETRY_DISABLE: "1" },
    stdio: "inherit",
  });
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  watcher.close();
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
