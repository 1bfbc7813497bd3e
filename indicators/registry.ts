// The 40 relevance indicators (../shared/spec/indicators.md), validated at load.
import type { CaveatKey } from "./caveats.ts";
import { indicatorSchema, NIVEAUX_PUBLICATION, type Indicator, type IndicatorInput } from "./definition.ts";
import { ACCES, BPE, CAF, GIP } from "./external-variables.ts";

const TOUS = [...NIVEAUX_PUBLICATION];
const RP = "Insee, recensement de la population (base-cc)";
const FILOSOFI = "Insee, Filosofi";
const CAF_SOURCE = "CNAF, données allocataires par commune et EPCI";
const BPE_SOURCE = "Insee, base permanente des équipements";
const GIP_SOURCE = "GIP Gers Solidaire, journaux d'activité";

const v = (racine: string, coef = 1, ou: string[] = []) => ({ racine, coef, ou });
const caveats = (...keys: CaveatKey[]) => keys;

const DEFINITIONS: IndicatorInput[] = [
  // Démographie
  { numero: 1, id: "pop", classe: "A", libelle: "Population municipale", court: "Population municipale", formule: "population municipale du recensement", theme: "demographie", unite: "habitants", decimales: 0, polarite: "neutre",
    pourquoi: "La taille de la population fixe l'échelle de tous les besoins et des services à dimensionner.",
    numerateur: [v("Pyy_POP")], sources: [RP], niveaux: TOUS },
  { numero: 2, id: "evol_pop", classe: "D", libelle: "Taux de variation annuel moyen de la population", court: "Variation annuelle de la population", formule: "évolution annuelle moyenne de la population entre deux recensements distants d'au moins cinq ans", theme: "demographie", unite: "%/an", decimales: 2, polarite: "besoin_si_bas",
    pourquoi: "Un territoire qui perd des habitants voit ses services fragilisés et sa population vieillir.",
    derivation: { calcul: "taux_annuel_moyen", racine: "Pyy_POP", ecartMinimal: 5 }, sources: [RP], niveaux: TOUS },
  { numero: 3, id: "densite", classe: "D", libelle: "Densité de population", court: "Densité de population", formule: "population ÷ superficie en km²", theme: "demographie", unite: "hab./km²", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "Une faible densité allonge les distances aux services et rend l'isolement plus probable.",
    derivation: { calcul: "ratio", numerateur: [v("Pyy_POP")], denominateur: [v("SUPERF")], facteur: 1 }, sources: [RP, "Insee, comparateur de territoires (superficie)"], niveaux: TOUS },
  { numero: 4, id: "part_0_14", classe: "A", libelle: "Part des moins de 15 ans", court: "Moins de 15 ans", formule: "personnes de moins de 15 ans ÷ population", theme: "demographie", unite: "%", decimales: 1, polarite: "neutre",
    pourquoi: "La part des enfants oriente les besoins en accueil du jeune enfant, en écoles et en soutien aux familles.",
    numerateur: [v("Pyy_POP0014")], denominateur: [v("Pyy_POP")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 5, id: "part_75p", classe: "A", libelle: "Part des 75 ans ou plus", court: "75 ans ou plus", formule: "personnes de 75 ans ou plus ÷ population", theme: "demographie", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les 75 ans ou plus sont les plus exposés à la perte d'autonomie et à l'isolement.",
    numerateur: [v("Pyy_POP7589"), v("Pyy_POP90P")], denominateur: [v("Pyy_POP")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 6, id: "ind_vieillissement", classe: "A", libelle: "Indice de vieillissement", court: "Indice de vieillissement", formule: "personnes de 65 ans ou plus ÷ jeunes de moins de 20 ans × 100", theme: "demographie", unite: "indice", decimales: 0, polarite: "besoin_si_haut",
    pourquoi: "Le rapport des 65 ans ou plus aux moins de 20 ans annonce les besoins d'accompagnement du grand âge.",
    numerateur: [v("Pyy_POP6579"), v("Pyy_POP80P")], denominateur: [v("Pyy_POP0014"), v("Pyy_POP1519")], facteur: 100, sources: [RP], niveaux: TOUS },
  // Ménages et familles
  { numero: 7, id: "part_men_seul", classe: "A", libelle: "Part des ménages d'une personne", court: "Ménages d'une personne", formule: "ménages d'une seule personne ÷ ensemble des ménages", theme: "menages_familles", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Vivre seul expose davantage à l'isolement et à la précarité en cas de difficulté.",
    numerateur: [v("Cyy_MENPSEUL")], denominateur: [v("Cyy_MEN")], facteur: 100, sources: [RP], niveaux: TOUS, avertissements: caveats("exploitation_complementaire") },
  { numero: 8, id: "part_fam_mono", classe: "A", libelle: "Part des familles monoparentales", court: "Familles monoparentales", formule: "familles monoparentales ÷ ensemble des familles", theme: "menages_familles", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les familles monoparentales sont les plus touchées par la pauvreté et les difficultés de garde.",
    numerateur: [v("Cyy_FAMMONO")], denominateur: [v("Cyy_FAM")], facteur: 100, sources: [RP], niveaux: TOUS, avertissements: caveats("exploitation_complementaire") },
  { numero: 9, id: "part_80p_seuls", classe: "A", libelle: "Part des 80 ans ou plus vivant seuls", court: "80 ans ou plus vivant seuls", formule: "personnes de 80 ans ou plus vivant seules ÷ personnes de 80 ans ou plus", theme: "menages_familles", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les personnes très âgées vivant seules sont le public prioritaire des appels de courtoisie.",
    numerateur: [v("Pyy_POP80P_PSEUL")], denominateur: [v("Pyy_POP80P")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 10, id: "part_fam_nombreuses", classe: "A", libelle: "Part des familles de 3 enfants ou plus de moins de 25 ans", court: "Familles de 3 enfants ou plus", formule: "familles ayant 3 enfants ou plus de moins de 25 ans ÷ ensemble des familles", theme: "menages_familles", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les familles nombreuses ont des charges élevées et des besoins de logement et de mobilité spécifiques.",
    numerateur: [v("Cyy_NE24F3"), v("Cyy_NE24F4P")], denominateur: [v("Cyy_FAM")], facteur: 100, sources: [RP], niveaux: TOUS, avertissements: caveats("exploitation_complementaire") },
  { numero: 11, id: "taille_men", classe: "A", libelle: "Taille moyenne des ménages", court: "Taille moyenne des ménages", formule: "personnes vivant en ménage ÷ nombre de ménages", theme: "menages_familles", unite: "personnes", decimales: 2, polarite: "neutre",
    pourquoi: "La taille des ménages renseigne sur la structure familiale et la pression sur le parc de logements.",
    numerateur: [v("Cyy_PMEN")], denominateur: [v("Cyy_MEN")], facteur: 1, sources: [RP], niveaux: TOUS, avertissements: caveats("exploitation_complementaire") },
  // Revenus et pauvreté
  { numero: 12, id: "med_niveau_vie", classe: "N", libelle: "Médiane du revenu disponible par unité de consommation", court: "Niveau de vie médian", formule: "revenu disponible médian par unité de consommation, tel que publié par l'Insee pour le territoire", theme: "revenus_pauvrete", unite: "€", decimales: 0, polarite: "besoin_si_bas",
    pourquoi: "Le niveau de vie médian situe le territoire dans l'échelle des revenus.",
    publie: { source: "insee_filosofi", racine: "MEDyy" }, sources: [FILOSOFI], niveaux: TOUS, avertissements: caveats("filosofi_niveau_publie", "secret_statistique") },
  { numero: 13, id: "tx_pauvrete", classe: "N", libelle: "Taux de pauvreté au seuil de 60 %", court: "Taux de pauvreté", formule: "part des personnes dont le niveau de vie est sous 60 % du niveau de vie médian national, telle que publiée par l'Insee", theme: "revenus_pauvrete", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "La part des personnes sous le seuil de pauvreté mesure directement l'ampleur de la précarité monétaire.",
    publie: { source: "insee_filosofi", racine: "TP60yy" }, sources: [FILOSOFI], niveaux: TOUS, avertissements: caveats("filosofi_niveau_publie", "secret_statistique") },
  { numero: 14, id: "rapport_interdecile", classe: "N", libelle: "Rapport interdécile D9/D1", court: "Rapport interdécile D9/D1", formule: "niveau de vie plancher des 10 % les plus aisés ÷ niveau de vie plafond des 10 % les plus modestes, tel que publié", theme: "revenus_pauvrete", unite: "ratio", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "L'écart entre les plus aisés et les plus modestes révèle les inégalités internes au territoire.",
    publie: { source: "insee_filosofi", racine: "RDyy" }, sources: [FILOSOFI], niveaux: TOUS, avertissements: caveats("filosofi_niveau_publie", "secret_statistique") },
  { numero: 15, id: "part_men_imposes", classe: "N", libelle: "Part des ménages fiscaux imposés", court: "Ménages fiscaux imposés", formule: "ménages fiscaux imposés ÷ ensemble des ménages fiscaux, telle que publiée par l'Insee", theme: "revenus_pauvrete", unite: "%", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "Une faible part de ménages imposés signale des revenus modestes.",
    publie: { source: "insee_filosofi", racine: "PIMPyy" }, sources: [FILOSOFI], niveaux: TOUS, avertissements: caveats("filosofi_niveau_publie", "secret_statistique") },
  // Prestations sociales
  { numero: 16, id: "tx_couv_caf", classe: "A", libelle: "Part de la population couverte par la CAF", court: "Population couverte par la CAF", formule: "personnes couvertes par au moins une prestation de la CAF ÷ population", theme: "prestations_sociales", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "La part de la population couverte par au moins une prestation mesure le poids de la protection sociale.",
    numerateur: [v(CAF.personnesCouvertes)], denominateur: [v("Pyy_POP")], facteur: 100, sources: [CAF_SOURCE, RP], niveaux: TOUS, avertissements: caveats("caf_masquage") },
  { numero: 17, id: "part_alloc_dep50", classe: "A", libelle: "Allocataires dont les ressources dépendent à 50 % ou plus des prestations", court: "Allocataires dépendant à 50 % des prestations", formule: "allocataires dont les prestations font au moins la moitié des ressources ÷ allocataires dont les ressources sont connues", theme: "prestations_sociales", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "La dépendance aux prestations repère les foyers dont le revenu tient d'abord à la solidarité.",
    numerateur: [v(CAF.allocatairesDependance50)], denominateur: [v(CAF.allocatairesRessourcesConnues)], facteur: 100, sources: [CAF_SOURCE], niveaux: TOUS, avertissements: caveats("caf_masquage") },
  { numero: 18, id: "tx_rsa", classe: "A", libelle: "Foyers allocataires du RSA pour 100 ménages", court: "RSA pour 100 ménages", formule: "foyers allocataires du RSA ÷ ménages × 100", theme: "prestations_sociales", unite: "pour 100", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Le RSA est le dernier filet de sécurité : sa fréquence mesure la grande pauvreté.",
    numerateur: [v(CAF.rsa)], denominateur: [v("Cyy_MEN")], facteur: 100, sources: [CAF_SOURCE, RP], niveaux: TOUS, avertissements: caveats("caf_masquage", "exploitation_complementaire") },
  { numero: 19, id: "tx_aah", classe: "A", libelle: "Allocataires de l'AAH pour 100 personnes de 20 à 64 ans", court: "AAH pour 100 personnes de 20 à 64 ans", formule: "allocataires de l'AAH ÷ personnes de 20 à 64 ans × 100", theme: "prestations_sociales", unite: "pour 100", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "L'allocation aux adultes handicapés signale des besoins d'accompagnement liés au handicap.",
    numerateur: [v(CAF.aah)], denominateur: [v("Pyy_POP2024"), v("Pyy_POP2539"), v("Pyy_POP4054"), v("Pyy_POP5564")], facteur: 100, sources: [CAF_SOURCE, RP], niveaux: TOUS, avertissements: caveats("caf_masquage") },
  { numero: 20, id: "tx_aide_logement", classe: "A", libelle: "Foyers bénéficiant d'une aide au logement pour 100 résidences principales", court: "Aides au logement pour 100 résidences principales", formule: "foyers bénéficiant d'une aide au logement ÷ résidences principales × 100", theme: "prestations_sociales", unite: "pour 100", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les aides au logement révèlent le poids du logement dans le budget des ménages modestes.",
    numerateur: [v(CAF.aidesLogement)], denominateur: [v("Pyy_RP")], facteur: 100, sources: [CAF_SOURCE, RP], niveaux: TOUS, avertissements: caveats("caf_masquage") },
  { numero: 21, id: "tx_prime_activite", classe: "A", libelle: "Foyers bénéficiaires de la prime d'activité pour 100 actifs occupés de 15 à 64 ans", court: "Prime d'activité pour 100 actifs occupés", formule: "foyers bénéficiaires de la prime d'activité ÷ actifs occupés de 15 à 64 ans × 100", theme: "prestations_sociales", unite: "pour 100", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "La prime d'activité mesure la pauvreté laborieuse : travailler sans en vivre correctement.",
    numerateur: [v(CAF.primeActivite)], denominateur: [v("Pyy_ACTOCC1564")], facteur: 100, sources: [CAF_SOURCE, RP], niveaux: TOUS, avertissements: caveats("caf_masquage") },
  // Emploi
  { numero: 22, id: "tx_activite", classe: "A", libelle: "Taux d'activité des 15-64 ans", court: "Taux d'activité des 15-64 ans", formule: "actifs de 15 à 64 ans (en emploi ou au chômage) ÷ population de 15 à 64 ans", theme: "emploi", unite: "%", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "Un faible taux d'activité traduit un éloignement de l'emploi, souvent lié à l'âge, la santé ou la garde d'enfants.",
    numerateur: [v("Pyy_ACT1564")], denominateur: [v("Pyy_POP1564")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 23, id: "tx_chomage", classe: "A", libelle: "Taux de chômage des 15-64 ans (au sens du recensement)", court: "Taux de chômage des 15-64 ans", formule: "chômeurs de 15 à 64 ans ÷ actifs de 15 à 64 ans, au sens du recensement", theme: "emploi", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Le chômage est le premier facteur de basculement dans la pauvreté.",
    numerateur: [v("Pyy_CHOM1564")], denominateur: [v("Pyy_ACT1564")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 24, id: "part_ouvriers_employes", classe: "A", libelle: "Part des ouvriers et employés parmi les actifs occupés", court: "Ouvriers et employés", formule: "ouvriers et employés ÷ actifs occupés de 15 à 64 ans", theme: "emploi", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les emplois d'ouvriers et d'employés sont les moins rémunérés et les plus exposés à la précarité.",
    // The 2022 census publishes the PCS 2020 groups (GSEC15 employés, GSEC16 ouvriers) instead of CS5 and CS6.
    numerateur: [v("Cyy_ACTOCC1564_CS5", 1, ["Cyy_ACTOCC1564_STAT_GSEC15"]), v("Cyy_ACTOCC1564_CS6", 1, ["Cyy_ACTOCC1564_STAT_GSEC16"])], denominateur: [v("Cyy_ACTOCC1564")], facteur: 100, sources: [RP], niveaux: TOUS, avertissements: caveats("exploitation_complementaire") },
  { numero: 25, id: "part_emplois_precaires", classe: "A", libelle: "Part des emplois précaires parmi les salariés", court: "Emplois précaires", formule: "salariés en CDD, intérim, emploi aidé ou apprentissage ÷ ensemble des salariés", theme: "emploi", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "CDD, intérim, emplois aidés et apprentissage signalent une insertion professionnelle instable.",
    numerateur: ["H", "F"].flatMap((sexe) => ["CDD", "INTERIM", "EMPAID", "APPR"].map((contrat) => v(`Pyy_${sexe}SAL15P_${contrat}`))),
    denominateur: [v("Pyy_SAL15P")], facteur: 100, sources: [RP], niveaux: TOUS },
  // Logement
  { numero: 26, id: "part_hlm", classe: "A", libelle: "Part des ménages locataires d'un logement HLM", court: "Ménages locataires d'un HLM", formule: "ménages locataires d'un logement HLM ÷ résidences principales", theme: "logement", unite: "%", decimales: 1, polarite: "neutre",
    pourquoi: "Le parc social loge une part importante des ménages modestes ; son absence limite les parcours résidentiels.",
    numerateur: [v("Pyy_RP_LOCHLMV")], denominateur: [v("Pyy_RP")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 27, id: "part_logements_vacants", classe: "A", libelle: "Part des logements vacants", court: "Logements vacants", formule: "logements vacants ÷ ensemble des logements", theme: "logement", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "La vacance signale la déprise d'un territoire et souvent un parc ancien à rénover.",
    numerateur: [v("Pyy_LOGVAC")], denominateur: [v("Pyy_LOG")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 28, id: "part_rp_avant_1946", classe: "A", libelle: "Part des résidences principales construites avant 1946", court: "Résidences principales d'avant 1946", formule: "résidences principales construites avant 1946 ÷ résidences principales dont l'année de construction est connue", theme: "logement", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Un parc ancien expose à la précarité énergétique et à l'inadaptation au vieillissement.",
    numerateur: [v("Pyy_RP_ACH19"), v("Pyy_RP_ACH45")], denominateur: [v("Pyy_RP_ACHTOT")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 29, id: "part_men_sans_voiture", classe: "A", libelle: "Part des ménages sans voiture", court: "Ménages sans voiture", formule: "résidences principales dont le ménage n'a aucune voiture ÷ résidences principales", theme: "logement", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "En milieu rural, ne pas avoir de voiture coupe l'accès à l'emploi, aux soins et aux droits.",
    numerateur: [v("Pyy_RP"), v("Pyy_RP_VOIT1P", -1)], denominateur: [v("Pyy_RP")], facteur: 100, sources: [RP], niveaux: TOUS },
  // Formation
  { numero: 30, id: "part_sans_diplome", classe: "A", libelle: "Part des non-scolarisés de 15 ans ou plus sans diplôme ou avec le CEP", court: "Sans diplôme ou avec le CEP", formule: "personnes non scolarisées de 15 ans ou plus sans diplôme ou avec le seul CEP ÷ personnes non scolarisées de 15 ans ou plus", theme: "education", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "L'absence de diplôme freine l'accès à l'emploi et aux démarches, notamment numériques.",
    numerateur: [v("Pyy_NSCOL15P_DIPLMIN")], denominateur: [v("Pyy_NSCOL15P")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 31, id: "part_diplomes_sup", classe: "A", libelle: "Part des diplômés du supérieur parmi les non-scolarisés de 15 ans ou plus", court: "Diplômés du supérieur", formule: "diplômés de l'enseignement supérieur ÷ personnes non scolarisées de 15 ans ou plus", theme: "education", unite: "%", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "La part des diplômés du supérieur reflète le niveau de qualification de la population.",
    numerateur: [v("Pyy_NSCOL15P_SUP2"), v("Pyy_NSCOL15P_SUP34"), v("Pyy_NSCOL15P_SUP5")], denominateur: [v("Pyy_NSCOL15P")], facteur: 100, sources: [RP], niveaux: TOUS },
  { numero: 32, id: "tx_scol_18_24", classe: "A", libelle: "Taux de scolarisation des 18-24 ans", court: "Scolarisation des 18-24 ans", formule: "jeunes de 18 à 24 ans inscrits dans un établissement d'enseignement ÷ jeunes de 18 à 24 ans", theme: "education", unite: "%", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "La poursuite d'études des jeunes adultes dépend de l'offre de formation et des moyens des familles.",
    numerateur: [v("Pyy_SCOL1824")], denominateur: [v("Pyy_POP1824")], facteur: 100, sources: [RP], niveaux: TOUS },
  // Accès aux services
  { numero: 33, id: "medecins_generalistes", classe: "A", libelle: "Médecins généralistes pour 10 000 habitants", court: "Médecins généralistes pour 10 000 habitants", formule: "médecins généralistes recensés par la base permanente des équipements ÷ population × 10 000", theme: "acces_services", unite: "pour 10 000", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "La densité de médecins généralistes mesure l'accès aux soins de premier recours.",
    numerateur: [v(BPE.medecinsGeneralistes)], denominateur: [v("Pyy_POP")], facteur: 10_000, sources: [BPE_SOURCE, RP], niveaux: TOUS, avertissements: caveats("equipements_bpe") },
  { numero: 34, id: "equip_personnes_agees", classe: "A", libelle: "Structures d'hébergement pour personnes âgées pour 1 000 personnes de 75 ans ou plus", court: "Hébergement pour personnes âgées (pour 1 000)", formule: "structures d'hébergement pour personnes âgées ÷ personnes de 75 ans ou plus × 1 000", theme: "acces_services", unite: "pour 1 000", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "L'offre d'hébergement pour personnes âgées conditionne le maintien au pays des plus dépendants.",
    numerateur: [v(BPE.hebergementPersonnesAgees)], denominateur: [v("Pyy_POP7589"), v("Pyy_POP90P")], facteur: 1_000, sources: [BPE_SOURCE, RP], niveaux: TOUS, avertissements: caveats("equipements_bpe") },
  { numero: 35, id: "tx_couverture_jeune_enfant", classe: "N", libelle: "Taux de couverture global en accueil du jeune enfant (places pour 100 enfants de moins de 3 ans)", court: "Accueil du jeune enfant (pour 100 moins de 3 ans)", formule: "places d'accueil du jeune enfant pour 100 enfants de moins de 3 ans, telles que publiées par la CNAF pour le territoire", theme: "acces_services", unite: "pour 100", decimales: 1, polarite: "besoin_si_bas",
    pourquoi: "Le manque de places d'accueil du jeune enfant freine l'emploi des parents, surtout des mères seules.",
    publie: { source: "caf", racine: CAF.couvertureAccueilJeuneEnfant }, sources: ["CNAF, Observatoire national de la petite enfance (Onape)"], niveaux: TOUS },
  { numero: 36, id: "pop_eloignee_acces_droits", classe: "A", libelle: "Part de la population à plus de 15 km d'un point d'accès aux droits", court: "À plus de 15 km d'un accès aux droits", formule: "population des communes dont le centre est à plus de 15 km à vol d'oiseau d'une France services, d'un tiers-lieu ou d'une étape du camping-car ÷ population", theme: "acces_services", unite: "%", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "L'éloignement d'une France services, d'un tiers-lieu ou d'une étape du camping-car connecté freine l'accès aux droits.",
    numerateur: [v(ACCES.populationEloigneeAccesDroits)], denominateur: [v("Pyy_POP")], facteur: 100, sources: ["ANCT, France services", GIP_SOURCE, "IGN, contours des communes", RP], niveaux: TOUS },
  // Activité du GIP
  { numero: 37, id: "tx_appels_nvs", classe: "G", libelle: "Appels au Numéro Vert Social pour 1 000 ménages", court: "Appels au Numéro Vert pour 1 000 ménages", formule: "appels de l'année au Numéro Vert Social, par commune de l'appelant ÷ ménages × 1 000", theme: "activite_gip", unite: "pour 1 000", decimales: 1, polarite: "neutre",
    pourquoi: "Le recours au Numéro Vert Social rapporté aux ménages montre où la ligne est connue et sollicitée.",
    numerateur: [v(GIP.appelsNumeroVert)], denominateur: [v("Cyy_MEN")], facteur: 1_000, sources: [GIP_SOURCE, RP], niveaux: TOUS, avertissements: caveats("activite_gip") },
  { numero: 38, id: "tx_appels_courtoisie", classe: "G", libelle: "Personnes isolées suivies par appels de courtoisie pour 100 personnes de 80 ans ou plus vivant seules", court: "Appels de courtoisie pour 100 (80 ans ou plus seuls)", formule: "personnes distinctes suivies par appels de courtoisie ÷ personnes de 80 ans ou plus vivant seules × 100", theme: "activite_gip", unite: "pour 100", decimales: 1, polarite: "neutre",
    pourquoi: "La couverture des appels de courtoisie rapportée aux très âgés vivant seuls mesure la portée du dispositif.",
    numerateur: [v(GIP.personnesAppelsCourtoisie)], denominateur: [v("Pyy_POP80P_PSEUL")], facteur: 100, sources: [GIP_SOURCE, RP], niveaux: TOUS, avertissements: caveats("activite_gip") },
  { numero: 39, id: "tx_colis_alimentaires", classe: "G", libelle: "Foyers ayant reçu un colis d'aide alimentaire pour 1 000 ménages", court: "Colis alimentaires pour 1 000 ménages", formule: "foyers distincts ayant reçu un colis alimentaire dans l'année ÷ ménages × 1 000", theme: "activite_gip", unite: "pour 1 000", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "L'aide alimentaire distribuée rapportée aux ménages révèle l'urgence sociale.",
    numerateur: [v(GIP.foyersColisAlimentaires)], denominateur: [v("Cyy_MEN")], facteur: 1_000, sources: [GIP_SOURCE, RP], niveaux: TOUS, avertissements: caveats("activite_gip") },
  { numero: 40, id: "tx_fiches_violences", classe: "G", libelle: "Fiches de l'observatoire des violences faites aux femmes pour 10 000 femmes de 15 à 64 ans", court: "Fiches violences pour 10 000 femmes de 15-64 ans", formule: "fiches de l'année à l'observatoire des violences faites aux femmes ÷ femmes de 15 à 64 ans × 10 000", theme: "activite_gip", unite: "pour 10 000", decimales: 1, polarite: "besoin_si_haut",
    pourquoi: "Les signalements à l'observatoire des violences rendent visible un besoin de protection trop souvent tu.",
    numerateur: [v(GIP.fichesViolences)], denominateur: [v("Pyy_F1564")], facteur: 10_000, sources: [GIP_SOURCE, RP],
    // Never at commune level: too few cases, and a commune is too small to protect the people concerned.
    niveaux: ["epci", "departement", "region", "france"], avertissements: caveats("activite_gip") },
];

export const INDICATORS: Indicator[] = DEFINITIONS.map((definition) => {
  const parsed = indicatorSchema.safeParse(definition);
  if (!parsed.success) throw new Error(`Indicateur invalide « ${definition.id} » : ${parsed.error.message}`);
  return parsed.data;
});

export function findIndicator(id: string): Indicator | undefined {
  return INDICATORS.find((indicator) => indicator.id === id);
}
