// The meta_ dictionaries INSEE ships beside each data file, in the same archive: one row per variable, then one per
// code of the coded variables (CODGEO: one per territory). Header, separator and line ends as published; the labels
// are those of INSEE's dictionaries (meta_dossier_complet 2024, meta_cc_filosofi_2019), their year made the demo's.

/** Census stems (P_… principal, C_… complementary exploitation): short and long label, {annee} and {avant} filled in. */
const CENSUS_LABELS: Record<string, [string, string]> = {
  P_POP: ["Population en {annee} (princ)", "Population en {annee}"],
  P_POP0014: ["Pop 0-14 ans en {annee} (princ)", "Nombre de personnes de 0 à 14 ans en {annee}"],
  P_POP1529: ["Pop 15-29 ans en {annee} (princ)", "Nombre de personnes de 15 à 29 ans en {annee}"],
  P_POP3044: ["Pop 30-44 ans en {annee} (princ)", "Nombre de personnes de 30 à 44 ans en {annee}"],
  P_POP4559: ["Pop 45-59 ans en {annee} (princ)", "Nombre de personnes de 45 à 59 ans en {annee}"],
  P_POP6074: ["Pop 60-74 ans en {annee} (princ)", "Nombre de personnes de 60 à 74 ans en {annee}"],
  P_POP7589: ["Pop 75-89 ans en {annee} (princ)", "Nombre de personnes de 75 à 89 ans en {annee}"],
  P_POP90P: ["Pop 90 ans ou plus en {annee} (princ)", "Nombre de personnes de 90 ans ou plus en {annee}"],
  P_POPH: ["Pop Hommes en {annee} (princ)", "Nombre total d'hommes en {annee}"],
  P_POPF: ["Pop Femmes en {annee} (princ)", "Nombre total de femmes en {annee}"],
  P_F1564: ["Pop 15-64 ans Femmes en {annee} (princ)", "Nombre de femmes de 15 à 64 ans en {annee}"],
  P_POP15P: ["Pop 15 ans ou plus en {annee} (princ)", "Nombre de personnes de 15 ans ou plus en {annee}"],
  P_POP1519: ["Pop 15-19 ans en {annee} (princ)", "Nombre de personnes de 15 à 19 ans en {annee}"],
  P_POP2024: ["Pop 20-24 ans en {annee} (princ)", "Nombre de personnes de 20 à 24 ans en {annee}"],
  P_POP2539: ["Pop 25-39 ans en {annee} (princ)", "Nombre de personnes de 25 à 39 ans en {annee}"],
  P_POP4054: ["Pop 40-54 ans en {annee} (princ)", "Nombre de personnes de 40 à 54 ans en {annee}"],
  P_POP5564: ["Pop 55-64 ans en {annee} (princ)", "Nombre de personnes de 55 à 64 ans en {annee}"],
  P_POP6579: ["Pop 65-79 ans en {annee} (princ)", "Nombre de personnes de 65 à 79 ans en {annee}"],
  P_POP80P: ["Pop 80 ans ou plus en {annee} (princ)", "Nombre de personnes de 80 ans ou plus en {annee}"],
  P_POP80P_PSEUL: ["Pop 80 ans ou plus vivant seule en {annee} (princ)", "Nombre de personnes de 80 ans ou plus vivant seules en {annee}"],
  C_MEN: ["Ménages en {annee} (compl)", "Nombre de ménages en {annee}"],
  C_MENPSEUL: ["Ménages 1 personne en {annee} (compl)", "Nombre de ménages d'une personne en {annee}"],
  C_PMEN: ["Pop Ménages en {annee} (compl)", "Nombre de personnes des ménages en {annee}"],
  C_FAM: ["Familles en {annee} (compl)", "Nombre de familles en {annee}"],
  C_FAMMONO: ["Fam Monoparentales en {annee} (compl)", "Nombre de familles monoparentales en {annee}"],
  C_NE24F3: ["Fam 3 enfants moins 25 ans en {annee} (compl)", "Nombre de familles avec 3 enfants de moins de 25 ans en {annee}"],
  C_NE24F4P: ["Fam 4 enfants ou plus moins 25 ans en {annee} (compl)", "Nombre de familles avec 4 enfants ou plus de moins de 25 ans en {annee}"],
  P_LOG: ["Logements en {annee} (princ)", "Nombre de logements en {annee}"],
  P_RP: ["Résidences principales en {annee} (princ)", "Nombre de résidences principales en {annee}"],
  P_RSECOCC: ["Rés secondaires et logts occasionnels en {annee} (princ)", "Nombre de résidences secondaires et logements occasionnels en {annee}"],
  P_LOGVAC: ["Logements vacants en {annee} (princ)", "Nombre de logements vacants en {annee}"],
  P_MEN: ["Ménages en {annee} (princ)", "Nombre de ménages en {annee}"],
  P_PMEN: ["Pop ménages en {annee} (princ)", "Population des ménages en {annee}"],
  P_RP_PROP: ["Rés princ occupées Propriétaires en {annee} (princ)", "Nombre de résidences principales occupées par propriétaires en {annee}"],
  P_RP_LOCHLMV: ["Rés princ HLM louée vide en {annee} (princ)", "Nombre de résidences principales HLM loué vide en {annee}"],
  P_RP_ACHTOT: ["Rés princ avt {avant} en {annee} (princ)", "Nombre de résidences principales construites avant {avant} en {annee}"],
  P_RP_ACH19: ["Rés princ avt 1919 en {annee} (princ)", "Nombre de résidences principales construites avant 1919 en {annee}"],
  P_RP_ACH45: ["Rés princ 1919 à 1945 en {annee} (princ)", "Nombre de résidences principales construites de 1919 à 1945 en {annee}"],
  P_RP_VOIT1P: ["Ménages au moins une voiture en {annee} (princ)", "Nombre de ménages disposant au moins d'une voiture en {annee}"],
  P_POP0205: ["Pop 2-5 ans en {annee} (princ)", "Nombre de personnes de 2 à 5 ans en {annee}"],
  P_POP0610: ["Pop 6-10 ans en {annee} (princ)", "Nombre de personnes de 6 à 10 ans en {annee}"],
  P_POP1114: ["Pop 11-14 ans en {annee} (princ)", "Nombre de personnes de 11 à 14 ans en {annee}"],
  P_POP1517: ["Pop 15-17 ans en {annee} (princ)", "Nombre de personnes de 15 à 17 ans en {annee}"],
  P_POP1824: ["Pop 18-24 ans en {annee} (princ)", "Nombre de personnes de 18 à 24 ans en {annee}"],
  P_POP2529: ["Pop 25-29 ans en {annee} (princ)", "Nombre de personnes de 25 à 29 ans en {annee}"],
  P_POP30P: ["Pop 30 ans ou plus en {annee} (princ)", "Nombre de personnes de 30 ans ou plus en {annee}"],
  P_SCOL0205: ["Pop scolarisée 2-5 ans en {annee} (princ)", "Nombre de personnes scolarisées de 2 à 5 ans en {annee}"],
  P_SCOL0610: ["Pop scolarisée 6-10 ans en {annee} (princ)", "Nombre de personnes scolarisées de 6 à 10 ans en {annee}"],
  P_SCOL1114: ["Pop scolarisée 11-14 ans en {annee} (princ)", "Nombre de personnes scolarisées de 11 à 14 ans en {annee}"],
  P_SCOL1517: ["Pop scolarisée 15-17 ans en {annee} (princ)", "Nombre de personnes scolarisées de 15 à 17 ans en {annee}"],
  P_SCOL1824: ["Pop scolarisée 18-24 ans en {annee} (princ)", "Nombre de personnes scolarisées de 18 à 24 ans en {annee}"],
  P_SCOL2529: ["Pop scolarisée 25-29 ans en {annee} (princ)", "Nombre de personnes scolarisées de 25 à 29 ans en {annee}"],
  P_SCOL30P: ["Pop scolarisée 30 ans ou plus en {annee} (princ)", "Nombre de personnes scolarisées de 30 ans ou plus en {annee}"],
  P_NSCOL15P: ["Pop 15 ans ou plus non scolarisée en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus en {annee}"],
  P_NSCOL15P_DIPLMIN: ["Pop 15 ans ou plus non scol. Sans diplôme ou CEP en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'aucun diplôme ou au plus un CEP en {annee}"],
  P_NSCOL15P_BEPC: ["Pop 15 ans ou plus non scol. BEPC, brevet des collèges, DNB en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un BEPC, brevet des collèges, DNB en {annee}"],
  P_NSCOL15P_CAPBEP: ["Pop 15 ans ou plus non scol. CAP-BEP ou équiv. en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un CAP, d'un BEP ou équivalent en {annee}"],
  P_NSCOL15P_BAC: ["Pop 15 ans ou plus non scol. Bac, brevet pro. ou équiv. en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un Baccalauréat, brevet professionnel ou équivalent en {annee}"],
  P_NSCOL15P_SUP2: ["Pop 15 ans ou plus non scol. Enseignement sup de niveau bac + 2 en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un diplôme de l'enseignement supérieur de niveau Bac + 2 en {annee}"],
  P_NSCOL15P_SUP34: ["Pop 15 ans ou plus non scol. Enseignement sup de niveau bac + 3 ou 4 en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un diplôme de l'enseignement supérieur de niveau Bac + 3 ou Bac + 4 en {annee}"],
  P_NSCOL15P_SUP5: ["Pop 15 ans ou plus non scol. Enseignement sup de niveau bac + 5 ou plus en {annee} (princ)", "Nombre de personnes non scolarisées de 15 ans ou plus titulaires d'un diplôme de l'enseignement supérieur de niveau Bac + 5 ou plus en {annee}"],
  P_POP1564: ["Pop 15-64 ans en {annee} (princ)", "Nombre de personnes de 15 à 64 ans en {annee}"],
  P_ACT1564: ["Actifs 15-64 ans en {annee} (princ)", "Nombre de personnes actives de 15 à 64 ans en {annee}"],
  P_ACTOCC1564: ["Actifs occupés 15-64 ans en {annee} (princ)", "Nombre de personnes actives occupées de 15 à 64 ans en {annee}"],
  P_CHOM1564: ["Chômeurs 15-64 ans en {annee} (princ)", "Nombre de chômeurs de 15 à 64 ans en {annee}"],
  P_ACTOCC15P: ["Actifs occupés 15 ans ou plus en {annee} (princ)", "Nombre de personnes actives occupées de 15 ans ou plus en {annee}"],
  P_SAL15P: ["Salariés 15 ans ou plus en {annee} (princ)", "Nombre de personnes salariées de 15 ans ou plus en {annee}"],
  P_NSAL15P: ["Non-salariés 15 ans ou plus en {annee} (princ)", "Nombre de personnes non-salariées de 15 ans ou plus en {annee}"],
  P_HSAL15P_CDI: ["Salariés 15 ans ou plus Hommes Fonct publ, CDI en {annee} (princ)", "Nombre d'hommes salariés de 15 ans ou plus titulaires de la fonction publique ou d'un contrat à durée indéterminée en {annee}"],
  P_HSAL15P_CDD: ["Salariés 15 ans ou plus Hommes CDD en {annee} (princ)", "Nombre d'hommes salariés de 15 ans ou plus ayant un contrat à durée déterminée en {annee}"],
  P_HSAL15P_INTERIM: ["Salariés 15 ans ou plus Hommes Intérim en {annee} (princ)", "Nombre d'hommes salariés de 15 ans ou plus intérimaires en {annee}"],
  P_HSAL15P_EMPAID: ["Salariés 15 ans ou plus Hommes Emplois aidés en {annee} (princ)", "Nombre d'hommes salariés de 15 ans ou plus Emplois aidés en {annee}"],
  P_HSAL15P_APPR: ["Salariés 15 ans ou plus Hommes Apprentissage - Stage en {annee} (princ)", "Nombre d'hommes salariés de 15 ans ou plus en apprentissage, en stage en {annee}"],
  P_FSAL15P_CDI: ["Salariés 15 ans ou plus Femmes Fonct publ, CDI en {annee} (princ)", "Nombre de femmes salariées de 15 ans ou plus titulaires de la fonction publique ou d'un contrat à durée indéterminée en {annee}"],
  P_FSAL15P_CDD: ["Salariés 15 ans ou plus Femmes CDD en {annee} (princ)", "Nombre de femmes salariées de 15 ans ou plus ayant un  contrat à durée déterminée en {annee}"],
  P_FSAL15P_INTERIM: ["Salariés 15 ans ou plus Femmes Intérim en {annee} (princ)", "Nombre de femmes salariées de 15 ans ou plus intérimaires en {annee}"],
  P_FSAL15P_EMPAID: ["Salariés 15 ans ou plus Femmes Emplois aidés en {annee} (princ)", "Nombre de femmes salariées de 15 ans ou plus Emplois aidés en {annee}"],
  P_FSAL15P_APPR: ["Salariés 15 ans ou plus Femmes Apprentissage - Stage en {annee} (princ)", "Nombre de femmes salariées de 15 ans ou plus en apprentissage, en stage en {annee}"],
  C_ACTOCC1564: ["Actifs occupés 15-64 ans en {annee} (compl)", "Nombre de personnes actives occupées de 15 à 64 ans en {annee}"],
  C_ACTOCC1564_CS1: ["Actifs occ 15-64 ans Agriculteurs exploitants en {annee} (compl)", "Nombre d'agriculteurs exploitants actifs occupés de 15 à 64 ans en {annee}"],
  C_ACTOCC1564_CS2: ["Actifs occ 15-64 ans Artisans, Comm., Chefs entr. en {annee} (compl)", "Nombre d'artisans, commerçants, chefs d'entreprise actifs occupés de 15 à 64 ans en {annee}"],
  C_ACTOCC1564_CS3: ["Actifs occ 15-64 ans Cadres Prof. intel. sup. en {annee} (compl)", "Nombre de cadres, professions intellectuelles supérieures actifs occupés de 15 à 64 ans en {annee}"],
  C_ACTOCC1564_CS4: ["Actifs occ 15-64 ans Prof. intermédiaires en {annee} (compl)", "Nombre de personnes actives occupées de 15 à 64 ans exerçant une profession intermédiaire en {annee}"],
  C_ACTOCC1564_CS5: ["Actifs occupés 15-64 ans Employés en {annee} (compl)", "Nombre d'employés actifs occupés de 15 à 64 ans en {annee}"],
  C_ACTOCC1564_CS6: ["Actifs occupés 15-64 ans Ouvriers en {annee} (compl)", "Nombre d'ouvriers actifs occupés de 15 à 64 ans en {annee}"],
};

