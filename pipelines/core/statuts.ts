// One vocabulary for what a figure is, from the cell of a published file to the page: a published figure (an
// indicator, an offer rate, an activity count) is `ok`, `secret`, `manquant` or `non_applicable`. A cell of a file
// keeps the marker its producer wrote (INSEE's s, ns, so, nd, or an empty cell) until it is read into a figure.

export const STATUTS = ["ok", "secret", "manquant", "non_applicable"] as const;
export type Statut = (typeof STATUTS)[number];

/** Plural labels, for counts of values (« 2 028 sous secret statistique »). */
export const STATUT_LIBELLES: Record<Statut, string> = {
  ok: "disponibles",
  secret: "sous secret statistique",
  manquant: "manquantes",
  non_applicable: "non applicables",
};

/** INSEE's cell markers, as the raw layer keeps them: never read as 0. */
export const MARQUES_CELLULE: Record<string, StatutCellule> = {
  s: "secret",
  ns: "non_significatif",
  so: "sans_objet",
  nd: "non_disponible",
};

/** A cell as published: a number, a marker, or nothing. */
export type StatutCellule = "ok" | "secret" | "non_significatif" | "sans_objet" | "non_disponible" | "vide";

/**
 * The figure a published cell gives, in SQL: a non-significant value is not published, like a secret one; a cell
 * without object, not available or empty leaves the figure missing.
 */
export const sqlStatutPublie = (cellule: string) =>
  `CASE WHEN ${cellule} = 'ok' THEN 'ok' WHEN ${cellule} IN ('secret', 'non_significatif') THEN 'secret' ELSE 'manquant' END`;
