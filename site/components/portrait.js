// The blocks of a portrait and of a commune sheet: key figures, « À retenir », commune map, age structure, small
// comparisons, time series, access map. Each chart is vector SVG with a text alternative, drawn at the width it
// prints at (a half or a full A4 column); every figure it draws registers its source with `vues` (sources.js).
import * as Plot from "@observablehq/plot";
import {html, svg} from "htl";
import {PROJECTION} from "./cartes.js";
import {formatEntier, formatNombre, nombre, rang, suffixe, valeurAvecUnite, valeurCourte, variation} from "./format.js";
import {enMots, valeurOuStatut} from "./statut.js";

export const COULEURS = {principal: "#1f4e79", reference: "#6f8fb0", seconde: "#a9b4c0"};
const TRAITS = [null, "5,3", "2,2"];
/** Printed column widths at 96 dpi (A4, 12 mm margins): the charts are drawn at the size they print. */
export const LARGEUR = {pleine: 700, demi: 340};

const indicateurDe = (catalogue) => {
  const byId = new Map(catalogue.map((i) => [i.id_indicateur, i]));
  return (id) => byId.get(id);
};

function accessible(figure, texte) {
  figure.setAttribute("role", "img");
  figure.setAttribute("aria-label", texte);
  return figure;
}

/**
 * The key figures: one row per indicator, the territory then its references, with the rank when given.
 * colonnes: [{libelle, niveau, valeur: (id) => page value}], rangs: (id) => text or null.
 */
export function chiffresCles(ids, {catalogue, colonnes, vues, rangs, legende, enteteRang = "Rang"}) {
  const indicateur = indicateurDe(catalogue);
  const lignes = ids.map(indicateur).filter(Boolean);
  for (const i of lignes) for (const c of colonnes) vues.valeur(i.id_indicateur, c.valeur(i.id_indicateur));
  // A phone column is narrower than five figures side by side: the table scrolls in its own box, never the page.
  return html`<div class="tableau-defilant"><table class="cles">
    <caption class="sr-only">${legende}</caption>
    <thead><tr><th scope="col">Indicateur</th>${colonnes.map((c) => html`<th scope="col" class="num">${c.libelle}</th>`)}${rangs ? html`<th scope="col" class="num">${enteteRang}</th>` : ""}</tr></thead>
    <tbody>${lignes.map((i) => html`<tr data-indicateur=${i.id_indicateur}>
      <th scope="row">${i.libelle_court}<span class="unite-cle">${uniteCourte(i)}</span></th>
      ${colonnes.map((c) => html`<td class="num" data-niveau=${c.niveau}>${valeurOuStatut(c.valeur(i.id_indicateur), i, {court: true})}</td>`)}
      ${rangs ? html`<td class="num rang-cle">${rangs(i.id_indicateur) ?? "—"}</td>` : ""}
    </tr>`)}</tbody>
  </table></div>`;
}

/** The unit under a short label when the cell does not say it (rates per 100, indices…). */
function uniteCourte(i) {
  if (["%", "€", "%/an"].includes(i.unite)) return i.unite === "%/an" ? " (% par an)" : "";
  if (i.unite === "indice" || i.unite === "ratio") return "";
  // Short labels of rates already say their base (« RSA pour 100 ménages »): not twice.
  if (i.libelle_court.includes(i.unite)) return "";
  return ` (${i.unite})`;
}

/** « À retenir »: the sentences written by the rules of pipelines/publish/a-retenir.ts, each with its figures. */
export function aRetenir(phrases, {vide}) {
  if (!phrases?.length) return html`<p class="a-retenir-vide">${vide}</p>`;
  return html`<ul class="a-retenir">${phrases.map((p) => html`<li data-regle=${p.regle} data-indicateur=${p.id_indicateur} data-figures=${JSON.stringify(p.figures)}>${p.texte}</li>`)}</ul>`;
}

