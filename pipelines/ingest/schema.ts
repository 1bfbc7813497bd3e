// The warehouse's persistent tables (the raw layer and the ingest account).
// Derived layers (geo_*, valeurs_cog) are rebuilt by their own steps.
// docs/entrepot.md documents every table and its grain.
import { journalTableSql } from "./load-journal.ts";
import { GIP_JOURNAUX } from "../../sources/gip-activite.ts";
import type { Warehouse } from "../core/warehouse.ts";

/** The columns every located list shares (loadItems writes both tables the same way; the offer unions them). */
const LOCATED_COLUMNS = `
  fichier_id INTEGER NOT NULL,
  millesime INTEGER NOT NULL,
  code_commune VARCHAR NOT NULL,
  typequ VARCHAR NOT NULL,
  libelle VARCHAR NOT NULL,
  categorie VARCHAR,
  longitude DOUBLE,
  latitude DOUBLE,
  qualite_xy VARCHAR,
  mobile BOOLEAN NOT NULL,
  ligne INTEGER NOT NULL`;

const PERSISTENT_TABLES = `
CREATE SEQUENCE IF NOT EXISTS seq_fichier START 1;
CREATE SEQUENCE IF NOT EXISTS seq_execution START 1;

-- One row per command run that changed the warehouse.
CREATE TABLE IF NOT EXISTS executions (
  execution_id INTEGER PRIMARY KEY,
  commande VARCHAR NOT NULL,
  territoire VARCHAR NOT NULL,
  dossiers VARCHAR[] NOT NULL,
  debut TIMESTAMP NOT NULL,
  fin TIMESTAMP,
  fichiers_charges INTEGER,
  fichiers_deja_charges INTEGER,
  fichiers_ignores INTEGER
);

-- One row per source file loaded (a zip member counts as a file: "archive.zip!membre.csv").
CREATE TABLE IF NOT EXISTS journal_import (
  fichier_id INTEGER PRIMARY KEY,
  execution_id INTEGER NOT NULL,
  dossier VARCHAR NOT NULL,
  chemin VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  taille BIGINT NOT NULL,
  source_id VARCHAR NOT NULL,
  niveau VARCHAR,
  millesime INTEGER,
  geo_annee INTEGER,
  encodage VARCHAR NOT NULL,
  separateur VARCHAR NOT NULL,
  demo BOOLEAN NOT NULL,
  lignes_lues INTEGER NOT NULL,
  lignes_chargees INTEGER NOT NULL,
  lignes_rejetees INTEGER NOT NULL,
  debut TIMESTAMP NOT NULL,
  fin TIMESTAMP NOT NULL,
  remplace_par INTEGER
);

-- One row per problem found in a quarantined line (a line may have several).
CREATE TABLE IF NOT EXISTS rejets (
  fichier_id INTEGER NOT NULL,
  chemin VARCHAR NOT NULL,
  ligne INTEGER NOT NULL,
  colonne VARCHAR,
  valeur VARCHAR,
  motif VARCHAR NOT NULL
);

-- Files seen but not loaded during a run, with the reason.
CREATE TABLE IF NOT EXISTS fichiers_ignores (
  execution_id INTEGER NOT NULL,
  dossier VARCHAR NOT NULL,
  chemin VARCHAR NOT NULL,
  motif VARCHAR NOT NULL
);

-- Files of a known source that could not be loaded at all during a run (unreadable, header lacking every known
-- column…): one row per file, located like the message the officer saw. The other files of the run still load.
CREATE TABLE IF NOT EXISTS fichiers_refuses (
  execution_id INTEGER NOT NULL,
  dossier VARCHAR NOT NULL,
  chemin VARCHAR NOT NULL,
  ligne INTEGER,
  colonne VARCHAR,
  motif VARCHAR NOT NULL,
  suggestion VARCHAR
);

-- A later file replaces only the rows it carries again (same level, territory, variable and millésime): an earlier
-- file keeps the others and stays in use, partly replaced. One row per earlier file and replacing file.
CREATE TABLE IF NOT EXISTS remplacements_partiels (
  fichier_id INTEGER NOT NULL,
  remplace_par INTEGER NOT NULL,
  lignes BIGINT NOT NULL
);

-- Raw layer of the statistical files (INSEE, CAF…), in long form: one row per file × geographic unit ×
-- published variable, exactly as published. Stored as two tables because writing millions of rows is the
-- import's main cost: each file's variables once (variables_fichier), the cells with a small variable number
-- (valeurs_cellules). The view valeurs_brutes joins them back for every reader that needs the variables' names.
CREATE TABLE IF NOT EXISTS variables_fichier (
  fichier_id INTEGER NOT NULL,
  variable_no INTEGER NOT NULL,
  source_id VARCHAR NOT NULL,
  niveau VARCHAR NOT NULL,
  variable VARCHAR NOT NULL,
  racine VARCHAR NOT NULL,
  additive BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS valeurs_cellules (
  fichier_id INTEGER NOT NULL,
  variable_no INTEGER NOT NULL,
  code_geo VARCHAR NOT NULL,
  millesime INTEGER,
  geo_annee INTEGER,
  valeur DOUBLE,
  statut VARCHAR NOT NULL,
  ligne INTEGER NOT NULL
);

-- The INSEE variable dictionary (meta_dossier_complet): one row per variable × modality.
CREATE TABLE IF NOT EXISTS insee_dictionnaire (
  fichier_id INTEGER NOT NULL,
  cod_var VARCHAR NOT NULL,
  lib_var VARCHAR,
  lib_var_long VARCHAR,
  cod_mod VARCHAR,
  lib_mod VARCHAR,
  type_var VARCHAR,
  long_var VARCHAR,
  theme VARCHAR,
  source VARCHAR
);

-- The INSEE COG commune file of a given year: one row per code × type.
CREATE TABLE IF NOT EXISTS insee_cog_commune (
  fichier_id INTEGER NOT NULL,
  millesime INTEGER,
  typecom VARCHAR NOT NULL,
  com VARCHAR NOT NULL,
  reg VARCHAR,
  dep VARCHAR,
  libelle VARCHAR,
  comparent VARCHAR
);

-- The key of the activity logs' identifiers (one row, drawn at the first import): the warehouse stores a keyed
-- hash of each person, household or call id, never the id of the log itself.
CREATE TABLE IF NOT EXISTS cle_identifiants (cle VARCHAR NOT NULL);

-- Located equipments of a list source (INSEE BPE): one row per equipment loaded, code commune as published.
CREATE TABLE IF NOT EXISTS bpe_equipements (
${LOCATED_COLUMNS}
);

-- Located places of the other lists (ANCT France services, GIP Gers Solidaire places): one row per place loaded,
-- same columns as bpe_equipements plus the list's own identifier, the place's name and its status (ouvert, projet).
CREATE TABLE IF NOT EXISTS lieux_services (
${LOCATED_COLUMNS},
  identifiant VARCHAR,
  nom VARCHAR,
  statut VARCHAR
);

-- Perimeters (pipelines/ingest/load-perimeters.ts): one row per perimeter and commune, the commune on the current COG
-- (code_publie: the code as written in the file, a former code mapped onto its commune).
CREATE TABLE IF NOT EXISTS perimetres (
  fichier_id INTEGER NOT NULL,
  perimetre VARCHAR NOT NULL,
  libelle VARCHAR NOT NULL,
  code_commune VARCHAR NOT NULL,
  code_publie VARCHAR NOT NULL,
  ligne INTEGER NOT NULL
);

-- Commune contours as published (GeoJSON or TopoJSON): one row per file × commune code, the geometry as GeoJSON text.
-- Mapping onto the current COG happens when they are read, so a 2018 file stays a faithful copy.
CREATE TABLE IF NOT EXISTS contours_communes (
  fichier_id INTEGER NOT NULL,
  code_commune VARCHAR NOT NULL,
  libelle VARCHAR,
  geo_annee INTEGER,
  geometrie VARCHAR NOT NULL
);
`;

