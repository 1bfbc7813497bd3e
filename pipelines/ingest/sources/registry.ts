// Every source the importer knows, most specific first: a file is the first source whose signature it holds.
import { sourceSchema, type SourceDefinition } from "./definition.ts";
import { anctFranceServices } from "./anct-france-services.ts";
import { cafSources } from "./caf.ts";
import { GIP_JOURNAUX } from "./gip-activite.ts";
import { gipLieux } from "./gip-lieux.ts";
import { inseeBpe } from "./insee-bpe.ts";
import { inseeComparateur } from "./insee-comparateur.ts";
import { inseeFilosofi, inseeFilosofiIris } from "./insee-filosofi.ts";
import { inseePopulationsLegales } from "./insee-populations-legales.ts";
import { inseeRecensement } from "./insee-recensement.ts";
import { inseeCogCommunes, inseeDictionnaire } from "./insee-reference.ts";

const DEFINITIONS: SourceDefinition[] = [
  inseeComparateur,
  ...inseeRecensement,
  inseeFilosofi,
  inseeFilosofiIris,
  inseePopulationsLegales,
  inseeDictionnaire,
  inseeCogCommunes,
  ...cafSources,
  inseeBpe,
  anctFranceServices,
  gipLieux,
  ...GIP_JOURNAUX,
];

export const SOURCES: SourceDefinition[] = DEFINITIONS.map((definition) => {
  const parsed = sourceSchema.safeParse(definition);
  if (!parsed.success) throw new Error(`Définition de source invalide « ${definition.id} » : ${parsed.error.message}`);
  return definition;
});

const ids = SOURCES.map((source) => source.id);
if (new Set(ids).size !== ids.length) throw new Error("Deux définitions de source portent le même identifiant.");
