// Shapes the site's data files from what was read in the warehouse: a few shared files and one small file per
// portrait and per commune sheet, so a page downloads only what it shows.
import { THEMES } from "../../indicators/definition.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { sourceLabel, sourceOf } from "../../sources/registry.ts";
import { excelFrName } from "../core/csv-excel-fr.ts";
import { catalogueEntries, type CatalogueEntry } from "../exports/catalogue.ts";
import { CONTOURS_SOURCE_ID } from "../ingest/load-contours.ts";
import { offerSiteFiles } from "../offer/site-offer.ts";
import { aRetenir, type ContexteRegle, type IndicateurRegle, type Phrase, type ReferenceRegle } from "./a-retenir.ts";
import { pdfFileNames } from "./pdf-targets.ts";
import { AGE_BANDS, type Commune, type Epci, type PointSerie, type SiteData, type StructureAge, type ValeurIndicateur } from "./site-data.ts";

/** One value as the pages read it: absent keys mean "not applicable here", never zero. */
export interface Valeur {
  valeur?: number;
  statut: ValeurIndicateur["statut"];
  motif?: string;
  fiabilite?: "fragile";
  rang?: number;
  millesime?: string;
  millesime_precedent?: number;
  valeur_precedente?: number;
  evolution?: number;
  ecart_departement?: number;
}

/** Status letters of the communes file (one character per commune keeps 458 × 39 statuses small). */
export const STATUT_CODES = { ok: "o", fragile: "f", secret: "s", manquant: "m", non_applicable: "n" } as const;

export type SiteFiles = Map<string, unknown>;