/** The six PCS 2020 groups that take the place of CS1 to CS6 from the 2022 census on (names of INSEE's PCS 2020). */
const PCS2020_GROUPES = [
  "Agriculteurs exploitants", "Artisans, commerçants, chefs d'entreprise", "Cadres et professions intellectuelles supérieures",
  "Professions intermédiaires", "Employés", "Ouvriers",
];

/** Filosofi stems (no year): short label, long label, LONG_VAR, as in meta_cc_filosofi_2019_*.csv. */
export const FILOSOFI_LABELS: Record<string, [string, string, number]> = {
  NBMENFISC: ["Nombre de ménages fiscaux", "Nombre de ménages fiscaux", 7],
  NBPERSMENFISC: ["Nombre de personnes dans les ménages fiscaux", "Nombre de personnes dans les ménages fiscaux", 7],
  MED: ["Médiane du niveau vie (€)", "Médiane du niveau de vie (€)", 5],
  PIMP: ["Part des ménages fiscaux imposés (%)", "Part des ménages fiscaux imposés (%)", 4],
  TP60: ["Taux de pauvreté-Ensemble (%)", "Taux de pauvreté-Ensemble (%)", 4],
  TP60AGE1: ["Taux de pauvreté-moins de 30 ans (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a moins de 30 ans (%)", 4],
  TP60AGE2: ["Taux de pauvreté-30 à 39 ans  (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a de 30 à 39 ans (%)", 4],
  TP60AGE3: ["Taux de pauvreté-40 à 49 ans (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a de 40 à 49 ans (%)", 4],
  TP60AGE4: ["Taux de pauvreté-50 à 59 ans (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a de 50 à 59 ans (%)", 4],
  TP60AGE5: ["Taux de pauvreté-60 à 74 ans (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a de 60 à 74 ans (%)", 4],
  TP60AGE6: ["Taux de pauvreté-75 ans ou plus (%)", "Taux de pauvreté des personnes dans les ménages dont le référent fiscal a 75 ans ou plus (%)", 4],
  TP60TOL1: ["Taux de pauvreté-propriétaires (%)", "Taux de pauvreté des personnes dans les ménages propriétaires de leur logement (%)", 4],
  TP60TOL2: ["Taux de pauvreté-locataires (%)", "Taux de pauvreté des personnes dans les ménages locataires de leur logement (%)", 4],
  PACT: ["Part des revenus d'activité (%)", "Part des revenus d'activité (%)", 4],
  PTSA: ["dont part des salaires et traitements (%)", "dont part des salaires et traitements (%)", 4],
  PCHO: ["dont part des indemnités de chômage (%)", "dont part des indemnités de chômage (%)", 3],
  PBEN: ["dont part des revenus des activités non salariées (%)", "dont part des revenus des activités non salariées (%)", 3],
  PPEN: ["Part des pensions, retraites et rentes (%)", "Part des pensions, retraites et rentes (%)", 4],
  PPAT: ["Part des revenus du patrimoine et autres revenus (%)", "Part des revenus du patrimoine et des autres revenus (%)", 4],
  PPSOC: ["Part de l'ensemble des prestations sociales (%)", "Part de l'ensemble des prestations sociales (%)", 4],
  PPFAM: ["dont part des prestations familiales (%)", "dont part des prestations familiales (%)", 3],
  PPMINI: ["dont part des minima sociaux (%)", "dont part des minima sociaux (%)", 3],
  PPLOGT: ["dont part des prestations logement (%)", "dont part des prestations logement (%)", 3],
  PIMPOT: ["Part des impôts (%)", "Part des impôts (%)", 5],
  D1: ["1er décile du niveau de vie (€)", "1er décile du niveau de vie (€)", 5],
  D9: ["9e décile du niveau de vie (€)", "9e décile du niveau de vie (€)", 5],
  RD: ["Rapport interdécile 9e décile/1er décile", "Rapport interdécile 9e décile/1er décile", 3],
};

