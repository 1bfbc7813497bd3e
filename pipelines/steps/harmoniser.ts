// Step « harmoniser »: the raw values on the current COG (former codes mapped, merged communes summed when additive).
import { table, TABLES } from "../core/tables.ts";
import { mapValuesToCog } from "../harmonise/map-to-cog.ts";
import type { Step } from "./step.ts";

export const harmoniser: Step<void> = {
  id: "harmoniser",
  libelle: "Harmonisation sur le COG courant",
  lit: [TABLES.valeursBrutes, TABLES.valeursCellules, TABLES.variablesFichier, TABLES.cogPassage].map(table),
  ecrit: [TABLES.cogFusions, TABLES.cogValeursFusionnees, TABLES.valeursCog].map(table),
  code: ["pipelines/harmonise", "pipelines/core"],
  entrepot: true,
  async run({ journal, entrepot }) {
    await mapValuesToCog(await entrepot());
    journal.success("Valeurs rapportées aux communes du COG courant.");
  },
};
