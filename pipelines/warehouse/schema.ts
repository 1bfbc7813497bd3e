// The warehouse's persistent tables (the raw layer and the ingest account).
// Derived layers (geo_*, valeurs_cog) are rebuilt by their own steps.
// docs/entrepot.md documents every table and its grain.
import { journalTableSql } from "../ingest/load-journal.ts";
import { GIP_JOURNAUX } from "../ingest/sources/gip-activite.ts";
import type { Warehouse } from "./warehouse.ts";

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

-- Raw layer of the statistical files (INSEE, CAF…), in long form:
-- one row per file × geographic unit × published variable, exactly as published.
CREATE TABLE IF NOT EXISTS valeurs_brutes (
  fichier_id INTEGER NOT NULL,
  source_id VARCHAR NOT NULL,
  niveau VARCHAR NOT NULL,
  code_geo VARCHAR NOT NULL,
  variable VARCHAR NOT NULL,
  racine VARCHAR NOT NULL,
  millesime INTEGER,
  geo_annee INTEGER,
  valeur DOUBLE,
  statut VARCHAR NOT NULL,
  additive BOOLEAN NOT NULL,
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
  ligne INTEGER NOT NULL
);

-- Located places of the other lists (ANCT France services, GIP Gers Solidaire places): one row per place loaded,
-- same columns as bpe_equipements plus the list's own identifier, the place's name and its status (ouvert, projet).
CREATE TABLE IF NOT EXISTS lieux_services (
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
  ligne INTEGER NOT NULL,
  identifiant VARCHAR,
  nom VARCHAR,
  statut VARCHAR
);
`;

export async function ensureSchema(warehouse: Warehouse): Promise<void> {
  await warehouse.run(PERSISTENT_TABLES);
  // The GIP's activity logs: one table per log, its columns declared with the log (pseudonymous identifiers only).
  await warehouse.run(GIP_JOURNAUX.map(journalTableSql).join("\n"));
}

/** Tables whose rows belong to one loaded file, by fichier_id. */
export const FILE_OWNED_TABLES = [
  "valeurs_brutes", "insee_dictionnaire", "insee_cog_commune", "bpe_equipements", "lieux_services", ...GIP_JOURNAUX.map((journal) => journal.table), "rejets",
];
