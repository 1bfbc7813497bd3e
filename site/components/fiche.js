// The full table of the indicators (a portrait's annex): one section per theme, one row per indicator with the
// territory's value, its references, rank, evolution, a small chart, the "why" sentence and status marks in words.
// Sources are listed once under the table (sources.js), not repeated on every row.
import {html} from "htl";
import {evolutionTexte, rang} from "./format.js";
import {comparaison} from "./graphiques.js";
import {motifLecteur, valeurOuStatut} from "./statut.js";

/**
 * colonnes: [{libelle, niveau (data-niveau for tests and styles), valeur: (indicateur) => page value object, principal?}]
 * rangs: show the rank among the territory's EPCIs (portraits); nbEpci: their number.
 */
export function sectionsThemes({site, catalogue, colonnes, rangs = false, nbEpci}) {
  return site.themes
    .map((theme) => ({theme, indicateurs: catalogue.filter((indicateur) => indicateur.theme === theme.id && colonnes[0].valeur(indicateur) !== undefined)}))
    .filter(({indicateurs}) => indicateurs.length)
    .map(({theme, indicateurs}) => html`<section class="theme" aria-labelledby=${`theme-${theme.id}`}>
      <h2 id=${`theme-${theme.id}`}>${theme.libelle}</h2>
      <div class="tableau-defilant"><table class=${`fiche fiche-${colonnes.length + (rangs ? 1 : 0)}`}>
        <colgroup><col class="col-indicateur">${colonnes.map(() => html`<col class="col-valeur">`)}${rangs ? html`<col class="col-rang">` : ""}<col class="col-evolution"><col class="col-graphique"></colgroup>
        <caption class="sr-only">${theme.libelle} : valeur de chaque indicateur pour ${colonnes[0].libelle}, comparée à ${colonnes.slice(1).map((c) => c.libelle).join(", ")}${rangs ? ", rang parmi les EPCI et évolution" : " et évolution"}.</caption>
        <thead><tr>
          <th scope="col" class="col-indicateur">Indicateur</th>
          ${colonnes.map((colonne) => html`<th scope="col" class="num">${colonne.libelle}</th>`)}
          ${rangs ? html`<th scope="col" class="num col-rang">Rang sur ${nbEpci}<span class="sr-only"> (1 = valeur la plus élevée)</span></th>` : ""}
          <th scope="col" class="num col-evolution">Évolution<span class="sr-only"> depuis le recensement précédent</span></th>
          <th scope="col" class="col-graphique">Comparaison</th>
        </tr></thead>
        <tbody>${indicateurs.map((indicateur) => ligne(indicateur, colonnes, rangs))}</tbody>
      </table></div>
    </section>`);
}

function ligne(indicateur, colonnes, rangs) {
  const principal = colonnes[0].valeur(indicateur);
  const millesime = principal?.millesime ?? indicateur.millesime;
  return html`<tr data-indicateur=${indicateur.id_indicateur}>
    <th scope="row" class="col-indicateur">
      <span class="libelle">${indicateur.numero}. ${indicateur.libelle}</span>
      <span class="pourquoi">${indicateur.pourquoi}</span>
      <span class="source">${millesime ? `Millésime ${millesime}` : "Millésime non disponible"}${indicateur.unite ? ` · unité : ${indicateur.unite}` : ""}</span>
      ${principal?.statut !== "ok" && principal?.motif ? html`<span class="motif">Motif : ${motifLecteur(principal.motif)}.</span>` : ""}
    </th>
    ${colonnes.map((colonne) => html`<td class="num" data-niveau=${colonne.niveau}>${valeurOuStatut(colonne.valeur(indicateur), indicateur, {court: true})}</td>`)}
    ${rangs ? html`<td class="num col-rang">${principal?.rang ? rang(principal.rang) : "—"}</td>` : ""}
    <td class="num col-evolution">${principal?.evolution != null ? html`${evolutionTexte(principal, indicateur, {court: true})}<span class="depuis">depuis ${principal.millesime_precedent}</span>` : "—"}</td>
    <td class="col-graphique">${indicateur.unite === "habitants"
      ? html`<span class="graphique-vide">effectif : territoires de tailles différentes, pas de comparaison</span>`
      : comparaison(
        colonnes.map((colonne) => ({libelle: colonne.court ?? colonne.libelle, valeur: colonne.valeur(indicateur), principal: Boolean(colonne.principal)})),
        {indicateur, width: 170}
      )}</td>
  </tr>`;
}

/** Printing from the browser opens the folded lists (a closed <details> would print as a bare title). */
export function ouvrirPourImpression() {
  addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details")) details.open = true;
  });
}
