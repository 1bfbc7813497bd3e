// The « Comparer » page's widget: 2 to 4 territories of any level picked in lists, the 40 indicators side by side
// with the portraits' status marks, the selection kept in the page address (a link to share) and a CSV of it.
import {html} from "htl";
import {valeurOuStatut} from "./statut.js";
import {adresseSelection, csvSelection, lireSelection, MAX_TERRITOIRES, MIN_TERRITOIRES, NIVEAUX, territoires, valeurDe} from "./comparer-donnees.js";

/** Kept with the widget, so that the shared style sheet stays untouched. */
const STYLE = `
.comparateur .choix-territoires {display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem 1rem; max-width: none;}
.comparateur .choix-territoire {display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600;}
.comparateur .choix-territoire select {font: inherit; font-weight: normal; max-width: 100%;}
.comparateur .defilement {overflow-x: auto; max-width: 100%;}
.comparateur table.comparaison {width: 100%; max-width: none; border-collapse: collapse;}
.comparateur table.comparaison th, .comparateur table.comparaison td {padding: 0.35rem 0.5rem; vertical-align: top; border-bottom: 1px solid #d8dde3;}
.comparateur table.comparaison thead th {vertical-align: bottom;}
.comparateur .niveau-territoire {display: block; font-weight: normal; font-size: 0.85em; color: #555;}
.comparateur table.comparaison tbody th {font-weight: normal; min-width: 14rem;}
@media print {.comparateur .choix-territoires, .comparateur .telechargements {display: none;}}
`;

export function comparateur({site, catalogue, references, communesValeurs, selectionInitiale}) {
  const tous = territoires(site);
  const parCle = new Map(tous.map((t) => [t.cle, t]));
  const donnees = {references, communesValeurs};
  let cles = lireSelection(location.search, location.hash, new Set(parCle.keys()));
  if (cles.length < MIN_TERRITOIRES) cles = selectionInitiale.filter((cle) => parCle.has(cle)).slice(0, MAX_TERRITOIRES);

  const listes = Array.from({length: MAX_TERRITOIRES}, (_, index) => html`<label class="choix-territoire">Territoire ${index + 1}${index < MIN_TERRITOIRES ? "" : " (facultatif)"}
    <select name=${`territoire-${index + 1}`}>
      <option value="">${index < MIN_TERRITOIRES ? "— choisir —" : "— aucun —"}</option>
      ${NIVEAUX.map((niveau) => html`<optgroup label=${niveau.libelle}>${tous.filter((t) => t.niveau === niveau.id).map((t) => html`<option value=${t.cle}>${t.libelle}${t.niveau === "commune" ? ` (${t.code})` : ""}</option>`)}</optgroup>`)}
    </select></label>`);
  const resultat = html`<div class="comparaison-resultat" aria-live="polite"></div>`;
  const lien = html`<a class="lien-partage" href="">Lien vers cette comparaison</a>`;
  const csv = html`<a class="telecharger-csv" download="comparaison.csv" href="">Télécharger la comparaison (CSV)</a>`;
  let urlCsv = null;

  function dessiner() {
    const choisis = cles.map((cle) => parCle.get(cle));
    if (choisis.length < MIN_TERRITOIRES) {
      resultat.replaceChildren(html`<p>Choisissez au moins ${MIN_TERRITOIRES} territoires.</p>`);
      csv.hidden = true;
      return;
    }
    csv.hidden = false;
    const adresse = adresseSelection(cles);
    history.replaceState(null, "", adresse);
    lien.href = adresse;
    if (urlCsv) URL.revokeObjectURL(urlCsv);
    urlCsv = URL.createObjectURL(new Blob(["\ufeff", csvSelection(choisis, catalogue, donnees)], {type: "text/csv;charset=utf-8"}));
    csv.href = urlCsv;
    resultat.replaceChildren(...site.themes
      .map((theme) => ({theme, indicateurs: catalogue.filter((i) => i.theme === theme.id)}))
      .filter(({indicateurs}) => indicateurs.length)
      .map(({theme, indicateurs}) => html`<section class="theme">
        <h2>${theme.libelle}</h2>
        <div class="defilement"><table class="comparaison">
          <caption class="sr-only">${theme.libelle} : ${choisis.map((t) => t.libelle).join(", ")}</caption>
          <thead><tr><th scope="col">Indicateur</th>${choisis.map((t) => html`<th scope="col" class="num" data-territoire=${t.cle}>${t.libelle}<span class="niveau-territoire">${NIVEAUX.find((n) => n.id === t.niveau).libelle}</span></th>`)}</tr></thead>
          <tbody>${indicateurs.map((i) => html`<tr data-indicateur=${i.id_indicateur}>
            <th scope="row"><span class="libelle">${i.numero}. ${i.libelle}</span>${i.unite ? html` <span class="source">(${i.unite})</span>` : ""}</th>
            ${choisis.map((t) => html`<td class="num" data-territoire=${t.cle}>${valeurOuStatut(valeurDe(t, i.id_indicateur, donnees), i, {court: true})}</td>`)}
          </tr>`)}</tbody>
        </table></div>
      </section>`));
  }

  listes.forEach((label, index) => {
    const select = label.querySelector("select");
    select.value = cles[index] ?? "";
    select.addEventListener("change", () => {
      cles = [...new Set(listes.map((l) => l.querySelector("select").value).filter(Boolean))];
      dessiner();
    });
  });
  dessiner();
  return html`<div class="comparateur">
    <style>${STYLE}</style>
    <form class="choix-territoires" onsubmit=${(event) => event.preventDefault()}>${listes}</form>
    <p class="telechargements">${lien} · ${csv}</p>
    ${resultat}
  </div>`;
}
