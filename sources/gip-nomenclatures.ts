// The closed lists of the GIP's activity logs: canonical label → other spellings met in exports.
// A closed list keeps free text (which may name a person) out of the warehouse and out of every published table.
// Adding a category = one line here (and in docs/journaux-activite.md).

export type Nomenclature = Record<string, string[]>;

/** The three telephone lines of the Numéro Vert Social platform. */
export const LIGNES: Nomenclature = {
  "Numéro Vert": ["NVS", "Numéro Vert Social", "Numéro Vert Social (0 800)", "0800"],
  "Ligne interne": ["Interne", "Ligne interne GIP"],
  "Allo info élus": ["Allô info élus", "Info élus", "Ligne élus"],
};

export const LIGNE_NUMERO_VERT = "Numéro Vert";

export const MOTIFS_APPEL: Nomenclature = {
  "Accès aux droits": ["Droits", "Accès aux droits sociaux"],
  "Aide alimentaire": ["Alimentation", "Colis alimentaire"],
  "Logement, hébergement": ["Logement", "Hébergement"],
  "Santé": ["Soins"],
  "Isolement, soutien moral": ["Isolement", "Soutien moral", "Écoute"],
  "Budget, dettes": ["Budget", "Dettes", "Surendettement"],
  "Emploi, formation": ["Emploi", "Formation"],
  "Violences": ["Violence", "Violences intrafamiliales"],
  "Démarches administratives": ["Démarches", "Administratif"],
  "Information Covid-19": ["Covid", "Covid-19", "Coronavirus"],
  "Autre": ["Divers"],
};

export const SUITES_APPEL: Nomenclature = {
  "Information donnée": ["Information", "Renseignement"],
  "Orientation vers un partenaire": ["Orientation"],
  "Rappel programmé": ["Rappel"],
  "Courrier ou courriel envoyé": ["Courrier", "Courriel", "Envoi de documents"],
  "Rendez-vous ou visite": ["Rendez-vous", "Visite"],
  "Aucune suite": ["Aucune", "Sans suite"],
};

export const TYPES_INTERACTION: Nomenclature = {
  "Courriel": ["Mail", "E-mail", "Email", "Mél"],
  "Courrier": ["Lettre"],
  "Rappel": ["Rappel téléphonique", "Call-back"],
  "Visite": ["Visite à domicile", "Accueil physique", "Rendez-vous"],
};

export const CANAUX_COLIS: Nomenclature = {
  "Numéro Vert": ["NVS", "Numéro Vert Social"],
  "CCAS": ["Mairie", "Mairie, CCAS"],
  "Travailleur social": ["Assistante sociale", "Assistant social", "Travailleuse sociale"],
  "Association": ["Associations"],
  "Autre": ["Divers"],
};

export const TYPES_VIOLENCE: Nomenclature = {
  "Physique": ["Physiques"],
  "Psychologique": ["Psychologiques", "Verbale"],
  "Sexuelle": ["Sexuelles"],
  "Économique": ["Économiques", "Financière"],
  "Administrative": ["Administratives"],
  "Autre": ["Divers"],
};

/** What the logs write for a caller or a report whose commune is not known. */
export const COMMUNE_INCONNUE = ["inconnue", "inconnu", "non connue", "non renseignée", "nc", "nr", "?", "-"];