const RAW_VALUES_VIEW = `
CREATE OR REPLACE VIEW valeurs_brutes AS
  SELECT c.fichier_id, v.source_id, v.niveau, c.code_geo, v.variable, v.racine, c.millesime, c.geo_annee, c.valeur, c.statut, v.additive, c.ligne
  FROM valeurs_cellules c JOIN variables_fichier v USING (fichier_id, variable_no);`;

export async function ensureSchema(warehouse: Warehouse): Promise<void> {
  await warehouse.run(PERSISTENT_TABLES);
  // Which part of a source a file is (a Filosofi level, the dataset a dictionary describes): added after the first
  // warehouses were built, hence not in the CREATE above.
  await warehouse.run("ALTER TABLE journal_import ADD COLUMN IF NOT EXISTS partie VARCHAR");
  // The size and date of each loaded file (discover.ts): an unchanged file is known without being read. Kept apart
  // from journal_import, which the site reads: a file saved again without a change rebuilds no page.
  await warehouse.run("CREATE TABLE IF NOT EXISTS signatures_fichiers (fichier_id INTEGER PRIMARY KEY, signature VARCHAR NOT NULL)");
  await splitRawValuesTable(warehouse);
  await warehouse.run(RAW_VALUES_VIEW);
  // The GIP's activity logs: one table per log, its columns declared with the log (pseudonymous identifiers only).
  await warehouse.run(GIP_JOURNAUX.map(journalTableSql).join("\n"));
}

/** Warehouses built before the split kept valeurs_brutes as one table: its rows move to the two tables. */
async function splitRawValuesTable(warehouse: Warehouse): Promise<void> {
  const earlier = await warehouse.one<{ kind: string }>("SELECT table_type AS kind FROM information_schema.tables WHERE table_name = 'valeurs_brutes'");
  if (earlier?.kind !== "BASE TABLE") return;
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE variables_anciennes AS
      SELECT fichier_id, row_number() OVER (PARTITION BY fichier_id ORDER BY variable)::INTEGER AS variable_no, source_id, niveau, variable, racine, additive
      FROM (SELECT DISTINCT fichier_id, source_id, niveau, variable, racine, additive FROM valeurs_brutes);
    INSERT INTO variables_fichier SELECT * FROM variables_anciennes;
    INSERT INTO valeurs_cellules
      SELECT b.fichier_id, v.variable_no, b.code_geo, b.millesime, b.geo_annee, b.valeur, b.statut, b.ligne
      FROM valeurs_brutes b JOIN variables_anciennes v USING (fichier_id, variable);
    DROP TABLE valeurs_brutes;
  `);
}
