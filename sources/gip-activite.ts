// The GIP Gers Solidaire's own activity logs, one definition per log (formats: docs/journaux-activite.md).
// Each is recognised by its French header; its year is read from the file or folder name ("appels-nvs-2020.csv").
import { motifEntete, normaliserEntete } from "./header-match.ts";
import { yearIn } from "./variable-names.ts";
import type { ChampJournal, JournalSource } from "./definition.ts";
import {
  CANAUX_COLIS, COMMUNE_INCONNUE, LIGNES, MOTIFS_APPEL, SUITES_APPEL, TYPES_INTERACTION, TYPES_VIOLENCE, type Nomenclature,
} from "./gip-nomenclatures.ts";

const GIP = {
  producteur: "GIP Gers Solidaire",
  licence: "Données internes du GIP, jamais diffusées ligne à ligne",
  publication: "export du logiciel de suivi du GIP, au format décrit dans docs/journaux-activite.md",
};

type Journal = Omit<JournalSource, "forme" | "signature" | "millesime" | "geoAnnee" | "producteur" | "licence" | "publication">;

/** The columns marked "reconnaissance" make the signature; the year comes from the path, the geography is that year's. */
function journal(definition: Journal): JournalSource {
  return {
    ...GIP,
    ...definition,
    forme: "journal",
    signature: definition.champs.filter((champ) => champ.reconnaissance).map((champ) => motifEntete(...champ.colonnes)),
    millesime: (context) => yearIn(context.chemin),
    geoAnnee: (millesime) => millesime,
  };
}

const date = (cible: string, colonnes: string[], reconnaissance = false): ChampJournal =>
  ({ cible, colonnes, type: "date", obligatoire: true, reconnaissance });
const categorie = (cible: string, colonnes: string[], valeurs: Nomenclature, reconnaissance = false): ChampJournal =>
  ({ cible, colonnes, type: "categorie", obligatoire: true, valeurs, reconnaissance });

export const gipAppels = journal({
  id: "gip_appels",
  libelle: "Appels de la plateforme du Numéro Vert Social",
  grain: "une ligne par appel reçu (Numéro Vert, ligne interne, Allo info élus)",
  nom: /appels?[-_ ]?(nvs|numero[-_ ]?vert)/i,
  table: "gip_appels",
  date: "date_heure",
  champs: [
    { cible: "date_heure", colonnes: ["Date et heure", "Date et heure de l'appel", "Date heure"], type: "date_heure", obligatoire: true, reconnaissance: true },
    categorie("ligne_telephonique", ["Ligne", "Ligne téléphonique"], LIGNES, true),
    // No call of the social line lasts a working day.
    { cible: "duree_min", colonnes: ["Durée (min)", "Durée en minutes", "Durée"], type: "duree", obligatoire: false, max: 480 },
    { cible: "code_commune", colonnes: ["Code commune appelant", "Code commune de l'appelant"], type: "commune", obligatoire: false, inconnu: COMMUNE_INCONNUE },
    categorie("motif", ["Motif", "Motif de l'appel"], MOTIFS_APPEL, true),
    categorie("suite", ["Suite donnée", "Suite"], SUITES_APPEL),
    { cible: "id_appel", colonnes: ["Identifiant appel", "N° appel"], type: "identifiant", obligatoire: false, unique: true },
  ],
});

export const gipInteractions = journal({
  id: "gip_interactions",
  libelle: "Interactions avec les usagers (courriels, courriers, rappels, visites)",
  grain: "une ligne par interaction, reliée ou non à un appel",
  nom: /interactions?/i,
  table: "gip_interactions",
  date: "date",
  champs: [
    date("date", ["Date", "Date de l'interaction"]),
    categorie("type_interaction", ["Interaction", "Type d'interaction"], TYPES_INTERACTION, true),
    {
      cible: "id_appel", colonnes: ["Identifiant appel", "N° appel"], type: "identifiant", obligatoire: false,
      reference: { table: "gip_appels", cible: "id_appel", libelle: "appels du Numéro Vert Social" },
    },
  ],
});

