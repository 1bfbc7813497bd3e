// Accessible sortable table: real <table> markup with a caption and scoped headers; each sortable header is a
// button (keyboard reachable) and announces its order through aria-sort.
import {html} from "htl";

/**
 * colonnes: [{libelle, valeur: (row) => sortable value, rendu?: (row) => node or text, numerique?, entete?}]
 * The column flagged `entete` renders as the row header (<th scope="row">).
 */
export function tableauTriable(lignes, {colonnes, legende, tri = 0, ordre = "ascending", classe = ""}) {
  let sortColumn = tri;
  let sortOrder = ordre;
  const tbody = document.createElement("tbody");
  const headers = colonnes.map((colonne, index) => {
    const button = html`<button type="button" class="tri">${colonne.libelle}<span class="tri-icone" aria-hidden="true"></span></button>`;
    button.addEventListener("click", () => {
      sortOrder = sortColumn === index && sortOrder === "ascending" ? "descending" : "ascending";
      sortColumn = index;
      render();
    });
    return html`<th scope="col" class=${colonne.numerique ? "num" : ""}>${button}</th>`;
  });
  const compare = (a, b) => {
    const va = colonnes[sortColumn].valeur(a);
    const vb = colonnes[sortColumn].valeur(b);
    // Rows without a value (secret, missing) always come last, whatever the order.
    if (va == null || vb == null) return va == null ? (vb == null ? 0 : 1) : -1;
    const order = typeof va === "string" ? va.localeCompare(vb, "fr") : va - vb;
    return sortOrder === "ascending" ? order : -order;
  };
  function render() {
    headers.forEach((th, index) => {
      if (index === sortColumn) th.setAttribute("aria-sort", sortOrder);
      else th.removeAttribute("aria-sort");
    });
    tbody.replaceChildren(
      ...[...lignes].sort(compare).map(
        (ligne) => html`<tr>${colonnes.map((colonne) => {
          const content = colonne.rendu ? colonne.rendu(ligne) : colonne.valeur(ligne);
          return colonne.entete ? html`<th scope="row">${content}</th>` : html`<td class=${colonne.numerique ? "num" : ""}>${content}</td>`;
        })}</tr>`
      )
    );
  }
  render();
  return html`<div class="tableau-defilant"><table class=${`tableau ${classe}`}>
    <caption>${legende} <span class="consigne">(cliquez sur un en-tête de colonne pour trier)</span></caption>
    <thead><tr>${headers}</tr></thead>${tbody}</table></div>`;
}