/**
 * The territory's communes on the département: its communes outlined and tinted, the others in grey, and the names
 * of its largest communes (a map one reads without a legend).
 */
export function carteCommunes(features, {membres, noms, width = LARGEUR.demi, titre}) {
  const dedans = features.filter((f) => membres.has(f.properties.code));
  const dehors = features.filter((f) => !membres.has(f.properties.code) && f.properties.code_epci && touches(f, dedans));
  const nommees = dedans.filter((f) => noms.has(f.properties.code));
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.82),
    projection: {...PROJECTION, domain: {type: "FeatureCollection", features: dedans}, inset: 8},
    marks: [
      Plot.geo(dehors, {fill: "#eceff2", stroke: "#fff", strokeWidth: 0.5}),
      Plot.geo(dedans, {fill: "#c9d8e8", stroke: "#fff", strokeWidth: 0.6}),
      Plot.geo({type: "FeatureCollection", features: dedans}, {stroke: COULEURS.principal, strokeWidth: 0.3}),
      Plot.dot(nommees, Plot.centroid({r: 2.5, fill: "#111"})),
      Plot.text(nommees, Plot.centroid({text: (f) => noms.get(f.properties.code), dy: -8, fontSize: 10, fontWeight: 600, fill: "#111", stroke: "#fff", strokeWidth: 3}))
    ]
  });
  return html`<figure class="carte carte-communes">${accessible(plot, `${titre} : ${dedans.length} communes en bleu ; points nommés : ${[...noms.values()].join(", ")}.`)}</figure>`;
}

/** Neighbouring shapes only (bounding boxes that overlap), so the map stays on the territory. */
function touches(feature, dedans) {
  const box = bbox(feature);
  return dedans.some((other) => {
    const b = bbox(other);
    return box[0] <= b[2] + 0.05 && box[2] >= b[0] - 0.05 && box[1] <= b[3] + 0.05 && box[3] >= b[1] - 0.05;
  });
}

const boxes = new WeakMap();
function bbox(feature) {
  if (boxes.has(feature)) return boxes.get(feature);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coordinates) => {
    if (typeof coordinates[0] === "number") {
      box[0] = Math.min(box[0], coordinates[0]);
      box[1] = Math.min(box[1], coordinates[1]);
      box[2] = Math.max(box[2], coordinates[0]);
      box[3] = Math.max(box[3], coordinates[1]);
    } else for (const c of coordinates) visit(c);
  };
  visit(feature.geometry.coordinates);
  boxes.set(feature, box);
  return box;
}

/**
 * Age structure: the share of each age band, the territory beside its references, as grouped bars labelled in
 * words (readable in black and white). `lignes`: [{libelle, effectifs (per band) or null}].
 */
export function structureAges(lignes, {tranches, width = LARGEUR.demi, millesime}) {
  const data = lignes.flatMap((ligne, k) => {
    const effectifs = ligne.effectifs;
    if (!effectifs || effectifs.some((v) => v == null)) return [];
    const total = effectifs.reduce((a, b) => a + b, 0);
    return effectifs.map((v, t) => ({territoire: ligne.libelle, rangTerritoire: k, tranche: tranches[t], part: (v / total) * 100}));
  });
  if (!data.length) return html`<p class="graphique-vide">Structure par âge non disponible (tranches d'âge du recensement non chargées).</p>`;
  const noms = [...new Set(data.map((d) => d.territoire))];
  const plot = Plot.plot({
    width,
    height: 26 + tranches.length * (noms.length * 8 + 6),
    marginLeft: 78,
    marginRight: 34,
    marginTop: 4,
    style: {fontSize: "9px"},
    x: {label: null, axis: null, domain: [0, Math.max(...data.map((d) => d.part)) * 1.15]},
    y: {domain: noms, axis: null},
    fy: {domain: tranches, label: null, padding: 0.12},
    color: {domain: noms, range: [COULEURS.principal, COULEURS.reference, COULEURS.seconde]},
    marks: [
      Plot.barX(data, {fy: "tranche", y: "territoire", x: "part", fill: "territoire"}),
      Plot.text(data, {fy: "tranche", y: "territoire", x: "part", text: (d) => `${formatNombre(1)(d.part)}\u202f%`, dx: 3, textAnchor: "start", fontSize: 8, fill: "currentColor"}),
      Plot.ruleX([0])
    ]
  });
  const legende = html`<p class="legende-series">${noms.map((nom, k) => html`<span><svg width="14" height="9" aria-hidden="true"><rect width="14" height="9" fill=${[COULEURS.principal, COULEURS.reference, COULEURS.seconde][k]}></rect></svg> ${nom}</span>`)}</p>`;
  const texte = `Répartition de la population par âge (recensement ${millesime}) : ${noms.map((nom) => `${nom} : ${data.filter((d) => d.territoire === nom).map((d) => `${d.tranche} ${formatNombre(1)(d.part)} %`).join(", ")}`).join(" ; ")}.`;
  return html`<figure class="graphique">${legende}${accessible(plot, texte)}</figure>`;
}