export const META_HEADER = "COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR";

/** The labels of a census column (P22_POP, C22_ACTOCC1564_STAT_GSEC15…) from its stem and vintage. */
export function censusLabels(stem: string, annee: number): [string, string] {
  const groupe = stem.match(/^C_ACTOCC1564_CS([1-6])$/);
  if (groupe && annee >= 2022) {
    const nom = PCS2020_GROUPES[Number(groupe[1]) - 1]!;
    return [`Actifs occ 15-64 ans ${nom} (PCS 2020) en ${annee} (compl)`, `Nombre d'actifs occupés de 15 à 64 ans, groupe socioprofessionnel « ${nom} » (PCS 2020), en ${annee}`];
  }
  const labels = CENSUS_LABELS[stem];
  if (!labels) throw new Error(`Libellé de variable inconnu pour la démonstration : ${stem}.`);
  const fill = (text: string) => text.replaceAll("{annee}", String(annee)).replaceAll("{avant}", String(annee - 2));
  return [fill(labels[0]), fill(labels[1])];
}

/** Dictionary lines: the variables, then one row per code of the territory variable, no quotes (as published). */
export function metaLines(
  variables: { code: string; court: string; long: string; type: "NUM" | "CHAR"; longueur: number }[],
  territoire: { libelle: string; longueur: number; codes: readonly { code: string; libelle: string }[] },
): string[] {
  return [
    META_HEADER,
    ...variables.map((v) => `${v.code};${v.court};${v.long};;;${v.type};${v.longueur}`),
    ...territoire.codes.map(({ code, libelle }) => `CODGEO;${territoire.libelle};${territoire.libelle};${code};${libelle};CHAR;${territoire.longueur}`),
  ];
}