export function shapeSiteFiles(data: SiteData, genereLe: Date): SiteFiles {
  const files: SiteFiles = new Map();
  const territoryCommunes = data.communes.filter((commune) => commune.dans_territoire);
  const byLevel = groupValues(data.valeurs);
  const communeIndicators = new Set(INDICATORS.filter((indicator) => indicator.niveaux.includes("commune")).map((indicator) => indicator.id));
  const series = groupSeries(data.series ?? []);
  const ages = new Map((data.structuresAge ?? []).map((structure) => [`${structure.niveau}|${structure.code_geo}`, compactAges(structure)]));
  const summaries = summaryContexts(data, byLevel, series);

  files.set("data/site.json", {
    genere_le: genereLe.toISOString(),
    demo: data.demo,
    seuil_fragilite: data.seuilFragilite,
    territoire: data.territoire,
    epcis: data.epcis,
    communes: territoryCommunes.map(({ code, libelle, code_epci }) => ({ code, libelle, code_epci })),
    perimetres: data.perimetres.map(({ code, libelle }) => ({ code, libelle })),
    themes: Object.entries(THEMES).map(([id, libelle]) => ({ id, libelle })),
    tranches_age: AGE_BANDS.map((band) => band.libelle),
    contours: data.contours
      ? { disponible: true, fichiers: data.contours.fichiers, geo_annee: data.contours.geo_annee, communes: data.contours.communes.features.length, codes_inconnus: data.contours.inconnus }
      : { disponible: false },
  });
  files.set("data/catalogue.json", catalogue(data));
  files.set("data/sources.json", data.sources);
  files.set("data/contours.json", {
    disponible: data.contours !== null,
    communes: data.contours?.communes ?? { type: "FeatureCollection", features: [] },
    epcis: data.contours?.epcis ?? { type: "FeatureCollection", features: [] },
  });

  const references: Record<string, unknown> = {};
  for (const indicator of INDICATORS) {
    const values = (niveau: string) => byLevel.get(`${indicator.id}|${niveau}`) ?? new Map<string, ValeurIndicateur>();
    const single = (niveau: string) => {
      const row = [...values(niveau).values()][0];
      return row ? compact(row) : { statut: "manquant" as const, motif: "valeur non calculée à ce niveau" };
    };
    references[indicator.id] = {
      departement: single("departement"),
      region: single("region"),
      france: single("france"),
      epci: Object.fromEntries([...values("epci")].map(([code, row]) => [code, compact(row)])),
      perimetre: Object.fromEntries([...values("perimetre")].map(([code, row]) => [code, compact(row)])),
      series: {
        departement: series.get(`departement|${data.territoire.code_departement}`)?.[indicator.id],
        region: series.get(`region|${data.territoire.code_region}`)?.[indicator.id],
        france: series.get("france|FRANCE")?.[indicator.id],
        epci: Object.fromEntries(data.epcis.map((epci) => [epci.code, series.get(`epci|${epci.code}`)?.[indicator.id]]).filter(([, points]) => points)),
      },
    };
  }
  files.set("data/references.json", references);
  files.set("data/ages.json", {
    tranches: AGE_BANDS.map((band) => band.libelle),
    departement: ages.get(`departement|${data.territoire.code_departement}`) ?? null,
    region: ages.get(`region|${data.territoire.code_region}`) ?? null,
    france: ages.get("france|FRANCE") ?? null,
  });

  const codes = territoryCommunes.map((commune) => commune.code);
  const communeValues = { codes, valeurs: {} as Record<string, (number | null)[]>, statuts: {} as Record<string, string> };
  for (const id of communeIndicators) {
    const values = byLevel.get(`${id}|commune`) ?? new Map<string, ValeurIndicateur>();
    communeValues.valeurs[id] = codes.map((code) => values.get(code)?.valeur ?? null);
    communeValues.statuts[id] = codes.map((code) => statusLetter(values.get(code))).join("");
  }
  files.set("data/communes-valeurs.json", communeValues);

  const communesByEpci = new Map<string, Commune[]>();
  for (const commune of data.communes) communesByEpci.set(commune.code_epci ?? "", [...(communesByEpci.get(commune.code_epci ?? "") ?? []), commune]);
  const population = byLevel.get("pop|commune") ?? new Map<string, ValeurIndicateur>();
  for (const epci of data.epcis) {
    const noms = pdfFileNames(epci.code, epci.libelle);
    files.set(`data/epci/${epci.code}.json`, {
      ...epci,
      communes: (communesByEpci.get(epci.code) ?? []).map((commune) => ({
        code: commune.code,
        libelle: commune.libelle,
        dans_territoire: commune.dans_territoire,
        population: population.get(commune.code)?.valeur ?? null,
        superficie: commune.superficie,
      })),
      valeurs: valuesOf(byLevel, "epci", epci.code),
      series: seriesOf(series, "epci", epci.code),
      ages: ages.get(`epci|${epci.code}`) ?? null,
      a_retenir: summaries.epci(epci),
      telechargements: {
        pdf: `telechargements/pdf/${noms.portrait}`,
        annexe: `telechargements/pdf/${noms.annexe}`,
        csv: `telechargements/territoires/${territoryCsvName("epci", epci.code)}`,
        csv_excel: `telechargements/territoires/${excelFrName(territoryCsvName("epci", epci.code))}`,
      },
    });
  }
  for (const perimetre of data.perimetres) {
    files.set(`data/perimetres/${perimetre.code}.json`, {
      ...perimetre,
      communes: perimetre.communes.map((commune) => ({ ...commune, population: population.get(commune.code)?.valeur ?? null })),
      valeurs: valuesOf(byLevel, "perimetre", perimetre.code),
    });
  }
  // The IRIS of each commune: « Quartiers (IRIS) » on its sheet, values and statuses as published.
  const irisByCommune = new Map<string, Map<string, { code: string; valeurs: Record<string, { valeur?: number; statut: string; millesime: number }> }>>();
  for (const row of data.iris ?? []) {
    const communeIris = irisByCommune.get(row.code_commune) ?? new Map();
    irisByCommune.set(row.code_commune, communeIris);
    const entry = communeIris.get(row.code) ?? { code: row.code, valeurs: {} };
    communeIris.set(row.code, entry);
    entry.valeurs[row.racine] = row.statut === "ok" && row.valeur !== null ? { valeur: row.valeur, statut: row.statut, millesime: row.millesime } : { statut: row.statut, millesime: row.millesime };
  }
  const epciByCode = new Map(data.epcis.map((epci) => [epci.code, epci]));
  const communeRanks = ranksOfCommunes(territoryCommunes, byLevel, communeIndicators);
  for (const commune of territoryCommunes) {
    const epci = commune.code_epci ? epciByCode.get(commune.code_epci) : undefined;
    const valeurs = valuesOf(byLevel, "commune", commune.code);
    for (const id of Object.keys(valeurs)) if (!communeIndicators.has(id)) delete valeurs[id];
    const noms = pdfFileNames(commune.code, commune.libelle);
    files.set(`data/communes/${commune.code}.json`, {
      code: commune.code,
      libelle: commune.libelle,
      superficie: commune.superficie,
      epci: epci ? { code: epci.code, libelle: epci.libelle, rattachement: epci.rattachement } : null,
      valeurs,
      ...(irisByCommune.has(commune.code) ? { iris: [...irisByCommune.get(commune.code)!.values()] } : {}),
      rangs: communeRanks.get(commune.code) ?? {},
      series: seriesOf(series, "commune", commune.code, communeIndicators),
      ages: ages.get(`commune|${commune.code}`) ?? null,
      a_retenir: summaries.commune(commune, epci),
      telechargements: {
        pdf: `telechargements/pdf/communes/${noms.fiche}`,
        csv: `telechargements/territoires/${territoryCsvName("commune", commune.code)}`,
        csv_excel: `telechargements/territoires/${excelFrName(territoryCsvName("commune", commune.code))}`,
      },
    });
  }
  for (const [chemin, contenu] of offerSiteFiles(data.offre ?? null, data.epcis.map((epci) => epci.code))) files.set(chemin, contenu);
  return files;
}

