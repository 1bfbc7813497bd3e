// Every threshold of the social-offer analysis, in one place (docs/offre-sociale.md explains each one).

/** Distances whose population share beyond them is reported. */
export const SEUILS_DISTANCE_KM = [10, 15, 20] as const;

/** Beyond this distance from a point of access to rights, a commune's population counts in indicator 36. */
export const SEUIL_ELOIGNEMENT_DROITS_KM = 15;

/** A rate resting on this many places or fewer is flagged: one opening or closing moves it a lot. */
export const PETIT_EFFECTIF = 3;

/** Standardised gaps are capped so that one tiny commune's extreme share cannot dominate an index. */
export const ECART_REDUIT_MAX = 3;

/** An index needs at least this many components; with fewer it is `manquant`. */
export const COMPOSANTES_MIN = 2;

/** Zones blanches: communes farther than this from any point of access to rights… */
export const ZONE_BLANCHE_DISTANCE_KM = SEUIL_ELOIGNEMENT_DROITS_KM;
/** …whose need index is at least this (half a standard deviation above the département). */
export const ZONE_BLANCHE_BESOIN_MIN = 0.5;

/**
 * Quadrants: an index within this many standard deviations of the département is « proche du département », not
 * high or low (a need index of +0.03 says nothing of a high need).
 */
export const BANDE_NEUTRE = 0.25;
