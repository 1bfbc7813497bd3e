// `observatoire offre [--epci CODE]`: the social-offer analysis in the terminal — inventory and rates beside their
// references, access, need against offer, zones blanches. `--recalculer` reruns the analysis step first.
import type { Command } from "commander";
import { z } from "zod";
import { UsageError } from "../../pipelines/core/errors.ts";
import { findTerritory, readAllIndices, readOfferSummary, type Indices, type OfferSummary } from "../../pipelines/offer/read-summary.ts";
import { quadrantLibelle } from "../../pipelines/offer/quadrants.ts";
import { SEUILS_DISTANCE_KM, ZONE_BLANCHE_BESOIN_MIN, ZONE_BLANCHE_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";
import { formatEntier, formatNombre } from "../../pipelines/core/format-fr.ts";
import { openExistingWarehouse } from "../../pipelines/core/atomic-build.ts";
import type { Warehouse } from "../../pipelines/core/warehouse.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { runCommandSteps } from "../steps.ts";
import { alignColumns } from "../table.ts";

const optionsSchema = z.object({
  sortie: sortieOption,
  epci: z.string().regex(/^\d{9}$/, "code SIREN d'EPCI attendu (9 chiffres, ex. 200066926)").optional(),
  recalculer: z.boolean().default(false),
});

/** Zones blanches listed for the département; an EPCI shows all of its own. */
const ZONES_AFFICHEES = 15;

export function registerOffre(program: Command): void {
  program
    .command("offre")
    .description("affiche l'analyse de l'offre sociale : lieux et taux, accès, besoin et offre, zones blanches (département ou un EPCI)")
    .option("-e, --epci <code>", "un EPCI (code SIREN, ex. 200066926) au lieu du département")
    .option("-r, --recalculer", "refait l'analyse de l'offre et réécrit ses exports avant d'afficher, même si rien n'a changé")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .action(async (raw, command: Command) => {
      const options = parseOptions(optionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      // Without --recalculer the analysis still follows a new import or calculation: its step runs when its inputs changed.
      await runCommandSteps({ cibles: ["offre"], options: { sortie: options.sortie, commande: "offre" }, forcer: options.recalculer ? ["offre"] : undefined }, reporter);
      const warehouse = await openExistingWarehouse(options.sortie);
      if (!warehouse) throw new UsageError(`aucun entrepôt dans ${options.sortie}.`, "Lancez d'abord « npm start » ou « observatoire pipeline --donnees <dossier> ».");
      try {
        reporter.result(await describe(warehouse, options.epci));
      } finally {
        warehouse.close();
      }
    });
}

async function describe(warehouse: Warehouse, epci: string | undefined): Promise<string> {
  const territoire = epci ? await findTerritory(warehouse, "epci", epci) : await findTerritory(warehouse, "departement");
  if (!territoire) {
    const codes = await warehouse.all<{ code_geo: string; libelle_geo: string }>("SELECT DISTINCT code_geo, libelle_geo FROM calc_perimetre WHERE niveau = 'epci' ORDER BY libelle_geo");
    throw new UsageError(`EPCI inconnu du territoire : ${epci}.`, `Codes possibles : ${codes.map((row) => `${row.code_geo} (${row.libelle_geo})`).join(", ")}.`);
  }
  const summary = await readOfferSummary(warehouse, territoire);
  const lines = [...header(summary), "", ...inventory(summary), "", ...access(summary), ""];
  if (epci) lines.push(...indices(summary.indices), "");
  else lines.push(...epciQuadrants(await readAllIndices(warehouse, "epci")), "");
  lines.push(...whiteZones(summary, epci ? Infinity : ZONES_AFFICHEES));
  return lines.join("\n");
}

const decimal1 = formatNombre(1);
const decimal2 = formatNombre(2);
const signed = (value: number) => `${value > 0 ? "+" : ""}${decimal2(value)}`;
const orDash = (value: number | null, format: (value: number) => string) => (value === null ? "—" : format(value));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function header(summary: OfferSummary): string[] {
  const { territoire, departement } = summary;
  const title = territoire.niveau === "epci"
    ? `Offre sociale — ${territoire.libelle} (${territoire.code})${territoire.rattachement === "limitrophe" ? ", EPCI limitrophe" : ""} — ${formatEntier(territoire.nb_communes)} communes`
    : `Offre sociale — ${departement.libelle} (${departement.code}), ${formatEntier(territoire.nb_communes)} communes, géographie COG ${departement.geo_annee}`;
  const lines = [title];
  if (summary.demo) lines.push("⚠ Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
  lines.push(`Sources : ${summary.sources.map((source) => `${source.libelle_court} ${source.millesime ?? ""}`.trim()).join(" ; ")}.`);
  return lines;
}

function inventory(summary: OfferSummary): string[] {
  const reference = summary.territoire.niveau === "epci" ? "departement" : "region";
  const referenceLabel = reference === "departement" ? summary.departement.libelle : summary.departement.libelle_region;
  const rows: string[][] = [];
  let domaine = "";
  for (const ligne of summary.offre) {
    if (ligne.domaine !== domaine) {
      domaine = ligne.domaine;
      rows.push([ligne.domaine_libelle, "", "", "", "", ""]);
    }
    // An itinerant service's stops are its offer: they are the count, not an extra.
    const mobiles = ligne.itinerant ? 0 : ligne.nb_mobiles ?? 0;
    const extras = [mobiles ? `+${formatEntier(mobiles)} mobile${mobiles > 1 ? "s" : ""}` : "", ligne.nb_projets ? `+${formatEntier(ligne.nb_projets)} en projet` : ""].filter(Boolean);
    const lieux = ligne.effectif === null ? "—" : `${formatEntier(ligne.effectif)}${extras.length ? ` (${extras.join(", ")})` : ""}`;
    const taux = ligne.taux === null ? (ligne.statut === "manquant" ? "manquant" : "sans objet") : `${decimal1(ligne.taux)}${ligne.prudence ? " *" : ""}`;
    rows.push([`  ${ligne.libelle}`, lieux, taux, orDash(ligne.references[reference], decimal1), orDash(ligne.references.france, decimal1), ligne.unite]);
  }
  const notes = [];
  if (summary.offre.some((ligne) => ligne.prudence)) notes.push("* taux calculé sur 3 lieux ou moins : à lire avec prudence.");
  const missing = summary.offre.find((ligne) => ligne.statut === "manquant");
  if (missing?.motif) notes.push(`manquant : ${missing.motif}.`);
  return [
    `Lieux et taux pour la population concernée (lieux fixes ouverts ; mobiles et projets à part)`,
    ...alignColumns([["catégorie", "lieux", "taux", referenceLabel, "France", "unité"], ...rows], [2, 3, 4]),
    ...notes.map((note) => `  ${note}`),
  ];
}

function access(summary: OfferSummary): string[] {
  const title = "Accès : distance à vol d'oiseau du centre de chaque commune au lieu le plus proche (moyenne pondérée par la population)";
  const available = summary.acces.filter((ligne) => ligne.statut === "ok");
  if (!available.length) return [title, `  ${capitalise(summary.acces[0]?.motif ?? "aucune distance")}.`];
  const commune = summary.territoire.niveau === "commune";
  const rows = available.map((ligne) => [
    ligne.libelle, `${decimal1(ligne.distance_km!)} km`,
    ...(commune ? [ligne.lieu_proche ? `${ligne.lieu_proche} (${ligne.commune_lieu_proche})` : ""] : SEUILS_DISTANCE_KM.map((seuil) => `${decimal1(ligne.parts[String(seuil)]!)} %`)),
  ]);
  const heading = ["destination", "distance", ...(commune ? ["lieu le plus proche"] : SEUILS_DISTANCE_KM.map((seuil) => `> ${seuil} km`))];
  const partial = summary.acces.find((ligne) => ligne.statut !== "ok");
  return [title, ...alignColumns([heading, ...rows], commune ? [1] : [1, 2, 3, 4]), ...(partial?.motif ? [`  Autres destinations : ${partial.motif}.`] : [])];
}

function indices(item: Indices | null): string[] {
  if (!item) return [];
  const title = "Besoin et offre (0 = niveau du département ; écarts réduits, bornés à ±3)";
  if (item.statut !== "ok" && item.indice_besoin === null && item.indice_offre === null) return [title, `  ${item.motif}.`];
  const lines = [
    title,
    `  Indice de besoin : ${orDash(item.indice_besoin, signed)} · indice d'offre : ${orDash(item.indice_offre, signed)} · ${quadrantLibelle(item.quadrant)}`,
  ];
  const rows = item.composantes.map((composante) => [
    composante.indice, composante.indice === "besoin" ? `${composante.libelle} (${composante.mesure})` : composante.libelle, decimal1(composante.valeur), decimal1(composante.reference), signed(composante.ecart_reduit),
  ]);
  if (rows.length) lines.push(...alignColumns([["indice", "composante", "valeur", "département", "écart réduit"], ...rows], [2, 3, 4]));
  if (item.motif) lines.push(`  ${item.motif}.`);
  return lines;
}

function epciQuadrants(items: Indices[]): string[] {
  const rows = items
    .sort((a, b) => (b.indice_besoin ?? -Infinity) - (a.indice_besoin ?? -Infinity))
    .map((item) => [item.code, item.rattachement === "limitrophe" ? `${item.libelle} (limitrophe)` : item.libelle, orDash(item.indice_besoin, signed), orDash(item.indice_offre, signed), item.quadrant ? quadrantLibelle(item.quadrant) : item.motif ?? ""]);
  return ["Besoin et offre par EPCI (0 = niveau du département ; besoin > 0 : plus élevé, offre < 0 : plus faible)", ...alignColumns([["code", "EPCI", "besoin", "offre", "quadrant"], ...rows], [2, 3])];
}

function whiteZones(summary: OfferSummary, limit: number): string[] {
  const title = `Zones blanches : communes à plus de ${ZONE_BLANCHE_DISTANCE_KM} km de tout point d'accès aux droits et dont l'indice de besoin atteint ${decimal1(ZONE_BLANCHE_BESOIN_MIN)}`;
  if (!summary.contours) return [title, "  Non calculées : aucun contour de commune chargé, donc aucune distance (voir docs/offre-sociale.md)."];
  const zones = summary.zonesBlanches;
  if (!zones.length) return [title, "  Aucune commune ne remplit les deux conditions."];
  const rows = zones.slice(0, limit).map((zone) => [
    String(zone.rang), zone.libelle, zone.libelle_epci ?? "", orDash(zone.population, formatEntier), `${decimal1(zone.distance_km)} km`, signed(zone.indice_besoin),
    zone.resorbee_par_projet ? `oui (${zone.projet_proche}, ${decimal1(zone.distance_avec_projets!)} km)` : "non",
  ]);
  return [
    `${title} — ${formatEntier(zones.length)} commune${zones.length > 1 ? "s" : ""}${zones.length > limit ? ` (les ${limit} premières)` : ""}`,
    ...alignColumns([["rang", "commune", "EPCI", "population", "distance", "besoin", "résorbée par un projet"], ...rows], [0, 3, 4, 5]),
    "  Liste complète : sortie/exports/zones_blanches.csv (cible des tournées du camping-car connecté).",
  ];
}
