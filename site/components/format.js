// French number and date formats for the pages: the same d3 locale as pipelines/core/format-fr.ts
// (12 345,6 ; 18,0 % ; « 28 novembre 2025 »), so the site shows exactly what the exports and the CLI show.
import {formatLocale, timeFormatLocale} from "d3";

const numbers = formatLocale({decimal: ",", thousands: "\u202f", grouping: [3], currency: ["", "\u00a0€"], percent: "\u202f%"});
const times = timeFormatLocale({
  dateTime: "%A %e %B %Y à %X", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["", ""],
  days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
  shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
});

export const formatEntier = numbers.format(",d");
export const formatNombre = (decimales) => numbers.format(`,.${decimales}f`);
const signed = (decimales) => numbers.format(`+,.${decimales}f`);
export const formatDate = times.format("%-d %B %Y");

/** Units written after the number; "indice" and "ratio" are named in the label, not repeated. */
const SUFFIXES = {
  "%": "\u202f%",
  "%/an": "\u202f% par an",
  "€": "\u00a0€",
  "habitants": "\u00a0habitants",
  "hab./km²": "\u00a0hab./km²",
  "personnes": "\u00a0personnes",
  "indice": "",
  "ratio": ""
};

export function suffixe(unite) {
  return unite in SUFFIXES ? SUFFIXES[unite] : `\u00a0${unite}`;
}

/** The figure alone, with the indicator's decimals: what indicateurs.csv holds, written the French way. */
export function nombre(valeur, indicateur) {
  return valeur == null ? "" : formatNombre(indicateur.decimales)(valeur);
}

/** The figure and its unit: « 18,0 % », « 21 340 € », « 12,5 pour 100 ». */
export function valeurAvecUnite(valeur, indicateur) {
  return valeur == null ? "" : `${nombre(valeur, indicateur)}${suffixe(indicateur.unite)}`;
}

/** Short suffixes for table cells, whose column or row already names the unit. */
const SHORT = {"%": "\u202f%", "%/an": "\u202f%", "€": "\u00a0€"};

export function valeurCourte(valeur, indicateur) {
  return valeur == null ? "" : `${nombre(valeur, indicateur)}${SHORT[indicateur.unite] ?? ""}`;
}

/** A change between two census vintages: rates move in points, other values in their unit. */
export function evolutionTexte(valeur, indicateur, {court = false} = {}) {
  if (valeur?.evolution == null) return "";
  const change = signed(indicateur.decimales)(valeur.evolution);
  const unit = indicateur.unite === "%" ? "\u00a0pt" : court ? (SHORT[indicateur.unite] ?? "") : suffixe(indicateur.unite);
  return court ? `${change}${unit}` : `${change}${unit} depuis ${valeur.millesime_precedent}`;
}

/** French ordinal for a rank, with superscript letters as French typography writes them: « 1ᵉʳ », « 2ᵉ ». */
export function rang(n) {
  return n === 1 ? "1ᵉʳ" : `${n}ᵉ`;
}

/** « 1ᵉʳ janvier 2025 », the date of a geography. */
export function premierJanvier(annee) {
  return `1ᵉʳ janvier ${annee}`;
}

/** A signed change with the indicator's decimals and a unit word: « +2,2 points », « −150 € ». */
export function variation(valeur, indicateur) {
  const change = signed(indicateur.decimales)(valeur);
  if (indicateur.unite === "%") return `${change}\u00a0point${Math.abs(Number(valeur.toFixed(indicateur.decimales))) >= 2 ? "s" : ""}`;
  return `${change}${suffixe(indicateur.unite)}`;
}

/** The figure as indicateurs.csv holds it, for sentences that cite it. */
export const signe = (decimales) => signed(decimales);

/** « 1 commune », « 12 communes » (French: 0 and 1 take the singular). */
export function pluriel(n, singulier, pluriel = `${singulier}s`) {
  return `${formatEntier(n)}\u00a0${n > 1 ? pluriel : singulier}`;
}

/** The verb agreeing with a count: accord(1, "est", "sont"). */
export function accord(n, singulier, pluriel) {
  return n > 1 ? pluriel : singulier;
}
