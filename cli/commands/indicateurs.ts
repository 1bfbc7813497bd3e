// `observatoire indicateurs [ID]`: the catalogue, or one indicator's values at a level, in French formats.
import type { Command } from "commander";
import { z } from "zod";
import { NIVEAUX_PUBLICATION, THEMES, type Indicator } from "../../indicators/definition.ts";
import { findIndicator, INDICATORS } from "../../indicators/registry.ts";
import { UsageError } from "../../pipelines/core/errors.ts";
import { formatNombre, libelleNiveau } from "../../pipelines/core/format-fr.ts";
import { openExistingWarehouse } from "../../pipelines/core/atomic-build.ts";
import { parseOptions, sortieOption } from "../options.ts";
import { Reporter } from "../output.ts";
import { alignColumns } from "../table.ts";

/** The published levels and the perimeters drawn by the GIP (published wherever an EPCI is). */
const NIVEAUX = [...NIVEAUX_PUBLICATION, "perimetre"] as const;

/** « Département », « région », « EPCI »: the levels as people write them, accents and capitals included. */
const niveauOption = z
  .string()
  .transform((text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim())
  .pipe(z.enum(NIVEAUX, { error: `niveau attendu parmi : ${NIVEAUX.join(", ")}` }));

const optionsSchema = z.object({ sortie: sortieOption, niveau: niveauOption.default("epci") });

const STATUS_MARKS: Record<string, string> = { secret: "secret", manquant: "manquant", non_applicable: "sans objet" };

export function registerIndicateurs(program: Command): void {
  program
    .command("indicateurs")
    .argument("[id]", "identifiant d'un indicateur (ex. tx_chomage)")
    .description("liste les 40 indicateurs, ou affiche les valeurs d'un indicateur")
    .option("-n, --niveau <niveau>", `niveau géographique : ${NIVEAUX.join(", ")} (défaut : epci)`)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (id: string | undefined, raw) => {
      const options = parseOptions(optionsSchema, raw);
      const reporter = new Reporter();
      if (!id) {
        reporter.result(describeCatalogue());
        return;
      }
      const indicator = findIndicator(id);
      if (!indicator) throw new UsageError(`indicateur inconnu : « ${id} ».`, "« observatoire indicateurs » liste les identifiants.");
      reporter.result(await describeValues(indicator, options.niveau, options.sortie));
    });
}

function describeCatalogue(): string {
  const rows = INDICATORS.map((indicator) => [String(indicator.numero), indicator.id, indicator.libelle, THEMES[indicator.theme], indicator.unite, indicator.classe]);
  return alignColumns([["n°", "identifiant", "libellé", "thème", "unité", "classe"], ...rows], [0]).join("\n");
}

async function describeValues(indicator: Indicator, niveau: string, sortie: string): Promise<string> {
  if (!indicator.niveaux.includes((niveau === "perimetre" ? "epci" : niveau) as Indicator["niveaux"][number])) {
    throw new UsageError(`l'indicateur « ${indicator.id} » n'est pas publié au niveau ${libelleNiveau(niveau)}.`, `Niveaux possibles (--niveau) : ${indicator.niveaux.join(", ")}.`);
  }
  const warehouse = await openExistingWarehouse(sortie);
  if (!warehouse || !(await warehouse.tableExists("indicateurs"))) {
    warehouse?.close();
    throw new UsageError(`aucun indicateur calculé dans ${sortie}.`, "Lancez « observatoire calculer » ou « npm start ».");
  }
  try {
    const rows = await warehouse.all<{ code_geo: string; libelle_geo: string; millesime: string | null; valeur: number | null; statut: string; motif: string | null; rang_epci: number | null; ecart_departement: number | null; fiabilite: string | null; rattachement: string | null }>(
      "SELECT * FROM indicateurs WHERE id_indicateur = ? AND niveau = ? ORDER BY valeur DESC NULLS LAST, code_geo",
      [indicator.id, niveau],
    );
    const demo = await warehouse.one<{ demo: boolean }>("SELECT bool_or(demo) AS demo FROM journal_import WHERE remplace_par IS NULL");
    const format = formatNombre(indicator.decimales);
    const table = rows.map((row) => [
      row.code_geo, row.rattachement === "limitrophe" ? `${row.libelle_geo} (EPCI limitrophe)` : row.libelle_geo,
      row.valeur === null ? STATUS_MARKS[row.statut] ?? row.statut : `${format(row.valeur)}${row.fiabilite === "fragile" ? " (fragile)" : ""}`,
      row.rang_epci === null ? "" : String(row.rang_epci),
      row.ecart_departement === null ? "" : `${row.ecart_departement >= 0 ? "+" : ""}${format(row.ecart_departement)}`,
      row.millesime ?? "",
    ]);
    return [
      `${indicator.numero}. ${indicator.libelle} (${indicator.unite}) — niveau ${libelleNiveau(niveau)}`,
      demo?.demo ? "⚠ Données de démonstration : ces chiffres ne sont pas des statistiques officielles." : "",
      // A gap between two rates is in points, as on the site.
      ...alignColumns([["code", "territoire", "valeur", "rang", `écart au département (${indicator.unite === "%" ? "points" : indicator.unite})`, "millésime"], ...table], [2, 3, 4]),
      `Source : ${indicator.sources.join(" ; ")}.`,
    ].filter(Boolean).join("\n");
  } finally {
    warehouse.close();
  }
}
