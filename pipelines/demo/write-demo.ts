// Entry point of the demo generator: models every commune once, then writes
// each file in a single pass.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DEMO_NOTICE } from "../core/paths.ts";
import { embeddedContoursFiles, embeddedShapes } from "../geography/embedded-contours.ts";
import { activityDemoFiles } from "./activite/activity-demo.ts";
import { bpeCsv, bpeEquipements, CHEMIN_BPE } from "./bpe.ts";
import { CAF_ANNEES, cafAncienPortail, cafPrestationsCsv, CHEMIN_CAF_BAS_REVENUS, CHEMIN_CAF_DEPENDANCE, CHEMIN_CAF_PRESTATIONS, DOSSIER_CAF, onapeFiles } from "./caf.ts";
import { CENSUS_FILES, DOSSIER_RECENSEMENT, censusArchive, censusArchiveName, censusValue } from "./census-files.ts";
import { CHEMIN_COMPARATEUR, comparateurCsv, comparateurExtras } from "./comparateur.ts";
import { encodeText } from "./formats.ts";
import { CHEMIN_FRANCE_SERVICES, codesPostaux, franceServicesCsv, franceServicesSites } from "./france-services.ts";
import { CHEMIN_GIP_LIEUX, gipLieuxCsv } from "./gip-lieux.ts";
import { ARCHIVE_FILOSOFI, DOSSIER_FILOSOFI } from "./filosofi.ts";
import { filosofiArchive } from "./filosofi-archive.ts";
import { modelCommune, type CommuneModel } from "./model.ts";
import { noticeText } from "./notice.ts";
import { CHEMIN_PERIMETRES, perimetresCsv } from "./perimetres.ts";
import { CHEMIN_POPULATIONS_LEGALES, populationsLegalesCsv } from "./populations-legales.ts";
import { rngFor } from "./random.ts";
import { allDepartementCodes, loadTerritory, type Territory } from "./territory.ts";

export interface DemoOptions {
  territoire: string;
  dossier: string;
}

export interface DemoFile {
  /** Path relative to the demo folder, with "/" separators. */
  chemin: string;
  /** Data rows (header excluded); for the Filosofi archive, the total over its CSV files; for the notice, its lines. */
  lignes: number;
}

export interface DemoSummary {
  territoire: string;
  communes: number;
  fichiers: DemoFile[];
}

/**
 * The demo of a territory covers all of France, as INSEE's files do: the région and France references
 * are then sums over real-format commune rows, like with real data. The territory only names the focus.
 */
export async function writeDemo(options: DemoOptions): Promise<DemoSummary> {
  // "FR" is the benchmark's demo: the same national files, with a BPE of national size (all equipment types).
  if (options.territoire === FRANCE) {
    const summary = await writeDemoTerritories(allDepartementCodes(), options.dossier, undefined, { bpeComplete: true });
    return { ...summary, territoire: FRANCE };
  }
  const etudie = loadTerritory([options.territoire]);
  const summary = await writeDemoTerritories(allDepartementCodes(), options.dossier, etudie);
  return { ...summary, territoire: etudie.departements[0]!.code };
}

export const FRANCE = "FR";

/** Where the demo folder keeps the copied contours. */
export const DOSSIER_CONTOURS = "contours";

/** Communes of an embedded topology, counted from its single geometry collection. */
function readEmbeddedCount(data: Buffer): number {
  const topology = JSON.parse(data.toString("utf8")) as { objects: Record<string, { geometries?: unknown[] }> };
  return Object.values(topology.objects).reduce((total, object) => total + (object.geometries?.length ?? 0), 0);
}