/** The registry's catalogue, with the millésime and geography year actually used for the département. */
function catalogue(data: SiteData) {
  const department = new Map(data.valeurs.filter((row) => row.niveau === "departement").map((row) => [row.id_indicateur, row]));
  const indicators = new Map(INDICATORS.map((indicator) => [indicator.id, indicator]));
  const provenance = new Map<string, { source: string; periode: string; millesime: number | null; geo_annee: number | null }[]>();
  for (const row of data.provenance ?? []) {
    const list = provenance.get(row.id_indicateur) ?? [];
    const entry = { source: sourceFamily(row.source_id), periode: row.periode, millesime: row.millesime, geo_annee: row.geo_annee };
    if (!list.some((other) => JSON.stringify(other) === JSON.stringify(entry))) list.push(entry);
    provenance.set(row.id_indicateur, list);
  }
  return catalogueEntries(undefined, new Map(Object.entries(data.libellesVariables))).map((entry): CatalogueEntry & Record<string, unknown> => ({
    ...entry,
    code_classe: indicators.get(entry.id_indicateur)!.classe,
    communes: indicators.get(entry.id_indicateur)!.niveaux.includes("commune"),
    millesime: department.get(entry.id_indicateur)?.millesime ?? null,
    geo_annee: department.get(entry.id_indicateur)?.geo_annee ?? null,
    /** Sources of the values actually computed, by period: the pages list theirs from this, never from `sources`. */
    provenance: provenance.get(entry.id_indicateur) ?? [],
  }));
}

/** How a page names a source: the census theme files are one source for a reader, a GIP log is one of its logs. */
export function sourceFamily(sourceId: string): string {
  if (sourceId.startsWith("insee_rp")) return "Insee, recensement de la population";
  if (sourceId === CONTOURS_SOURCE_ID) return "Contours des communes (IGN, ADMIN EXPRESS, ou fichier fourni)";
  const FAMILIES: Record<string, string> = {
    insee_comparateur: "Insee, base du comparateur de territoires (superficie)",
    insee_filosofi: "Insee, Filosofi (revenus, pauvreté et niveau de vie)",
    insee_populations_legales: "Insee, populations légales",
    insee_bpe: "Insee, base permanente des équipements",
    caf_prestations: "CNAF, foyers allocataires et personnes couvertes (Cafdata)",
    caf_bas_revenus: "CNAF, foyers allocataires à bas revenus",
    caf_dependance_prestations: "CNAF, part des prestations dans les ressources des allocataires",
    caf_accueil_jeune_enfant: "CNAF – Onape, taux de couverture en accueil du jeune enfant",
    anct_france_services: "ANCT, liste des France services",
    gip_lieux: "GIP Gers Solidaire, lieux (tiers-lieux, étapes du camping-car connecté)",
  };
  if (FAMILIES[sourceId]) return FAMILIES[sourceId]!;
  const source = sourceOf(sourceId);
  const label = sourceLabel(sourceId);
  if (sourceId.startsWith("gip_")) return `GIP Gers Solidaire, journal : ${label[0]!.toLowerCase()}${label.slice(1)}`;
  return source?.producteur && !label.startsWith(source.producteur) ? `${source.producteur}, ${label}` : label;
}

