// « Quartiers (IRIS) » on a commune sheet: the values INSEE publishes for each IRIS of the commune (Filosofi at the
// IRIS), as published; a non-significant (« ns ») or secret cell keeps its status, never a figure.
import {html} from "htl";
import {formatNombre} from "./format.js";
import {marque} from "./statut.js";

const COLONNES = [
  {racine: "DEC_MEDyy", libelle: "Médiane du revenu déclaré par unité de consommation", unite: "€", decimales: 0},
  {racine: "DEC_TP60yy", libelle: "Taux de bas revenus déclarés au seuil de 60 %", unite: "%", decimales: 1},
  {racine: "DISP_MEDyy", libelle: "Médiane du revenu disponible par unité de consommation", unite: "€", decimales: 0},
  {racine: "DISP_TP60yy", libelle: "Taux de pauvreté au seuil de 60 %", unite: "%", decimales: 1}
];

const MARQUES = {
  non_significatif: ["secret", "non significatif (« ns ») : l'Insee ne publie pas de valeur assez précise pour cet IRIS"],
  secret: ["secret", "secret statistique"],
  sans_objet: ["non_applicable", "sans objet (« so »)"]
};

function cellule(valeur, colonne) {
  if (!valeur) return marque("manquant", "absent du fichier IRIS chargé");
  if (valeur.statut === "ok" && valeur.valeur != null) return `${formatNombre(colonne.decimales)(valeur.valeur)}${colonne.unite === "%" ? "\u202f%" : "\u00a0€"}`;
  const [statut, motif] = MARQUES[valeur.statut] ?? ["manquant", "case vide dans le fichier publié"];
  return html`${marque(statut, motif)}${valeur.statut === "non_significatif" ? html` <span class="source">(ns)</span>` : ""}`;
}

/** The section's content for a commune's IRIS list, or a sentence when none is loaded. */
export function sectionQuartiers(iris, {commune}) {
  if (!iris?.length) return html`<p>Aucune donnée à l'IRIS n'est chargée pour ${commune}. L'Insee découpe en IRIS (« quartiers » d'environ 2 000 habitants) les communes de 5 000 habitants ou plus ; déposez les fichiers Filosofi à l'IRIS (<code>BASE_TD_FILO_IRIS_AAAA_DEC.csv</code>, <code>_DISP.csv</code>) dans le dossier de données.</p>`;
  const colonnes = COLONNES.filter((c) => iris.some((i) => i.valeurs[c.racine]));
  const millesimes = [...new Set(iris.flatMap((i) => Object.values(i.valeurs).map((v) => v.millesime)))].sort();
  return html`<p>Valeurs publiées par l'Insee pour chaque IRIS de ${commune} (Filosofi, millésime ${millesimes.join(", ")}), telles quelles : jamais recalculées, une case « ns » (non significative) reste sans valeur.</p>
  <div class="defilement-iris" style="overflow-x: auto"><table class="iris" data-iris-commune=${commune}>
    <caption class="sr-only">Revenus et pauvreté par IRIS de ${commune}</caption>
    <thead><tr><th scope="col">IRIS</th>${colonnes.map((c) => html`<th scope="col" class="num">${c.libelle}</th>`)}</tr></thead>
    <tbody>${iris.map((i) => html`<tr data-iris=${i.code}><th scope="row">${i.code}</th>${colonnes.map((c) => html`<td class="num" data-racine=${c.racine}>${cellule(i.valeurs[c.racine], c)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}
