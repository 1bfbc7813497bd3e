// Caveats shared by several indicators, written once and referenced by key.
export const CAVEATS = {
  secret_statistique:
    "Secret statistique : l'Insee et la CAF ne diffusent pas certaines valeurs sur de petits effectifs ; elles restent « secret » et ne sont jamais comptées comme zéro.",
  exploitation_complementaire:
    "Exploitation complémentaire du recensement (variables C) : estimée sur un échantillon d'environ un quart des logements ; fragile sur de petites populations.",
  recensement_estimation:
    "Recensement : les effectifs sont des estimations pondérées (nombres non entiers), arrondis à l'affichage.",
  filosofi_niveau_publie:
    "Médianes, taux de pauvreté et déciles ne s'additionnent pas : la valeur de chaque territoire est celle publiée par l'Insee pour ce territoire.",
  caf_masquage:
    "La CAF masque les valeurs inférieures à 5 : un total qui en dépend n'est publié que si la CAF le diffuse à ce niveau.",
  equipements_bpe:
    "Base permanente des équipements : présence d'un équipement, pas sa capacité ni son accessibilité réelle.",
  activite_gip:
    "Données d'activité du GIP Gers Solidaire : comptages internes, effectifs inférieurs à 5 masqués.",
} as const;

export type CaveatKey = keyof typeof CAVEATS;