/** The demo files for the given départements only: one file of each kind, all their communes in it. */
export async function writeDemoTerritories(
  codes: readonly string[],
  dossier: string,
  etudie?: Territory,
  { bpeComplete = false }: { bpeComplete?: boolean } = {},
): Promise<DemoSummary> {
  const territory = loadTerritory(codes);
  const models = new Map<string, CommuneModel>();
  for (const [code, commune] of territory.communesByCode) models.set(code, modelCommune(commune));
  const inTerritory = territory.communes.map((c) => models.get(c.code)!);
  const n = inTerritory.length;

  const outputs: { chemin: string; data: Uint8Array; lignes: number }[] = [];
  const focus = (etudie ?? territory).departements.map((departement) => departement.code);
  // The real commune contours the project ships (the Gers): copied as published, so the demo draws its maps and
  // measures distances like real data would; a département without them gets the sites' "no contours" note.
  const contours = embeddedContoursFiles(focus);
  for (const file of contours) {
    const data = await readFile(file.fichier);
    outputs.push({ chemin: `${DOSSIER_CONTOURS}/${file.nom}`, data, lignes: readEmbeddedCount(data) });
  }
  // Fictitious places go inside their real commune wherever a polygon is shipped, studied département or not.
  const formes = embeddedShapes(territory.departements.map((departement) => departement.code));
  const notice = noticeText(territory, etudie, { contours: contours.length > 0 });
  outputs.push({ chemin: DEMO_NOTICE, data: encodeText(notice), lignes: notice.split("\n").length - 1 });

  const censusRows = inTerritory.map((m) => ({ code: m.commune.code, rp22: m.rp22, rp16: m.rp16 }));
  const communesCodes = territory.communes.map((c) => ({ code: c.code, libelle: c.nom }));
  for (const file of CENSUS_FILES) {
    outputs.push({ chemin: `${DOSSIER_RECENSEMENT}/${censusArchiveName(file)}`, data: censusArchive(file, censusRows, communesCodes), lignes: n });
  }

  const filo = filosofiArchive(territory, models);
  outputs.push({ chemin: `${DOSSIER_FILOSOFI}/${ARCHIVE_FILOSOFI}`, data: filo.zip, lignes: filo.lignes });

  const comparateur = comparateurCsv(
    inTerritory.map((m) => ({
      code: m.commune.code,
      rp22: m.rp22,
      rp16: m.rp16,
      extras: comparateurExtras(censusValue(m.rp22, "P_POP"), m.profile, rngFor(m.commune.code, "comparateur")),
      filosofi: filo.communes.get(m.commune.code)!,
    })),
  );
  outputs.push({ chemin: CHEMIN_COMPARATEUR, data: encodeText(comparateur), lignes: n });

  const regions = new Map(territory.regions.map((r) => [r.code, r]));
  outputs.push({ chemin: CHEMIN_POPULATIONS_LEGALES, data: encodeText(populationsLegalesCsv(territory.communes, regions)), lignes: n });

  outputs.push({ chemin: CHEMIN_CAF_PRESTATIONS, data: cafPrestationsCsv(territory.communes, models), lignes: n * CAF_ANNEES.length });
  const ancien = cafAncienPortail(territory.communes, models);
  outputs.push({ chemin: CHEMIN_CAF_DEPENDANCE, data: ancien.dependance, lignes: n });
  outputs.push({ chemin: CHEMIN_CAF_BAS_REVENUS, data: ancien.basRevenus, lignes: n });
  const onape = onapeFiles(territory);
  outputs.push({ chemin: `${DOSSIER_CAF}/txcouv_pe_com.csv`, data: onape.communes, lignes: onape.lignes.communes });
  outputs.push({ chemin: `${DOSSIER_CAF}/txcouv_pe_epci.csv`, data: onape.epci, lignes: onape.lignes.epci });
  outputs.push({ chemin: `${DOSSIER_CAF}/txcouv_pe_dep.csv`, data: onape.departements, lignes: onape.lignes.departements });
  outputs.push({ chemin: `${DOSSIER_CAF}/txcouv_pe_nat.csv`, data: onape.france, lignes: onape.lignes.france });

  const equipements = bpeEquipements(territory.communes, models, { complet: bpeComplete, formes });
  outputs.push({ chemin: CHEMIN_BPE, data: bpeCsv(equipements), lignes: equipements.length });
  const franceServices = franceServicesSites(territory.communes, models, codesPostaux(), formes);
  outputs.push({ chemin: CHEMIN_FRANCE_SERVICES, data: franceServicesCsv(franceServices), lignes: franceServices.length });
  // The GIP's own places only exist in the Gers.
  if (focus.includes("32")) {
    const gip = gipLieuxCsv();
    outputs.push({ chemin: CHEMIN_GIP_LIEUX, data: gip.data, lignes: gip.lignes });
  }
  outputs.push(...activityDemoFiles(etudie ?? territory, models));
  // Perimeters drawn in the studied département (none for the national benchmark).
  const perimetres = etudie ? perimetresCsv(etudie, embeddedShapes(focus)) : undefined;
  if (perimetres) outputs.push({ chemin: CHEMIN_PERIMETRES, data: perimetres.data, lignes: perimetres.lignes });

  for (const out of outputs) {
    const cible = join(dossier, ...out.chemin.split("/"));
    await mkdir(dirname(cible), { recursive: true });
    await writeFile(cible, out.data);
  }
  return {
    territoire: territory.departements.map((d) => d.code).join(","),
    communes: n,
    fichiers: outputs.map(({ chemin, lignes }) => ({ chemin, lignes })),
  };
}
