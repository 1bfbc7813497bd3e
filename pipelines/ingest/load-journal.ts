// Loads one activity log of the GIP into its table. The header is checked first (identifying columns, year, required
// columns), before any row is read; then every cell is typed and checked in DuckDB, and each faulty row is quarantined
// with its line, column and a French reason. Identifiers are never copied into the rejects.
import crypto from "node:crypto";
import { DataError } from "../core/errors.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import { normaliserEntete, sqlNormaliser, trouverColonne } from "../../sources/header-match.ts";
import { colonnesIdentifiantes, COURRIEL, refusIdentifiantes, TELEPHONE, type ColonneIdentifiante } from "./identifying-columns.ts";
import { sqlEmpreinte, type Pseudonymisation } from "./pseudonymise.ts";
import type { ChampJournal, JournalSource, TypeChamp } from "../../sources/definition.ts";

export const MOTIFS_JOURNAL = {
  absente: "valeur obligatoire absente",
  illisible: {
    date: "date illisible (attendu JJ/MM/AAAA ou AAAA-MM-JJ)",
    date_heure: "date et heure illisibles (attendu JJ/MM/AAAA HH:MM ou AAAA-MM-JJ HH:MM)",
    mois: "mois illisible (attendu AAAA-MM ou MM/AAAA)",
    entier: "nombre entier attendu",
    decimal: "nombre attendu (virgule ou point décimal)",
    duree: "durée illisible (attendu des minutes, par exemple 12 ou 12,5, ou mm:ss)",
    commune: "code commune inconnu du code officiel géographique",
    epci: "code EPCI inconnu (attendu : le SIREN à 9 chiffres d'un EPCI)",
    categorie: "valeur inconnue",
    identifiant: "identifiant trop long (100 caractères au plus)",
  } satisfies Record<TypeChamp, string>,
  negatif: "valeur négative",
  dureeNegative: "durée négative",
  horsAnnee: (annee: number) => `date hors de l'année ${annee} du journal (année lue dans le nom du fichier ou de son dossier)`,
  nonSitue: (colonnes: string[]) => `ni ${colonnes.map((colonne) => `« ${colonne} »`).join(" ni ")} renseigné : la ligne doit être située par l'un d'eux`,
  identifiantSuspect: "identifiant qui ressemble à un numéro de téléphone ou à une adresse électronique : seuls des identifiants pseudonymes sont admis",
  invraisemblable: (max: number) => `valeur invraisemblable (au plus ${max} attendu)`,
  doublon: "identifiant en double dans le fichier (la première occurrence est gardée)",
  referenceInconnue: (libelle: string) => `aucun enregistrement de ce numéro dans les ${libelle} chargés`,
};

/**
 * What a rejected cell of a log keeps: a log is typed by people, who put names, phone numbers and e-mail addresses
 * in the wrong column; those never reach the rejects (or etat, which prints them), whatever the column.
 */
const maskedValue = (valeur: string) =>
  `left(regexp_replace(regexp_replace(${valeur}, ${sqlString(TELEPHONE.source)}, '[téléphone masqué]', 'g'), ${sqlString(COURRIEL.source)}, '[courriel masqué]', 'g'), 60)`;

const SQL_TYPES: Record<TypeChamp, string> = {
  date: "DATE", date_heure: "TIMESTAMP", mois: "DATE", entier: "INTEGER", decimal: "DOUBLE", duree: "DOUBLE",
  commune: "VARCHAR", epci: "VARCHAR", categorie: "VARCHAR", identifiant: "VARCHAR",
};

/** The table of a log: its fields, plus the file, the log's year and the file line of each row. */
export function journalTableSql(source: JournalSource): string {
  const columns = source.champs.map((champ) => `${champ.cible} ${SQL_TYPES[champ.type]}${champ.obligatoire ? " NOT NULL" : ""}`);
  return `CREATE TABLE IF NOT EXISTS ${source.table} (fichier_id INTEGER NOT NULL, annee INTEGER NOT NULL, ${columns.join(", ")}, ligne INTEGER NOT NULL);`;
}

export interface JournalPlan {
  source: JournalSource;
  chemin: string;
  entete: string[];
  annee: number;
  /** Field → the header column holding it, when present. */
  colonnes: Map<string, string | undefined>;
  identifiantes: ColonneIdentifiante[];
  pseudonymisation?: Pseudonymisation;
  /** The identifier field built from the identifying columns (the export has no pseudonymous one). */
  derive?: string;
}

