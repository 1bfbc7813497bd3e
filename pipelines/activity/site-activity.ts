// The "Activité" page's data: the latest activity report written by the report step (sortie/exports/rapport-AAAA.json),
// copied into the site's Framework root. Without any report the page gets an explicit "no report" file.
import fs from "node:fs";
import path from "node:path";
import { EXPORTS_DIR } from "../core/paths.ts";
import { reportFiles } from "./write-report.ts";

export const ACTIVITY_JSON = "data/activite.json";

/** Writes the page's data file into the Framework root; returns the year shown, if any. */
export function writeActivitySiteData(sortie: string, racine: string): number | undefined {
  const exportsDir = path.join(sortie, EXPORTS_DIR);
  const years = fs.existsSync(exportsDir)
    ? fs.readdirSync(exportsDir).map((name) => /^rapport-(\d{4})\.json$/.exec(name)?.[1]).filter((year): year is string => Boolean(year)).map(Number).sort()
    : [];
  const annee = years.at(-1);
  const rapport = annee === undefined ? null : (JSON.parse(fs.readFileSync(path.join(exportsDir, reportFiles(annee).json), "utf8")) as unknown);
  fs.mkdirSync(path.join(racine, "data"), { recursive: true });
  fs.writeFileSync(path.join(racine, ACTIVITY_JSON), JSON.stringify({ rapport }));
  return annee;
}