/**
 * One indicator as small labelled bars: the territory, then its references, each with its figure or its status in
 * words. `lignes`: [{libelle, valeur (page value), principal}].
 */
export function miniComparaison(indicateur, lignes, {width = LARGEUR.demi, evolution} = {}) {
  const values = lignes.map((l) => (l.valeur?.statut === "ok" ? l.valeur.valeur : null));
  const known = values.filter((v) => v != null);
  const left = 84;
  const right = 64;
  const row = 13;
  const top = 2;
  const height = top + row * lignes.length + 2;
  const low = Math.min(0, ...known);
  const high = Math.max(0, ...known) || 1;
  const x = (v) => left + ((v - low) / (high - low || 1)) * (width - left - right);
  const texte = `${indicateur.libelle} : ${lignes.map((l) => `${l.libelle} ${enMots(l.valeur, indicateur)}`).join(" ; ")}.`;
  const court = (d) => (d.length > 15 ? `${d.slice(0, 14)}…` : d);
  return html`<div class="mini" data-indicateur=${indicateur.id_indicateur}>
    <p class="mini-titre">${indicateur.libelle_court}${uniteCourte(indicateur)}${evolution ? html` <span class="mini-evolution">${evolution}</span>` : ""}</p>
    ${svg`<svg width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${texte} font-size="9" font-family="system-ui, sans-serif">
      ${lignes.map((l, k) => {
        const y = top + k * row;
        const v = values[k];
        return svg`<text x=${left - 4} y=${y + row / 2} dy="0.32em" text-anchor="end" fill="currentColor" font-weight=${l.principal ? 700 : 400}>${court(l.libelle)}</text>
          ${v == null
            ? svg`<text x=${left + 2} y=${y + row / 2} dy="0.32em" fill="currentColor" font-style="italic">${enMots(l.valeur, indicateur)}</text>`
            : svg`<rect x=${Math.min(x(0), x(v))} y=${y + 2} width=${Math.max(0.5, Math.abs(x(v) - x(0)))} height=${row - 4} fill=${[COULEURS.principal, COULEURS.reference, COULEURS.seconde][k] ?? COULEURS.seconde}></rect>
               <text x=${x(v) + 3} y=${y + row / 2} dy="0.32em" fill="currentColor" font-weight=${l.principal ? 700 : 400}>${valeurCourte(v, indicateur)}${l.valeur.fiabilite === "fragile" ? " (fragile)" : ""}</text>`}`;
      })}
      <line x1=${x(0)} x2=${x(0)} y1="0" y2=${height} stroke="#333"></line>
    </svg>`}
  </div>`;
}