/** Header checks: throws a located DataError before anything of the file is read or stored. */
export function planJournal(
  source: JournalSource,
  file: { chemin: string; entete: string[]; annee?: number; pseudonymisation?: Pseudonymisation },
): JournalPlan {
  const colonnes = new Map(source.champs.map((champ) => [champ.cible, trouverColonne(champ.colonnes, file.entete)]));
  const mapped = new Set([...colonnes.values()].filter(Boolean));
  const identifiantes = colonnesIdentifiantes(file.entete.filter((colonne) => !mapped.has(colonne)));
  if (identifiantes.length && !file.pseudonymisation) throw refusIdentifiantes(file.chemin, identifiantes);
  if (file.annee === undefined) {
    throw new DataError(
      `année du journal « ${source.libelle} » introuvable dans le nom du fichier ou de son dossier.`,
      { fichier: file.chemin },
      "Ajoutez l'année au nom du fichier (par exemple appels-nvs-2020.csv) ou rangez-le dans un dossier 2020/.",
    );
  }
  const derive = identifiantes.length && source.pseudonyme && !colonnes.get(source.pseudonyme) ? source.pseudonyme : undefined;
  const absentes = source.champs.filter((champ) => champ.obligatoire && !colonnes.get(champ.cible) && champ.cible !== derive).map((champ) => champ.colonnes[0]!);
  if (absentes.length) {
    const plural = absentes.length > 1 ? "s" : "";
    throw new DataError(
      `colonne${plural} obligatoire${plural} absente${plural} pour « ${source.libelle} » : ${absentes.join(", ")}.`,
      { fichier: file.chemin, ligne: 1, colonne: absentes[0] },
      "Le format attendu de chaque journal est décrit dans docs/journaux-activite.md.",
    );
  }
  const group = source.auMoinsUn ?? [];
  if (group.length && group.every((cible) => !colonnes.get(cible))) {
    const labels = group.map((cible) => source.champs.find((champ) => champ.cible === cible)!.colonnes[0]!);
    throw new DataError(`il faut au moins une des colonnes ${labels.join(", ")} pour « ${source.libelle} ».`, { fichier: file.chemin, ligne: 1, colonne: labels[0] });
  }
  return { source, chemin: file.chemin, entete: file.entete, annee: file.annee, colonnes, identifiantes, pseudonymisation: file.pseudonymisation, derive };
}

const DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"];
const TIME_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"];
const MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%Y/%m", "%m-%Y", ...DATE_FORMATS];
const formats = (list: string[]) => `[${list.map(sqlString).join(", ")}]`;
const noSpaces = (raw: string) => `regexp_replace(${raw}, '[\\s\\x{00a0}\\x{202f}]', '', 'g')`;
const decimal = (raw: string) => `TRY_CAST(replace(${noSpaces(raw)}, ',', '.') AS DOUBLE)`;

/** Minutes, with a decimal comma or point, or mm:ss, or h:mm:ss. */
function duration(raw: string): string {
  const parts = `string_split(ltrim(${raw}, '-+'), ':')`;
  const part = (index: number) => `TRY_CAST(${parts}[${index}] AS DOUBLE)`;
  return `CASE WHEN ${raw} IS NULL THEN NULL
    WHEN contains(${raw}, ':') THEN (CASE WHEN starts_with(${raw}, '-') THEN -1 ELSE 1 END) *
      (CASE len(${parts}) WHEN 2 THEN ${part(1)} + ${part(2)} / 60 WHEN 3 THEN ${part(1)} * 60 + ${part(2)} + ${part(3)} / 60 END)
    ELSE ${decimal(raw)} END`;
}

/** The typed value of a cell, NULL when unreadable (the checks then say why); identifiers as keyed hashes. */
function parsed(champ: ChampJournal, raw: string, cle: string): string {
  switch (champ.type) {
    case "date": return `CAST(try_strptime(${raw}, ${formats([...DATE_FORMATS, ...TIME_FORMATS])}) AS DATE)`;
    case "date_heure": return `try_strptime(${raw}, ${formats([...TIME_FORMATS, ...DATE_FORMATS])})`;
    case "mois": return `CAST(date_trunc('month', try_strptime(${raw}, ${formats(MONTH_FORMATS)})) AS DATE)`;
    case "entier": return `TRY_CAST(${noSpaces(raw)} AS INTEGER)`;
    case "decimal": return decimal(raw);
    case "duree": return duration(raw);
    // Spreadsheets drop the leading zero of codes like 01004.
    case "commune": return `(SELECT code FROM (SELECT CASE WHEN regexp_full_match(${raw}, '[0-9]{4}') THEN '0' || ${raw} ELSE upper(${raw}) END AS code) c
      WHERE code IN (SELECT code_ancien FROM cog_passage))`;
    case "epci": return `(SELECT code_epci FROM geo_epci WHERE code_epci = ${noSpaces(raw)})`;
    case "categorie": return `(SELECT libelle FROM journal_categories k WHERE k.cible = ${sqlString(champ.cible)} AND k.cle = ${sqlNormaliser(raw)})`;
    // The same id gives the same pseudonym in every log and year (calls link interactions), yet the log's own id
    // never reaches the warehouse, so nothing built from it can show it.
    case "identifiant": return `CASE WHEN length(${raw}) <= 100 THEN 'ID-' || left(sha256(${sqlString(cle)} || '|' || ${raw}), 20) END`;
  }
}

