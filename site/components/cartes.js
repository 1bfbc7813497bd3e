// Maps drawn from the exported contours (current COG). Without contours they return a French note on how to
// add them, never an empty frame. Values without a figure (secret, missing) are hatched and named in the legend.
import * as Plot from "@observablehq/plot";
import {html, svg} from "htl";
import {formatNombre} from "./format.js";

let patterns = 0;

/** Lambert-93's cone (France's official projection), fitted to each map's own features. */
export const PROJECTION = {type: "conic-conformal", parallels: [44, 49], rotate: [-3, 0]};

export function contoursDisponibles(contours) {
  return Boolean(contours?.disponible && contours.communes.features.length);
}

export function noteContours() {
  return html`<div class="note-contours" role="note">
    <p><strong>Carte non disponible :</strong> aucun contour de commune n'a été chargé dans l'entrepôt.
    Les tableaux et graphiques ci-dessous donnent toutes les valeurs.</p>
    <p class="commande">Pour afficher les cartes, déposez un fichier de contours communaux (GeoJSON ou TopoJSON, par exemple un
    extrait IGN ADMIN EXPRESS, avec le code commune dans une propriété <code>code</code>, <code>INSEE_COM</code> ou
    <code>insee</code>) dans votre dossier de données, puis relancez
    <code>npx observatoire pipeline --donnees &lt;dossier&gt;</code>.</p>
  </div>`;
}

/** The pattern that marks an area without a figure; `id` must be unique in the page. */
export function hachures(id) {
  return () => svg`<defs><pattern id=${id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="#fff"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="1.5"></line></pattern></defs>`;
}

/**
 * Choropleth: `features` (GeoJSON), `valeurs` Map code → number (absent: no figure), `libelles` Map code → name,
 * `liens` optional Map code → href (keyboard-reachable links on the shapes).
 */
export function choroplethe(features, {width, indicateur, valeurs, libelles, liens, contour, titre}) {
  const id = `hachures-${++patterns}`;
  const withValue = features.filter((f) => valeurs.has(f.properties.code));
  const without = features.filter((f) => !valeurs.has(f.properties.code));
  const format = formatNombre(indicateur.decimales);
  const name = (f) => libelles.get(f.properties.code) ?? f.properties.code;
  const collection = {type: "FeatureCollection", features};
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.85),
    projection: {...PROJECTION, domain: collection, inset: 6},
    color: {
      type: "quantile",
      n: 5,
      scheme: "blues",
      legend: true,
      label: `${indicateur.libelle} (${indicateur.unite})`,
      tickFormat: format,
      width: Math.min(width, 420)
    },
    marks: [
      hachures(id),
      Plot.geo(without, {fill: `url(#${id})`, stroke: "#555", strokeWidth: 0.4, title: (f) => `${name(f)} : pas de valeur (secret ou manquant)`, href: liens ? (f) => liens.get(f.properties.code) : undefined}),
      Plot.geo(withValue, {fill: (f) => valeurs.get(f.properties.code), stroke: "#fff", strokeWidth: 0.4, title: (f) => `${name(f)} : ${format(valeurs.get(f.properties.code))}`, href: liens ? (f) => liens.get(f.properties.code) : undefined}),
      contour ? Plot.geo(contour, {stroke: "#222", strokeWidth: 1.2}) : null
    ]
  });
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", `${titre ?? indicateur.libelle} : carte ; ${withValue.length} territoires ont une valeur, ${without.length} n'en ont pas (hachurés). Les valeurs sont données dans le tableau de la page.`);
  return html`<figure class="carte">${plot}${without.length ? html`<figcaption class="legende-hachures"><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill="url(#${id})" stroke="#555"></rect></svg> hachures : pas de valeur (secret statistique ou donnée manquante)</figcaption>` : ""}</figure>`;
}

/**
 * Locator map: every shape of `fond` in light grey, the `surligne` codes in dark, with their names listed in the
 * text alternative.
 */
export function situation(fond, {width, surligne, libelle, contour}) {
  const highlighted = fond.filter((f) => surligne.has(f.properties.code));
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.8),
    projection: {...PROJECTION, domain: {type: "FeatureCollection", features: fond}, inset: 6},
    marks: [
      Plot.geo(fond, {fill: "#e4e8ec", stroke: "#fff", strokeWidth: 0.6}),
      Plot.geo(highlighted, {fill: "#1f4e79", stroke: "#fff", strokeWidth: 0.4}),
      contour ? Plot.geo(contour, {stroke: "#222", strokeWidth: 1.2}) : null
    ]
  });
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", `Carte de situation : ${libelle}, en foncé.`);
  return html`<figure class="carte">${plot}</figure>`;
}

/**
 * The EPCIs, numbered on the map and listed under it with links: readable in black and white, and each shape is
 * itself a keyboard-reachable link to its portrait.
 */
export function carteEpci(features, {width, epcis, lien}) {
  const numero = new Map(epcis.map((epci, index) => [epci.code, index + 1]));
  const name = new Map(epcis.map((epci) => [epci.code, epci.libelle]));
  const shown = features.filter((f) => numero.has(f.properties.code));
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.85),
    projection: {...PROJECTION, domain: {type: "FeatureCollection", features: shown}, inset: 6},
    marks: [
      Plot.geo(shown, {fill: (f, i) => ["#dbe4ee", "#b9cbe0", "#9db6d3", "#e9eef3"][i % 4], stroke: "#1f4e79", strokeWidth: 1, href: (f) => lien(f.properties.code), title: (f) => name.get(f.properties.code), ariaLabel: (f) => name.get(f.properties.code)}),
      Plot.dot(shown, Plot.centroid({r: 10, fill: "#fff", stroke: "#1f4e79"})),
      Plot.text(shown, Plot.centroid({text: (f) => numero.get(f.properties.code), fontSize: 11, fontWeight: "bold", fill: "#000"}))
    ]
  });
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", `Carte des ${shown.length} EPCI, numérotés comme dans la liste qui suit.`);
  return html`<figure class="carte">${plot}</figure>`;
}
