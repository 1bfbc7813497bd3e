// Charts of the site, as functions of (data, {width}). Each returns vector SVG with a text alternative
// (role="img" and aria-label); the figures are always also in a table on the same page.
import * as Plot from "@observablehq/plot";
import {svg} from "htl";
import {formatNombre} from "./format.js";
import {enMots} from "./statut.js";

const PRINCIPAL = "#1f4e79";
const REFERENCE = "#a9b4c0";
const DASHES = ["6,3", "2,2", "10,3,2,3"];
const DASH_LABELS = ["– –", "· · ·", "– · –"];

function accessible(figure, texte) {
  figure.setAttribute("role", "img");
  figure.setAttribute("aria-label", texte);
  return figure;
}

/**
 * Small horizontal bars: the territory (dark) beside its references (grey), labelled by name so the chart
 * reads in black and white. `lignes`: [{libelle, valeur (a page value object), principal}]. Drawn as plain SVG:
 * a portrait holds 40 of them, and four bars do not need a plotting library.
 */
export function comparaison(lignes, {width = 220, indicateur}) {
  const texte = `${indicateur.libelle} : ${lignes.map((ligne) => `${ligne.libelle} ${enMots(ligne.valeur, indicateur)}`).join(" ; ")}.`;
  const values = lignes.map((ligne) => (ligne.valeur?.statut === "ok" ? ligne.valeur.valeur : null));
  if (values.every((v) => v == null)) {
    const span = document.createElement("span");
    span.className = "graphique-vide";
    span.textContent = "pas de graphique (aucune valeur)";
    return span;
  }
  const row = 14;
  const left = 56;
  const height = row * lignes.length + 4;
  const known = values.filter((v) => v != null);
  const low = Math.min(0, ...known);
  const high = Math.max(0, ...known) || 1;
  const x = (v) => left + ((v - low) / (high - low || 1)) * (width - left - 4);
  const short = (d) => (d.length > 11 ? `${d.slice(0, 10)}…` : d);
  const chart = svg`<svg class="comparaison" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${texte} font-size="10" font-family="system-ui, sans-serif">
    ${lignes.map((ligne, i) => {
      const y = 2 + i * row;
      const v = values[i];
      return svg`<text x=${left - 4} y=${y + row / 2} dy="0.32em" text-anchor="end" fill="currentColor">${short(ligne.libelle)}</text>
        ${v == null
          ? svg`<text x=${x(0) + 3} y=${y + row / 2} dy="0.32em" font-size="8" fill="currentColor">${enMots(ligne.valeur, indicateur)}</text>`
          : svg`<rect x=${Math.min(x(0), x(v))} y=${y + 2} width=${Math.max(0.5, Math.abs(x(v) - x(0)))} height=${row - 4} fill=${ligne.principal ? PRINCIPAL : REFERENCE}></rect>`}`;
    })}
    <line x1=${x(0)} x2=${x(0)} y1="0" y2=${height} stroke="#333"></line>
  </svg>`;
  return chart;
}

/**
 * The EPCIs ranked on one indicator, with vertical reference lines for the département, the région and
 * France, each labelled in words. `epcis`: [{libelle, valeur (number)}]; `references`: [{libelle, valeur}].
 */
export function classement(epcis, {width, indicateur, references = [], surligne}) {
  const rows = epcis.filter((d) => d.valeur != null).sort((a, b) => b.valeur - a.valeur);
  const refs = references.filter((d) => d.valeur != null);
  const format = formatNombre(indicateur.decimales);
  const values = [...rows, ...refs].map((d) => d.valeur);
  const texte = `${indicateur.libelle}, EPCI classés de la valeur la plus élevée à la plus faible : ${rows.map((d) => `${d.libelle} ${format(d.valeur)}`).join(" ; ")}. Références : ${refs.map((d) => `${d.libelle} ${format(d.valeur)}`).join(" ; ")}.`;
  const plot = Plot.plot({
    width,
    height: 24 * rows.length + 60,
    marginLeft: Math.min(260, width / 2.6),
    marginRight: 60,
    marginTop: 36,
    style: {fontSize: "12px"},
    x: {grid: true, label: indicateur.unite, tickFormat: format, domain: [Math.min(0, ...values), Math.max(0, ...values) * 1.05 || 1]},
    y: {domain: rows.map((d) => d.libelle), label: null},
    marks: [
      Plot.barX(rows, {x: "valeur", y: "libelle", fill: (d) => (d.libelle === surligne ? PRINCIPAL : "#6f8fb0")}),
      Plot.text(rows, {x: "valeur", y: "libelle", text: (d) => format(d.valeur), textAnchor: "start", dx: 4, fill: "currentColor"}),
      // One dash pattern per reference, named in its label: distinguishable without colour.
      ...refs.map((d, i) => Plot.ruleX([d], {x: "valeur", stroke: "#222", strokeWidth: 1.5, strokeDasharray: DASHES[i % DASHES.length]})),
      ...refs.map((d, i) => Plot.text([d], {x: "valeur", frameAnchor: "top", dy: -32 + 11 * i, text: (r) => `${DASH_LABELS[i % DASHES.length]} ${r.libelle} : ${format(r.valeur)}`, fontSize: 10, fill: "currentColor"})),
      Plot.ruleX([0])
    ]
  });
  return accessible(plot, texte);
}