/** The CSV of one page's values, cut from indicateurs.csv by the publication (downloads.ts). */
export function territoryCsvName(niveau: "epci" | "commune", code: string): string {
  return `${niveau}-${code}.csv`;
}

type SeriesPoints = [number, number | null, string][];

function groupSeries(rows: PointSerie[]): Map<string, Record<string, SeriesPoints>> {
  const grouped = new Map<string, Record<string, SeriesPoints>>();
  for (const row of rows) {
    const key = `${row.niveau}|${row.code_geo}`;
    const entry = grouped.get(key) ?? {};
    (entry[row.id_indicateur] ??= []).push([row.annee, row.statut === "ok" ? row.valeur : null, statusLetter(row)]);
    grouped.set(key, entry);
  }
  return grouped;
}

function seriesOf(series: Map<string, Record<string, SeriesPoints>>, niveau: string, code: string, only?: Set<string>): Record<string, SeriesPoints> {
  const all = series.get(`${niveau}|${code}`) ?? {};
  return only ? Object.fromEntries(Object.entries(all).filter(([id]) => only.has(id))) : all;
}

function compactAges(structure: StructureAge) {
  return { millesime: structure.millesime, effectifs: structure.effectifs };
}

/**
 * Ranks of each commune among the communes of its EPCI and of the département (1 = the highest value), on values
 * published as ok; [rang EPCI, communes classées dans l'EPCI, rang département, communes classées].
 */
function ranksOfCommunes(communes: Commune[], byLevel: Map<string, Map<string, ValeurIndicateur>>, ids: Set<string>): Map<string, Record<string, [number | null, number, number, number]>> {
  const ranks = new Map<string, Record<string, [number | null, number, number, number]>>();
  const rankIn = (values: number[], value: number) => 1 + values.filter((other) => other > value).length;
  for (const id of ids) {
    const values = byLevel.get(`${id}|commune`);
    if (!values) continue;
    const ok = communes.filter((commune) => values.get(commune.code)?.statut === "ok").map((commune) => ({ commune, valeur: values.get(commune.code)!.valeur! }));
    const departement = ok.map((item) => item.valeur);
    const byEpci = new Map<string, number[]>();
    for (const item of ok) byEpci.set(item.commune.code_epci ?? "", [...(byEpci.get(item.commune.code_epci ?? "") ?? []), item.valeur]);
    for (const { commune, valeur } of ok) {
      const epci = commune.code_epci ? byEpci.get(commune.code_epci)! : null;
      const entry = ranks.get(commune.code) ?? {};
      entry[id] = [epci ? rankIn(epci, valeur) : null, epci?.length ?? 0, rankIn(departement, valeur), departement.length];
      ranks.set(commune.code, entry);
    }
  }
  return ranks;
}