/** A grid of mini comparisons, each registering what it shows. */
export function comparaisons(ids, {catalogue, colonnes, vues, width = LARGEUR.demi, evolutions = false}) {
  const indicateur = indicateurDe(catalogue);
  return html`<div class="grille-mini">${ids.map(indicateur).filter(Boolean).map((i) => {
    for (const c of colonnes) vues.valeur(i.id_indicateur, c.valeur(i.id_indicateur), evolutions && c.principal ? ["actuel", "precedent"] : ["actuel"]);
    const principal = colonnes[0].valeur(i.id_indicateur);
    const evolution = evolutions && principal?.evolution != null ? `${variation(principal.evolution, i)} depuis ${principal.millesime_precedent}` : null;
    return miniComparaison(i, colonnes.map((c) => ({libelle: c.libelle, valeur: c.valeur(i.id_indicateur), principal: Boolean(c.principal)})), {width, evolution});
  })}</div>`;
}

/**
 * An indicator over time: one line per territory, dashes telling them apart without colour, the last value written
 * at the end of each line. `lignes`: [{libelle, points: [[annee, valeur|null, statut]]}].
 */
export function serieTemporelle(indicateur, lignes, {width = LARGEUR.demi, height = 150, note} = {}) {
  const data = lignes.flatMap((l, k) => (l.points ?? []).filter((p) => p[1] != null).map(([annee, valeur, statut]) => ({territoire: l.libelle, k, annee, valeur, fragile: statut === "f"})));
  if (new Set(data.map((d) => d.annee)).size < 2) return html`<p class="graphique-vide">${indicateur.libelle_court} : une seule année chargée, pas de série.</p>`;
  const annees = [...new Set(data.map((d) => d.annee))].sort();
  const derniers = lignes.map((l, k) => data.filter((d) => d.k === k).at(-1)).filter(Boolean);
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 36,
    marginRight: 70,
    marginTop: 8,
    style: {fontSize: "9px"},
    x: {type: "point", domain: annees, label: null, tickFormat: (d) => String(d)},
    y: {grid: true, label: null, tickFormat: formatNombre(indicateur.decimales ? 1 : 0), nice: true, zero: false},
    marks: [
      ...lignes.map((l, k) => Plot.line(data.filter((d) => d.k === k), {x: "annee", y: "valeur", stroke: [COULEURS.principal, COULEURS.reference, COULEURS.seconde][k], strokeWidth: k ? 1.5 : 2.5, strokeDasharray: TRAITS[k] ?? "1,2"})),
      Plot.dot(data, {x: "annee", y: "valeur", r: 2.2, fill: (d) => [COULEURS.principal, COULEURS.reference, COULEURS.seconde][d.k]}),
      Plot.text(derniers, {x: "annee", y: "valeur", text: (d) => `${valeurCourte(d.valeur, indicateur)} ${d.territoire.length > 10 ? `${d.territoire.slice(0, 9)}…` : d.territoire}`, dx: 5, textAnchor: "start", fontSize: 8, fill: "currentColor"})
    ]
  });
  const texte = `${indicateur.libelle}, par année : ${lignes.map((l) => `${l.libelle} : ${(l.points ?? []).map(([a, v, s]) => `${a} ${v == null ? (s === "s" ? "secret" : "manquant") : valeurCourte(v, indicateur)}`).join(", ")}`).join(" ; ")}.`;
  return html`<figure class="graphique serie" data-indicateur=${indicateur.id_indicateur}>
    <figcaption class="mini-titre">${indicateur.libelle_court}${uniteCourte(indicateur)}</figcaption>
    ${accessible(plot, texte)}${note ? html`<p class="note-serie">${note}</p>` : ""}
  </figure>`;
}

/** The legend of the series lines, once per block. */
export function legendeSeries(noms) {
  return html`<p class="legende-series">${noms.map((nom, k) => html`<span><svg width="22" height="8" aria-hidden="true"><line x1="0" x2="22" y1="4" y2="4" stroke=${[COULEURS.principal, COULEURS.reference, COULEURS.seconde][k]} stroke-width=${k ? 1.5 : 2.5} stroke-dasharray=${TRAITS[k] ?? "1,2"}></line></svg> ${nom}</span>`)}</p>`;
}

