// The activity report in French, as sections of text and tables: the terminal and Markdown render the same
// sections; the CSV holds the same figures in long form (one row per figure) for spreadsheets.
import { safeCell } from "../core/safe-cells.ts";
import { formatEntier, formatNombre } from "../core/format-fr.ts";
import type { Chiffre, Rapport } from "./report.ts";

export interface Tableau {
  entete: string[];
  lignes: string[][];
  /** Columns holding numbers (right-aligned). */
  nombres: number[];
}

export interface Section {
  titre: string;
  paragraphes: string[];
  tableau?: Tableau;
}

const MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
export const AVERTISSEMENT_DEMO = "⚠ Données de démonstration : ces chiffres ne sont pas des statistiques officielles.";
export const NOTE_SECRET =
  "« secret » : effectif de 1 à 4, masqué, ou masqué en complément pour qu'un tel effectif ne puisse se déduire des totaux ; « — » : journal non chargé pour cette année.";

/** A figure as shown: 4 819, or « secret », or « — ». */
export function afficher(chiffre: Chiffre, decimales = 0, unite = ""): string {
  if (chiffre.statut === "secret") return "secret";
  if (chiffre.statut === "manquant" || chiffre.valeur === null) return "—";
  const text = decimales ? formatNombre(decimales)(chiffre.valeur) : formatEntier(Math.round(chiffre.valeur));
  return unite ? `${text} ${unite}` : text;
}

/** A change in % with its sign: +69 %, −5 %. */
export function afficherEvolution(evolution: number | null): string {
  if (evolution === null) return "—";
  const rounded = Math.round(evolution);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${formatEntier(Math.abs(rounded))}\u202f%`;
}

/** A rate, or the status of the count it comes from. */
const taux = (value: number | null, base?: Chiffre, decimales = 1) => (value !== null ? formatNombre(decimales)(value) : base?.statut === "secret" ? "secret" : "—");
const ok = (chiffre: Chiffre) => chiffre.statut === "ok";

export function titreRapport(rapport: Rapport): string {
  return `Rapport d'activité ${rapport.annee} — GIP Gers Solidaire (${rapport.territoire.libelle})`;
}

/** The report's opening sentence, from the figures that are published. */
export function resume(rapport: Rapport): string {
  const figure = (id: string) => rapport.chiffresCles.find((item) => item.id === id)!;
  const parts: string[] = [];
  const nvs = figure("appels_numero_vert");
  if (ok(nvs.annee)) parts.push(`${afficher(nvs.annee, 0, "appels au Numéro Vert Social")}${nvs.evolution === null ? "" : ` (${afficherEvolution(nvs.evolution)} par rapport à ${rapport.anneePrecedente})`}`);
  for (const [id, unite] of [["interactions", "interactions avec les usagers"], ["appels_courtoisie", "appels de courtoisie"], ["colis", "colis alimentaires"], ["fiches_violences", "fiches de l'observatoire des violences"]] as const) {
    if (ok(figure(id).annee)) parts.push(afficher(figure(id).annee, 0, unite));
  }
  const camping = rapport.campingCar;
  const car = [ok(camping.jours) ? afficher(camping.jours, 0, "jours") : "", ok(camping.personnes) ? afficher(camping.personnes, 0, "personnes reçues") : ""].filter(Boolean);
  return `En ${rapport.annee} : ${parts.join(", ")}${car.length ? ` ; camping-car connecté : ${car.join(", ")}` : ""}.`;
}