/** The « À retenir » sentences of each portrait and sheet, from the rules of a-retenir.ts. */
function summaryContexts(data: SiteData, byLevel: Map<string, Map<string, ValeurIndicateur>>, series: Map<string, Record<string, SeriesPoints>>) {
  const indicateurs: IndicateurRegle[] = INDICATORS.map((indicator) => ({
    id: indicator.id, libelle: indicator.libelle, theme: indicator.theme, unite: indicator.unite, decimales: indicator.decimales, classe: indicator.classe,
  }));
  const territoire = data.territoire;
  const at = (niveau: string, code: string): Record<string, ReturnType<typeof compact>> => valuesOf(byLevel, niveau, code);
  const departement: ReferenceRegle = { niveau: "departement", code: territoire.code_departement, valeurs: at("departement", territoire.code_departement), dans: `dans le ${territoire.libelle}`, de: `du ${territoire.libelle}` };
  const france: ReferenceRegle = { niveau: "france", code: "FRANCE", valeurs: at("france", "FRANCE"), dans: "en France", de: "de la France" };
  const peers = (niveau: string, codes: string[]) => {
    const pairs: Record<string, number[]> = {};
    const pairsEvolution: Record<string, number[]> = {};
    for (const indicator of INDICATORS) {
      const values = byLevel.get(`${indicator.id}|${niveau}`);
      if (!values) continue;
      const reliable = codes.map((code) => values.get(code)).filter((row): row is ValeurIndicateur => row?.statut === "ok" && row.valeur !== null && row.fiabilite !== "fragile");
      pairs[indicator.id] = reliable.map((row) => row.valeur!);
      pairsEvolution[indicator.id] = reliable.filter((row) => row.evolution !== null).map((row) => row.evolution!);
    }
    return { pairs, pairsEvolution };
  };
  const epciPeers = peers("epci", data.epcis.filter((epci) => epci.rattachement === "territoire").map((epci) => epci.code));
  const communePeers = peers("commune", data.communes.filter((commune) => commune.dans_territoire).map((commune) => commune.code));
  const previousFragile = (niveau: string, code: string, valeurs: Record<string, { millesime_precedent?: number }>) => (id: string) => {
    const points = series.get(`${niveau}|${code}`)?.[id] ?? [];
    const year = valeurs[id]?.millesime_precedent;
    return points.some(([annee, , statut]) => annee === year && statut === STATUT_CODES.fragile);
  };
  const run = (contexte: ContexteRegle): Phrase[] => aRetenir(contexte);
  return {
    epci: (epci: Epci): Phrase[] => {
      const valeurs = at("epci", epci.code);
      return run({ indicateurs, sujet: { niveau: "epci", code: epci.code, valeurs }, references: [departement, france], ...epciPeers, precedentFragile: previousFragile("epci", epci.code, valeurs) });
    },
    commune: (commune: Commune, epci: Epci | undefined): Phrase[] => {
      if (!epci) return [];
      const valeurs = at("commune", commune.code);
      const reference: ReferenceRegle = { niveau: "epci", code: epci.code, valeurs: at("epci", epci.code), dans: "dans l'EPCI", de: "de l'EPCI" };
      return run({ indicateurs, sujet: { niveau: "commune", code: commune.code, valeurs }, references: [departement, reference], ...communePeers, precedentFragile: previousFragile("commune", commune.code, valeurs) });
    },
  };
}

function groupValues(rows: ValeurIndicateur[]): Map<string, Map<string, ValeurIndicateur>> {
  const grouped = new Map<string, Map<string, ValeurIndicateur>>();
  for (const row of rows) {
    const key = `${row.id_indicateur}|${row.niveau}`;
    let level = grouped.get(key);
    if (!level) grouped.set(key, (level = new Map()));
    level.set(row.code_geo, row);
  }
  return grouped;
}

function valuesOf(byLevel: Map<string, Map<string, ValeurIndicateur>>, niveau: string, code: string): Record<string, Valeur> {
  const values: Record<string, Valeur> = {};
  for (const indicator of INDICATORS) {
    const row = byLevel.get(`${indicator.id}|${niveau}`)?.get(code);
    if (row) values[indicator.id] = compact(row);
  }
  return values;
}

function compact(row: ValeurIndicateur): Valeur {
  const value: Valeur = { statut: row.statut };
  if (row.valeur !== null && row.statut === "ok") value.valeur = row.valeur;
  if (row.motif) value.motif = row.motif;
  if (row.fiabilite === "fragile") value.fiabilite = "fragile";
  if (row.rang_epci !== null) value.rang = row.rang_epci;
  if (row.millesime) value.millesime = row.millesime;
  if (row.millesime_precedent !== null && row.valeur_precedente !== null) {
    value.millesime_precedent = row.millesime_precedent;
    value.valeur_precedente = row.valeur_precedente;
    if (row.evolution !== null) value.evolution = row.evolution;
  }
  if (row.ecart_departement !== null) value.ecart_departement = row.ecart_departement;
  return value;
}

function statusLetter(row: Pick<ValeurIndicateur, "statut" | "fiabilite"> | undefined): string {
  if (!row) return STATUT_CODES.manquant;
  if (row.statut === "ok") return row.fiabilite === "fragile" ? STATUT_CODES.fragile : STATUT_CODES.ok;
  return STATUT_CODES[row.statut];
}
