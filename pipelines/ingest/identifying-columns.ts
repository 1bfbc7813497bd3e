// Columns that identify a person never enter the warehouse in clear: an activity log holding one is refused,
// unless the officer asks for pseudonymisation (a salted hash replaces it before any row is stored).
import { DataError } from "../core/errors.ts";
import { normaliserEntete } from "../../sources/header-match.ts";

export type NatureIdentifiante = "nom" | "téléphone" | "adresse électronique" | "adresse" | "date de naissance" | "numéro personnel";

/** Patterns over the normalised header (lower case, no accents, punctuation as spaces), by what they reveal. */
const COLONNES_IDENTIFIANTES: { nature: NatureIdentifiante; motif: RegExp }[] = [
  { nature: "nom", motif: /^(nom|noms|prenom|prenoms|nom prenom|prenom nom|nom et prenom|nom complet|identite|beneficiaire|usager|appelant|nom d usage|nom de naissance|nom de famille|nom de jeune fille)( (de l |du |de la )?(appelant|usager|beneficiaire|personne|victime|contact|famille|foyer))?$/ },
  { nature: "téléphone", motif: /(^| )(telephone|tel|tel fixe|portable|mobile|gsm|fax|numero appelant|numero de l appelant|n appelant|numero de rappel)( |$)/ },
  { nature: "adresse électronique", motif: /(^| )(e ?mail|mail|mel|courriel|adresse electronique|adresse mail)( |$)/ },
  { nature: "adresse", motif: /(^| )(adresse|rue|voie|lieu dit|complement d adresse|numero de rue|boite postale)( |$)/ },
  { nature: "date de naissance", motif: /(^| )(date de naissance|naissance|ne le|nee le|ne e le)( |$)/ },
  { nature: "numéro personnel", motif: /(^| )(nir|numero de securite sociale|n de securite sociale|securite sociale|numero allocataire|n allocataire|matricule caf|numero fiscal)( |$)/ },
];

export interface ColonneIdentifiante {
  colonne: string;
  nature: NatureIdentifiante;
}

export function colonnesIdentifiantes(entete: readonly string[]): ColonneIdentifiante[] {
  return entete.flatMap((colonne) => {
    const normalised = normaliserEntete(colonne);
    const found = COLONNES_IDENTIFIANTES.find((entry) => entry.motif.test(normalised));
    return found ? [{ colonne, nature: found.nature }] : [];
  });
}

/** The refusal, naming the file and the first identifying column. */
export function refusIdentifiantes(fichier: string, colonnes: ColonneIdentifiante[]): DataError {
  const first = colonnes[0]!;
  const others = colonnes.slice(1).map((item) => `« ${item.colonne} »`);
  return new DataError(
    `colonne « ${first.colonne} » refusée : elle contient des données qui identifient une personne (${first.nature})` +
      `${others.length ? ` ; autre(s) colonne(s) refusée(s) : ${others.join(", ")}` : ""}. ` +
      "Les journaux d'activité n'entrent dans l'entrepôt qu'avec des identifiants pseudonymes.",
    { fichier, ligne: 1, colonne: first.colonne },
    "Supprimez ces colonnes de l'export, ou relancez avec --pseudonymiser (sel dans la variable OBSERVATOIRE_SEL ou un fichier indiqué par --sel, hors du dossier du projet) pour les remplacer par une empreinte salée.",
  );
}

/** Values that look like a telephone number or an e-mail address: never acceptable as a pseudonymous identifier. */
export const TELEPHONE = /(?:\+33[\s.-]?|0033[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/;
export const COURRIEL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