export function sectionsRapport(rapport: Rapport): Section[] {
  const { annee, anneePrecedente } = rapport;
  const sections: Section[] = [];
  sections.push({
    titre: "Chiffres clés",
    paragraphes: [resume(rapport)],
    tableau: {
      entete: ["", String(annee), String(anneePrecedente), "évolution"],
      lignes: rapport.chiffresCles.map((item) => [item.libelle, afficher(item.annee, 0, item.unite), afficher(item.precedente, 0, item.unite), afficherEvolution(item.evolution)]),
      nombres: [1, 2, 3],
    },
  });
  const semaines = formatNombre(1)((Date.UTC(annee + 1, 0, 1) - Date.UTC(annee, 0, 1)) / 86_400_000 / 7);
  sections.push({
    titre: `Moyennes hebdomadaires (${annee}, ${semaines} semaines)`,
    paragraphes: [],
    tableau: { entete: ["", "par semaine"], lignes: rapport.moyennesHebdomadaires.map((item) => [item.libelle, afficher(item.valeur, 1)]), nombres: [1] },
  });
  const series = rapport.serieMensuelle;
  if (series.length) {
    sections.push({
      titre: "Série mensuelle",
      paragraphes: [],
      tableau: {
        entete: ["mois", ...series.map((serie) => `${serie.court} ${serie.annee}`)],
        lignes: MOIS.map((mois, index) => [mois, ...series.map((serie) => afficher(serie.mois[index]!))]),
        nombres: series.map((_, index) => index + 1),
      },
    });
  }
  for (const repartition of rapport.repartitions) {
    sections.push({
      titre: `${repartition.libelle} (${annee})`,
      paragraphes: [],
      tableau: {
        entete: ["", "effectif", "part (%)"],
        lignes: repartition.categories.map((category) => [category.libelle, afficher(category.chiffre), taux(category.part, category.chiffre)]),
        nombres: [1, 2],
      },
    });
  }
  const recensement = rapport.millesimeRecensement ? ` (ménages et femmes du recensement ${rapport.millesimeRecensement})` : "";
  sections.push({
    titre: `Par EPCI (${annee})`,
    paragraphes: [
      `Appels au Numéro Vert Social et colis alimentaires pour 1 000 ménages, fiches de l'observatoire des violences pour 10 000 femmes de 15 à 64 ans${recensement}. ` +
        "Les communes des EPCI à cheval sur le département ne comptent que dans le total départemental ; les appels sans commune connue ou venus d'ailleurs n'y figurent pas.",
    ],
    tableau: {
      entete: ["territoire", "ménages", "appels", "pour 1 000 ménages", "colis", "pour 1 000 ménages", "fiches", "pour 10 000 femmes", "jours de camping-car", "personnes reçues"],
      lignes: rapport.territoires.map((row) => [
        row.niveau === "departement" ? `${row.libelle} (département)` : row.libelle,
        row.menages === null ? "—" : formatEntier(Math.round(row.menages)),
        afficher(row.appels), taux(row.appelsPour1000Menages, row.appels), afficher(row.colis), taux(row.colisPour1000Menages, row.colis),
        afficher(row.fiches), taux(row.fichesPour10000Femmes, row.fiches), afficher(row.campingJours), afficher(row.campingPersonnes),
      ]),
      nombres: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    },
  });
  const camping = rapport.campingCar;
  sections.push({
    titre: `Camping-car connecté (${annee})`,
    paragraphes: [],
    tableau: {
      entete: ["", String(annee)],
      lignes: [
        ["Jours de présence", afficher(camping.jours, 0, "jours")],
        ["Personnes reçues", afficher(camping.personnes, 0, "personnes")],
        ["Heures de présence", afficher(camping.heures, 1, "h")],
        ["Communes étapes", afficher(camping.communes)],
        ["Personnes reçues par jour", afficher(camping.personnesParJour, 1)],
        ["Heures de présence par jour", afficher(camping.heuresParJour, 1, "h")],
      ],
      nombres: [1],
    },
  });
  sections.push({ titre: "Règles de confidentialité", paragraphes: [NOTE_SECRET, "Les fiches de l'observatoire des violences ne sont publiées qu'au niveau de l'EPCI et au-dessus ; aucune sortie ne contient de ligne des journaux ni d'identifiant."] });
  return sections;
}

export function rapportMarkdown(rapport: Rapport): string {
  const escape = (text: string) => text.replaceAll("|", "\\|");
  const lines = [`# ${titreRapport(rapport)}`, ""];
  if (rapport.demo) lines.push(`> ${AVERTISSEMENT_DEMO}`, "");
  for (const section of sectionsRapport(rapport)) {
    lines.push(`## ${section.titre}`, "");
    for (const paragraphe of section.paragraphes) lines.push(paragraphe, "");
    if (section.tableau) {
      const { entete, lignes, nombres } = section.tableau;
      lines.push(`| ${entete.map(escape).join(" | ")} |`);
      lines.push(`|${entete.map((_, index) => (nombres.includes(index) ? "---:" : "---")).join("|")}|`);
      for (const row of lignes) lines.push(`| ${row.map(escape).join(" | ")} |`);
      lines.push("");
    }
  }
  lines.push(`*Source : GIP Gers Solidaire, journaux d'activité ${rapport.annee} et ${rapport.anneePrecedente}${rapport.millesimeRecensement ? ` ; Insee, recensement ${rapport.millesimeRecensement}` : ""}.*`, "");
  return lines.join("\n");
}

