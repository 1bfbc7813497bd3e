// Step « demo »: the demonstration data set, in the official formats. Written again only when its code or options
// change or a file of it went missing: its record (fingerprint and file list) is kept in the demo folder.
import fs from "node:fs";
import path from "node:path";
import { formatEntier } from "../core/format-fr.ts";
import { DEMO_RECORD } from "../core/paths.ts";
import { writeDemo, type DemoSummary } from "../demo/write-demo.ts";
import type { RunOptions, Step, StepRecord } from "./step.ts";

interface DemoRecord extends StepRecord {
  fichiers: string[];
}

const recordFile = (options: RunOptions) => path.join(options.dossierDemo ?? "data/demo", DEMO_RECORD);

export const demo: Step<DemoSummary> = {
  id: "demo",
  libelle: "Données de démonstration",
  lit: [],
  ecrit: [],
  code: ["pipelines/demo", "pipelines/geography", "data/contours", "sources"],
  entrepot: false,
  acquisition: true,
  // The record lives in the demo folder itself: a copied or moved folder keeps it, so no path goes in.
  entrees: (options) => options.territoire ?? "32",
  memoire: {
    lire(options) {
      let record: DemoRecord;
      try {
        record = JSON.parse(fs.readFileSync(recordFile(options), "utf8")) as DemoRecord;
      } catch {
        return undefined;
      }
      // A file the officer edited is theirs (a place moved in the GIP list): only a missing file brings the demo back.
      const dossier = path.dirname(recordFile(options));
      return Array.isArray(record.fichiers) && record.fichiers.every((chemin) => fs.existsSync(path.join(dossier, chemin))) ? record : undefined;
    },
    ecrire(options, record) {
      const dossier = path.dirname(recordFile(options));
      const fichiers = (fs.readdirSync(dossier, { recursive: true }) as string[])
        .filter((chemin) => chemin !== DEMO_RECORD && fs.statSync(path.join(dossier, chemin)).isFile())
        .sort();
      fs.writeFileSync(recordFile(options), `${JSON.stringify({ ...record, fichiers } satisfies DemoRecord, null, 2)}\n`);
    },
  },
  async run({ options, journal }) {
    const dossier = options.dossierDemo ?? "data/demo";
    journal.info(`Écriture des données de démonstration du territoire ${options.territoire} dans ${dossier}…`);
    fs.rmSync(recordFile(options), { force: true });
    const summary = await writeDemo({ territoire: options.territoire ?? "32", dossier });
    for (const file of summary.fichiers) journal.detail(`  ${file.chemin} (${file.lignes} lignes)`);
    journal.success(`${summary.fichiers.length} fichiers écrits pour ${formatEntier(summary.communes)} communes.`);
    journal.warn("Données de démonstration : générées, elles ne sont pas des statistiques officielles.");
    return summary;
  },
};
