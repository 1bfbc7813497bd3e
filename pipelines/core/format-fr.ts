// French number and date formats (12 345,6 ; 18,0 % ; 28/11/2026), shared by the CLI, exports and site.
import { formatLocale } from "d3";
import { timeFormatLocale } from "d3";

const numbers = formatLocale({ decimal: ",", thousands: "\u202f", grouping: [3], currency: ["", "\u00a0€"], percent: "\u202f%" });
const times = timeFormatLocale({
  dateTime: "%A %e %B %Y à %X", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["", ""],
  days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
  shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
});

export const formatEntier = numbers.format(",d");
export const formatNombre = (decimales: number) => numbers.format(`,.${decimales}f`);
export const formatDateHeure = times.format("%d/%m/%Y à %H:%M");

/** Seconds with one decimal: « 1,4 s ». */
export function formatDuree(millisecondes: number): string {
  return `${formatNombre(1)(millisecondes / 1000)}\u00a0s`;
}

/** A geographic level as a reader writes it (the data keep « departement », « region » as identifiers). */
const NIVEAUX: Record<string, string> = { commune: "commune", epci: "EPCI", departement: "département", region: "région", france: "France" };

export function libelleNiveau(niveau: string): string {
  return NIVEAUX[niveau] ?? niveau;
}

/** Units written after a figure, as the site writes them (site/components/format.js): « 18,0 % », « 21 340 € ». */
const SUFFIXES: Record<string, string> = {
  "%": "\u202f%",
  "%/an": "\u202f% par an",
  "€": "\u00a0€",
  habitants: "\u00a0habitants",
  "hab./km²": "\u00a0hab./km²",
  personnes: "\u00a0personnes",
  indice: "",
  ratio: "",
};

export function suffixeUnite(unite: string): string {
  return unite in SUFFIXES ? SUFFIXES[unite]! : `\u00a0${unite}`;
}

/** A figure with its indicator's decimals and unit. */
export function formatValeur(valeur: number, { unite, decimales }: { unite: string; decimales: number }): string {
  return `${formatNombre(decimales)(valeur)}${suffixeUnite(unite)}`;
}

/** A signed change with its indicator's decimals: « +2,2 », « −0,4 » (a true minus sign, as the site writes it). */
export function formatSigne(valeur: number, decimales: number): string {
  return numbers.format(`+,.${decimales}f`)(valeur);
}