/**
 * Access to rights: the territory's communes shaded by the distance from their centre to the nearest point of access
 * (France services, tiers-lieu, camping-car stop), and those points.
 */
export function carteAcces(features, {distances, lieux, width = LARGEUR.demi, titre}) {
  const classe = (km) => (km == null ? "non calculée" : km <= 10 ? "10 km ou moins" : km <= 15 ? "10 à 15 km" : "plus de 15 km");
  const CLASSES = ["10 km ou moins", "10 à 15 km", "plus de 15 km", "non calculée"];
  const dedans = features.filter((f) => distances.has(f.properties.code));
  if (!dedans.length) return html`<p class="graphique-vide">Carte des distances non disponible (aucun contour de commune chargé).</p>`;
  const points = lieux.map(([longitude, latitude, nom, commune, categorie]) => ({longitude, latitude, nom, commune, categorie}));
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.82),
    projection: {...PROJECTION, domain: {type: "FeatureCollection", features: dedans}, inset: 10},
    color: {domain: CLASSES, range: ["#e8eef5", "#a9bfd8", "#1f4e79", "#fff"]},
    marks: [
      Plot.geo(dedans, {fill: (f) => classe(distances.get(f.properties.code)), stroke: "#fff", strokeWidth: 0.5}),
      Plot.geo({type: "FeatureCollection", features: dedans}, {stroke: "#333", strokeWidth: 0.3}),
      Plot.dot(points, {x: "longitude", y: "latitude", r: 4, symbol: (d) => (d.categorie === "camping_car" ? "triangle" : d.categorie === "tiers_lieu" ? "diamond" : "circle"), fill: "#fff", stroke: "#111", strokeWidth: 1.3})
    ]
  });
  const comptes = CLASSES.map((c) => [c, dedans.filter((f) => classe(distances.get(f.properties.code)) === c).length]).filter(([, n]) => n);
  return html`<figure class="carte carte-acces">${accessible(plot, `${titre} : ${comptes.map(([c, n]) => `${n} commune${n > 1 ? "s" : ""} à ${c}`).join(", ")} ; ${points.length} points d'accès les plus proches.`)}
    <figcaption class="legende-symboles">${comptes.map(([c], k) => html`<span><svg width="12" height="10" aria-hidden="true"><rect width="12" height="10" fill=${["#e8eef5", "#a9bfd8", "#1f4e79", "#fff"][CLASSES.indexOf(c)]} stroke="#777"></rect></svg> ${c}</span>`)}
      <span><svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4" fill="#fff" stroke="#111"></circle></svg> France services</span>
      <span><svg width="10" height="10" aria-hidden="true"><path d="M5 1 L9 5 L5 9 L1 5 Z" fill="#fff" stroke="#111"></path></svg> tiers-lieu</span>
      <span><svg width="10" height="10" aria-hidden="true"><path d="M5 1 L9 9 L1 9 Z" fill="#fff" stroke="#111"></path></svg> étape du camping-car</span></figcaption>
  </figure>`;
}

/** The rank of a commune in words: « 3ᵉ sur 12 dans l'EPCI · 45ᵉ sur 458 dans le Gers ». */
export function rangsCommune(r, territoire) {
  if (!r) return null;
  const [re, ne, rd, nd] = r;
  // Short (« 3ᵉ/34 · 45ᵉ/458 »): the column header names the two groups, so the key figures keep one line each.
  void territoire;
  return `${re != null ? `${rang(re)}/${formatEntier(ne)} · ` : ""}${rang(rd)}/${formatEntier(nd)}`;
}

export {formatEntier, nombre, suffixe, valeurAvecUnite};
