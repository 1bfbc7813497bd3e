// The « Sources et millésimes » list of a page, derived from the values the page shows: each figure registers
// itself as it is drawn, and the list names the sources the warehouse says those values were read from
// (catalogue `provenance`, built from indicateurs_sources), with their millésimes. Never a hand-written list.
import {html} from "htl";

/** Statuses whose value is shown from a source: a secret is shown as such, a missing value reads nothing. */
const LUES = new Set(["ok", "secret"]);

export function sourcesVues(catalogue) {
  const byId = new Map(catalogue.map((indicateur) => [indicateur.id_indicateur, indicateur]));
  const used = new Map();
  const add = (source, millesime, geo) => {
    const entry = used.get(source) ?? {millesimes: new Set(), geographies: new Set()};
    if (millesime != null) entry.millesimes.add(millesime);
    if (geo != null) entry.geographies.add(geo);
    used.set(source, entry);
  };
  return {
    /**
     * A value shown: `periodes` says what of it is shown ("actuel" the value, "precedent" its evolution, "serie"
     * the other years of its time series). Missing values, and periods whose points are all missing, read nothing.
     */
    valeur(id, valeur, periodes = ["actuel"]) {
      if (!valeur || !LUES.has(valeur.statut)) return;
      for (const ligne of byId.get(id)?.provenance ?? []) {
        if (ligne.periode === "precedent" && valeur.evolution == null) continue;
        if (periodes.includes(ligne.periode)) add(ligne.source, ligne.millesime, ligne.geo_annee);
      }
    },
    /** A figure outside the indicators (age bands, offer counts), with its own source and millésime. */
    autre(source, millesime, geo = null) {
      add(source, millesime, geo);
    },
    entrees() {
      return [...used].map(([source, {millesimes, geographies}]) => ({source, millesimes: [...millesimes].sort(), geographies: [...geographies].sort()}))
        .sort((a, b) => a.source.localeCompare(b.source, "fr"));
    },
    liste() {
      const entrees = this.entrees();
      if (!entrees.length) return html`<p class="sources">Aucune valeur chargée.</p>`;
      return html`<ul class="sources">${entrees.map((e) => html`<li data-source=${e.source} data-millesimes=${e.millesimes.join(",")}>${e.source} — ${millesimes(e.millesimes)}${e.geographies.length ? ` (géographie ${e.geographies.join(", ")})` : ""}</li>`)}</ul>`;
    }
  };
}

function millesimes(list) {
  if (!list.length) return "millésime non indiqué par le fichier";
  if (list.length === 1) return `millésime ${list[0]}`;
  return `millésimes ${list.slice(0, -1).join(", ")} et ${list.at(-1)}`;
}