/** Long form: one row per published figure, numbers with a decimal point (for spreadsheets and scripts). */
export function rapportCsv(rapport: Rapport): string {
  const header = ["section", "indicateur", "libelle", "categorie", "niveau", "code_geo", "annee", "mois", "valeur", "statut", "unite"];
  const rows: (string | number | null)[][] = [];
  const push = (section: string, indicateur: string, libelle: string, chiffre: Chiffre, extra: { categorie?: string; niveau?: string; code?: string; annee: number; mois?: number; unite?: string }) =>
    rows.push([section, indicateur, libelle, extra.categorie ?? "", extra.niveau ?? "", extra.code ?? "", extra.annee, extra.mois ?? "", chiffre.valeur === null ? "" : round(chiffre.valeur), chiffre.statut, extra.unite ?? ""]);
  for (const item of rapport.chiffresCles) {
    push("chiffres_cles", item.id, item.libelle, item.annee, { annee: rapport.annee, unite: item.unite });
    push("chiffres_cles", item.id, item.libelle, item.precedente, { annee: rapport.anneePrecedente, unite: item.unite });
    if (item.evolution !== null) push("evolution", item.id, `${item.libelle} : évolution`, { valeur: item.evolution, statut: "ok" }, { annee: rapport.annee, unite: "%" });
  }
  for (const item of rapport.moyennesHebdomadaires) push("moyennes_hebdomadaires", item.id, item.libelle, item.valeur, { annee: rapport.annee, unite: "par semaine" });
  for (const serie of rapport.serieMensuelle) serie.mois.forEach((chiffre, index) => push("serie_mensuelle", serie.id, serie.libelle, chiffre, { annee: serie.annee, mois: index + 1 }));
  for (const repartition of rapport.repartitions) {
    for (const category of repartition.categories) push("repartition", repartition.id, repartition.libelle, category.chiffre, { categorie: category.libelle, annee: rapport.annee });
  }
  for (const row of rapport.territoires) {
    const where = { niveau: row.niveau, code: row.code, annee: rapport.annee };
    const rate = (value: number | null, chiffre: Chiffre): Chiffre => (value === null ? { valeur: null, statut: chiffre.statut } : { valeur: value, statut: "ok" });
    push("territoires", "appels_numero_vert", row.libelle, row.appels, { ...where, unite: "appels" });
    push("territoires", "appels_pour_1000_menages", row.libelle, rate(row.appelsPour1000Menages, row.appels), { ...where, unite: "pour 1 000 ménages" });
    push("territoires", "colis", row.libelle, row.colis, { ...where, unite: "colis" });
    push("territoires", "colis_pour_1000_menages", row.libelle, rate(row.colisPour1000Menages, row.colis), { ...where, unite: "pour 1 000 ménages" });
    push("territoires", "fiches_violences", row.libelle, row.fiches, { ...where, unite: "fiches" });
    push("territoires", "fiches_pour_10000_femmes", row.libelle, rate(row.fichesPour10000Femmes, row.fiches), { ...where, unite: "pour 10 000 femmes de 15 à 64 ans" });
    push("territoires", "camping_jours", row.libelle, row.campingJours, { ...where, unite: "jours" });
    push("territoires", "camping_personnes", row.libelle, row.campingPersonnes, { ...where, unite: "personnes" });
  }
  for (const [id, libelle, chiffre, unite] of [
    ["camping_heures", "Camping-car connecté : heures de présence", rapport.campingCar.heures, "heures"],
    ["camping_communes", "Camping-car connecté : communes étapes", rapport.campingCar.communes, "communes"],
    ["camping_personnes_par_jour", "Camping-car connecté : personnes reçues par jour", rapport.campingCar.personnesParJour, "personnes par jour"],
    ["interactions_reliees", "Interactions reliées à un appel", rapport.interactionsReliees, "interactions"],
  ] as const) push("details", id, libelle, chiffre, { annee: rapport.annee, unite });
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : typeof value === "string" ? safeCell(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

const round = (value: number) => Math.round(value * 1_000) / 1_000;