export const gipCourtoisie = journal({
  id: "gip_courtoisie",
  libelle: "Appels de courtoisie aux personnes isolées",
  grain: "une ligne par appel de courtoisie passé",
  nom: /courtoisie/i,
  table: "gip_courtoisie",
  date: "date",
  pseudonyme: "id_personne",
  champs: [
    date("date", ["Date de l'appel", "Date appel"], true),
    { cible: "id_personne", colonnes: ["Identifiant personne", "Personne (identifiant)"], type: "identifiant", obligatoire: true },
    { cible: "code_commune", colonnes: ["Code commune"], type: "commune", obligatoire: true, reconnaissance: true },
  ],
});

export const gipColis = journal({
  id: "gip_colis",
  libelle: "Colis d'aide alimentaire remis",
  grain: "une ligne par colis remis à un foyer",
  nom: /colis/i,
  table: "gip_colis",
  date: "date",
  pseudonyme: "id_foyer",
  champs: [
    date("date", ["Date de remise", "Date"], true),
    { cible: "id_foyer", colonnes: ["Identifiant foyer", "Foyer (identifiant)"], type: "identifiant", obligatoire: true },
    { cible: "code_commune", colonnes: ["Code commune"], type: "commune", obligatoire: true },
    categorie("canal", ["Canal", "Canal de la demande"], CANAUX_COLIS, true),
  ],
});

export const gipCampingCar = journal({
  id: "gip_camping_car",
  libelle: "Étapes du camping-car connecté",
  grain: "une ligne par jour d'étape du camping-car",
  nom: /camping[-_ ]?car/i,
  table: "gip_camping_car",
  date: "date",
  champs: [
    date("date", ["Date", "Date de l'étape"]),
    { cible: "code_commune", colonnes: ["Commune de l'étape", "Code commune de l'étape"], type: "commune", obligatoire: true, reconnaissance: true },
    { cible: "personnes", colonnes: ["Personnes reçues", "Nombre de personnes reçues"], type: "entier", obligatoire: true, reconnaissance: true, max: 500 },
    { cible: "heures", colonnes: ["Heures de présence", "Durée de l'étape (h)"], type: "decimal", obligatoire: true, max: 24 },
  ],
});

export const gipViolences = journal({
  id: "gip_violences",
  libelle: "Fiches de l'observatoire des violences faites aux femmes",
  grain: "une ligne par fiche reçue, située par sa commune ou son EPCI",
  nom: /violences?/i,
  table: "gip_violences",
  date: "date",
  auMoinsUn: ["code_commune", "code_epci"],
  champs: [
    date("date", ["Date de la fiche", "Date"], true),
    { cible: "code_commune", colonnes: ["Code commune"], type: "commune", obligatoire: false, inconnu: COMMUNE_INCONNUE },
    { cible: "code_epci", colonnes: ["Code EPCI", "EPCI (SIREN)"], type: "epci", obligatoire: false },
    categorie("type_violence", ["Type de violence", "Violence"], TYPES_VIOLENCE, true),
  ],
});

export const gipSiteWeb = journal({
  id: "gip_site_web",
  libelle: "Statistiques mensuelles du site internet",
  grain: "une ligne par mois",
  nom: /site[-_ ]?(internet|web)/i,
  table: "gip_site_web",
  date: "mois",
  champs: [
    { cible: "mois", colonnes: ["Mois"], type: "mois", obligatoire: true, reconnaissance: true },
    { cible: "pages_vues", colonnes: ["Pages vues"], type: "entier", obligatoire: true, reconnaissance: true, max: 1e8 },
    { cible: "telechargements", colonnes: ["Téléchargements"], type: "entier", obligatoire: true, max: 1e8 },
    { cible: "contacts_visiteurs", colonnes: ["Contacts visiteurs", "Contacts"], type: "entier", obligatoire: true, max: 1e7 },
  ],
});

export const GIP_JOURNAUX: JournalSource[] = [gipAppels, gipInteractions, gipCourtoisie, gipColis, gipCampingCar, gipViolences, gipSiteWeb];

// A spelling listed under two categories of one field would make the stored label depend on the list's order.
for (const source of GIP_JOURNAUX) {
  for (const champ of source.champs) {
    const seen = new Map<string, string>();
    for (const [libelle, variantes] of Object.entries(champ.valeurs ?? {})) {
      for (const variante of [libelle, ...variantes]) {
        const key = normaliserEntete(variante);
        if (seen.has(key) && seen.get(key) !== libelle) throw new Error(`${source.id}.${champ.cible} : « ${variante} » est rangé sous deux catégories.`);
        seen.set(key, libelle);
      }
    }
  }
}
