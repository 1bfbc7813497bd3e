// The demo logs as the GIP's office tools export them (docs/journaux-activite.md): some in Latin-1 with ";" and
// French dates and decimal commas (a spreadsheet's "CSV (séparateur : point-virgule)"), some in UTF-8 with ","
// and ISO dates (the web tools' exports). The importer meets the same variety with real exports.
import { csvText, encodeText, type Cell } from "../formats.ts";
import { frenchDate, frenchDateTime, isoDate, isoMonth } from "./calendar.ts";
import type { Journaux } from "./logs.ts";

export const DOSSIER_ACTIVITE = "gip-activite";

interface Format {
  nom: (annee: number) => string;
  encodage: "latin1" | "utf8";
  bom?: boolean;
  separateur: ";" | ",";
  eol: "\r\n" | "\n";
  entete: string[];
  lignes: (journaux: Journaux, annee: number) => Cell[][];
}

const virgule = (value: number) => String(value).replace(".", ",");

const FORMATS: Format[] = [
  {
    nom: (annee) => `appels-nvs-${annee}.csv`, encodage: "latin1", separateur: ";", eol: "\r\n",
    entete: ["Date et heure", "Ligne", "Durée (min)", "Code commune appelant", "Motif", "Suite donnée", "Identifiant appel"],
    lignes: ({ appels }) => appels.map((a) => [frenchDateTime(a.quand), a.ligne, virgule(a.duree), a.commune ?? (a.ligne === "Numéro Vert" ? "inconnue" : ""), a.motif, a.suite, a.id]),
  },
  {
    nom: (annee) => `interactions-${annee}.csv`, encodage: "utf8", separateur: ",", eol: "\n",
    entete: ["Date", "Interaction", "Identifiant appel"],
    lignes: ({ interactions }) => interactions.map((i) => [isoDate(i.jour), i.type, i.idAppel ?? ""]),
  },
  {
    nom: (annee) => `appels-courtoisie-${annee}.csv`, encodage: "utf8", bom: true, separateur: ";", eol: "\r\n",
    entete: ["Date de l'appel", "Identifiant personne", "Code commune"],
    lignes: ({ courtoisie }) => courtoisie.map((c) => [frenchDate(c.jour), c.personne, c.commune]),
  },
  {
    nom: (annee) => `colis-alimentaires-${annee}.csv`, encodage: "latin1", separateur: ";", eol: "\r\n",
    entete: ["Date de remise", "Identifiant foyer", "Code commune", "Canal"],
    lignes: ({ colis }) => colis.map((c) => [frenchDate(c.jour), c.foyer, c.commune, c.canal]),
  },
  {
    nom: (annee) => `camping-car-connecte-${annee}.csv`, encodage: "utf8", separateur: ",", eol: "\n",
    entete: ["Date", "Commune de l'étape", "Personnes reçues", "Heures de présence"],
    lignes: ({ campingCar }) => campingCar.map((e) => [isoDate(e.jour), e.commune, e.personnes, e.heures]),
  },
  {
    nom: (annee) => `fiches-violences-${annee}.csv`, encodage: "latin1", separateur: ";", eol: "\r\n",
    entete: ["Date de la fiche", "Code commune", "Code EPCI", "Type de violence"],
    lignes: ({ fiches }) => fiches.map((f) => [frenchDate(f.jour), f.commune ?? "", f.epci ?? "", f.type]),
  },
  {
    nom: (annee) => `site-internet-${annee}.csv`, encodage: "utf8", separateur: ",", eol: "\n",
    entete: ["Mois", "Pages vues", "Téléchargements", "Contacts visiteurs"],
    lignes: ({ web }, annee) => web.map((m) => [isoMonth(annee, m.mois), m.pagesVues, m.telechargements, m.contactsVisiteurs]),
  },
];

export function fichiersActivite(annee: number, journaux: Journaux): { chemin: string; data: Buffer; lignes: number }[] {
  return FORMATS.map((format) => {
    const rows = format.lignes(journaux, annee);
    const text = csvText(format.entete, rows, { separator: format.separateur, eol: format.eol });
    return { chemin: `${DOSSIER_ACTIVITE}/${format.nom(annee)}`, data: encodeText(text, { encoding: format.encodage, bom: format.bom }), lignes: rows.length };
  });
}