/**
 * The file's columns as named in `brut`, by position: a log may have a column "Ligne" (the telephone line), which
 * DuckDB renames because `brut` already has the file line number `ligne`.
 */
async function brutColumns(warehouse: Warehouse, entete: string[]): Promise<Map<string, string>> {
  const names = await warehouse.all<{ column_name: string }>("DESCRIBE brut");
  return new Map(entete.map((colonne, index) => [colonne, names[index + 2]!.column_name]));
}

/** The cell of one field, trimmed, NULL when empty or "unknown"; NULL when the export lacks the column. */
function rawOf(plan: JournalPlan, champ: ChampJournal, brut: Map<string, string>): string {
  if (champ.cible === plan.derive) return "pseudo";
  const colonne = plan.colonnes.get(champ.cible);
  if (!colonne) return "NULL::VARCHAR";
  const cell = `nullif(trim(${sqlIdentifier(brut.get(colonne)!)}), '')`;
  const unknown = (champ.inconnu ?? []).map((value) => sqlString(normaliserEntete(value)));
  return unknown.length ? `CASE WHEN ${sqlNormaliser(cell)} IN (${unknown.join(", ")}) THEN NULL ELSE ${cell} END` : cell;
}

export async function loadJournal(warehouse: Warehouse, plan: JournalPlan, fichierId: number): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, annee } = plan;
  const brut = await brutColumns(warehouse, plan.entete);
  await pseudonymiseRaw(warehouse, plan, brut);
  // "Allô" and "Allo" are one key: spellings that differ only by accents or case collapse.
  const categories = [...new Set(source.champs.flatMap((champ) =>
    Object.entries(champ.valeurs ?? {}).flatMap(([libelle, variantes]) =>
      [libelle, ...variantes].map((variante) => `(${sqlString(champ.cible)}, ${sqlString(normaliserEntete(variante))}, ${sqlString(libelle)})`)),
  ))];
  const columnName = (champ: ChampJournal) => plan.colonnes.get(champ.cible) ?? champ.colonnes[0]!;
  const checks: string[] = [];
  const problem = (champ: ChampJournal, valeur: string, motif: string, where: string) =>
    checks.push(`INSERT INTO problemes SELECT idx, ligne, ${sqlString(columnName(champ))}, ${champ.type === "identifiant" || valeur === "NULL" ? "NULL" : maskedValue(valeur)}, ${motif} FROM journal_valeurs WHERE ${where};`);
  for (const champ of source.champs) {
    const raw = `brut_${champ.cible}`;
    if (champ.obligatoire) problem(champ, "NULL", sqlString(MOTIFS_JOURNAL.absente), `${raw} IS NULL`);
    const unreadable = champ.type === "categorie"
      ? sqlString(`${MOTIFS_JOURNAL.illisible.categorie} (valeurs admises : ${Object.keys(champ.valeurs ?? {}).join(", ")})`)
      : sqlString(MOTIFS_JOURNAL.illisible[champ.type]);
    problem(champ, raw, unreadable, `${raw} IS NOT NULL AND ${champ.cible} IS NULL`);
    if (["entier", "decimal", "duree"].includes(champ.type)) {
      problem(champ, raw, sqlString(champ.type === "duree" ? MOTIFS_JOURNAL.dureeNegative : MOTIFS_JOURNAL.negatif), `${champ.cible} < 0`);
    }
    if (champ.max !== undefined) problem(champ, raw, sqlString(MOTIFS_JOURNAL.invraisemblable(champ.max)), `${champ.cible} > ${champ.max}`);
    if (champ.unique) {
      problem(champ, "NULL", sqlString(MOTIFS_JOURNAL.doublon),
        `${champ.cible} IS NOT NULL AND idx IN (SELECT idx FROM journal_valeurs QUALIFY row_number() OVER (PARTITION BY ${champ.cible} ORDER BY idx) > 1)`);
    }
    if (champ.reference && (await referenceLoaded(warehouse, champ.reference))) {
      const { table, cible, libelle } = champ.reference;
      problem(champ, "NULL", sqlString(MOTIFS_JOURNAL.referenceInconnue(libelle)),
        `${champ.cible} IS NOT NULL AND ${champ.cible} NOT IN (SELECT ${sqlIdentifier(cible)} FROM ${sqlIdentifier(table)} WHERE ${sqlIdentifier(cible)} IS NOT NULL)`);
    }
    if (champ.cible === source.date) problem(champ, raw, sqlString(MOTIFS_JOURNAL.horsAnnee(annee)), `year(${champ.cible}) <> ${annee}`);
    if (champ.type === "identifiant") {
      problem(champ, "NULL", sqlString(MOTIFS_JOURNAL.identifiantSuspect),
        // The same patterns as the scan of published files, so the quarantine and the leak test agree.
        `regexp_matches(${raw}, ${sqlString(TELEPHONE.source)}) OR regexp_matches(${raw}, ${sqlString(COURRIEL.source)})`);
    }
  }
  const group = (source.auMoinsUn ?? []).map((cible) => source.champs.find((champ) => champ.cible === cible)!);
  if (group.length) {
    problem(group[0]!, "NULL", sqlString(MOTIFS_JOURNAL.nonSitue(group.map(columnName))), group.map((champ) => `brut_${champ.cible} IS NULL`).join(" AND "));
  }
  const values = source.champs.map((champ) => `${rawOf(plan, champ, brut)} AS brut_${champ.cible}`);
  const cle = await cleIdentifiants(warehouse);
  const typed = source.champs.map((champ) => `${parsed(champ, `brut_${champ.cible}`, cle)} AS ${champ.cible}`);
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE journal_categories (cible VARCHAR, cle VARCHAR, libelle VARCHAR);
    ${categories.length ? `INSERT INTO journal_categories VALUES ${categories.join(", ")};` : ""}
    CREATE OR REPLACE TEMP TABLE journal_bruts AS SELECT idx, ligne, ${values.join(", ")} FROM brut${plan.derive ? " JOIN journal_pseudonymes USING (idx)" : ""};
    CREATE OR REPLACE TEMP TABLE journal_valeurs AS SELECT *, ${typed.join(", ")} FROM journal_bruts;
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    ${checks.join("\n")}
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(plan.chemin)}, ligne, colonne, valeur, motif FROM problemes ORDER BY ligne, colonne, motif;
    INSERT INTO ${sqlIdentifier(source.table)} (fichier_id, annee, ${source.champs.map((champ) => champ.cible).join(", ")}, ligne)
      SELECT ${fichierId}, ${annee}, ${source.champs.map((champ) => champ.cible).join(", ")}, ligne
      FROM journal_valeurs ANTI JOIN problemes USING (idx) ORDER BY idx;
    DROP TABLE journal_bruts; DROP TABLE journal_valeurs;
  `);
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM brut) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  await warehouse.run("DROP TABLE IF EXISTS journal_pseudonymes");
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}

/** The warehouse's key for identifiers, drawn once: a rebuilt warehouse draws a new one and reloads every log. */
async function cleIdentifiants(warehouse: Warehouse): Promise<string> {
  const found = await warehouse.one<{ cle: string }>("SELECT cle FROM cle_identifiants LIMIT 1");
  if (found) return found.cle;
  const cle = crypto.randomBytes(32).toString("hex");
  await warehouse.run("INSERT INTO cle_identifiants VALUES (?)", [cle]);
  return cle;
}

/**
 * --pseudonymiser: the identifier is the salted hash of the identifying columns when the export has none. Those
 * columns are read only here, from the in-memory read of the file; no table of the warehouse receives them.
 */
async function pseudonymiseRaw(warehouse: Warehouse, plan: JournalPlan, brut: Map<string, string>): Promise<void> {
  const { pseudonymisation, identifiantes } = plan;
  if (!pseudonymisation || !identifiantes.length || !plan.derive) return;
  const column = (item: ColonneIdentifiante) => sqlIdentifier(brut.get(item.colonne)!);
  const normalised = (item: ColonneIdentifiante) => {
    const cell = `coalesce(trim(${column(item)}), '')`;
    // The same person written "06 12 34 56 78" or "0612345678", "DUPONT" or "Dupont", gets the same pseudonym.
    return item.nature === "téléphone" ? `regexp_replace(${cell}, '[^0-9]', '', 'g')` : sqlNormaliser(cell);
  };
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE journal_pseudonymes AS
    SELECT idx, CASE WHEN ${identifiantes.map((item) => `${normalised(item)} <> ''`).join(" OR ")} THEN ${sqlEmpreinte(pseudonymisation, identifiantes.map(normalised))} END AS pseudo FROM brut`);
}

/** A reference is checked only when the referred log holds rows: interactions loaded without their calls stay. */
async function referenceLoaded(warehouse: Warehouse, reference: { table: string; cible: string }): Promise<boolean> {
  const row = await warehouse.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${sqlIdentifier(reference.table)} WHERE ${sqlIdentifier(reference.cible)} IS NOT NULL`);
  return (row?.n ?? 0) > 0;
}
