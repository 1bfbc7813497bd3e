// Every source the importer knows, most specific first: a file is the first source whose signature it holds.
import { sourceSchema, type SourceDefinition } from "./definition.ts";
import { anctFranceServices } from "./anct-france-services.ts";
import { cafSources } from "./caf.ts";
import { GIP_JOURNAUX } from "./gip-activite.ts";
import { gipLieux } from "./gip-lieux.ts";
import { perimetres } from "./perimetres.ts";
import { inseeBpe } from "./insee-bpe.ts";
import { inseeComparateur } from "./insee-comparateur.ts";
import { inseeFilosofi, inseeFilosofiIris } from "./insee-filosofi.ts";
import { inseePopulationsLegales } from "./insee-populations-legales.ts";
import { censusDatasetId, inseeRecensement, THEMES_RECENSEMENT } from "./insee-recensement.ts";
import { inseeCogCommunes, inseeDictionnaire } from "./insee-reference.ts";

const DEFINITIONS: SourceDefinition[] = [
  inseeComparateur,
  inseeRecensement,
  inseeFilosofi,
  inseeFilosofiIris,
  inseePopulationsLegales,
  inseeDictionnaire,
  inseeCogCommunes,
  ...cafSources,
  inseeBpe,
  anctFranceServices,
  gipLieux,
  perimetres,
  ...GIP_JOURNAUX,
];

export const SOURCES: SourceDefinition[] = DEFINITIONS.map((definition) => {
  const parsed = sourceSchema.safeParse(definition);
  if (!parsed.success) throw new Error(`Définition de source invalide « ${definition.id} » : ${parsed.error.message}`);
  return definition;
});

const ids = SOURCES.map((source) => source.id);
if (new Set(ids).size !== ids.length) throw new Error("Deux définitions de source portent le même identifiant.");

/** The definition behind a source id of the import journal: a census theme (insee_rp_logement) is read by insee_rp. */
export function sourceOf(sourceId: string): SourceDefinition | undefined {
  return SOURCES.find((source) => source.id === sourceId) ?? SOURCES.find((source) => source.jeu && sourceId.startsWith(`${source.id}_`));
}

/** A source id's label as readers see it, its dataset named when it has one (a census theme). */
export function sourceLabel(sourceId: string): string {
  const theme = THEMES_RECENSEMENT.find(({ fichier }) => censusDatasetId(fichier) === sourceId);
  const source = sourceOf(sourceId);
  return theme ? `${source!.libelle} : ${theme.libelle}` : source?.libelle ?? sourceId;
}
