// The demo-data warning and the provenance line shown at the top of every page (screen and print).
import {html} from "htl";
import {formatDate} from "./format.js";

export function bandeauDemo(site) {
  if (!site.demo) return html`<span class="sr-only">Données officielles.</span>`;
  return html`<div class="bandeau-demo" role="alert">
    <strong>Données de démonstration</strong> — ces chiffres sont générés pour tester l'observatoire : ils ne sont pas des
    statistiques officielles et ne doivent pas être diffusés comme tels.
  </div>`;
}

export function provenance(site) {
  return html`<p class="provenance">Observatoire territorial du GIP Gers Solidaire · ${site.territoire.libelle} (${site.territoire.code_departement}) · géographie au 1ᵉʳ janvier ${site.territoire.geo_annee} · site produit le ${formatDate(new Date(site.genere_le))}${site.demo ? " · données de démonstration" : ""}</p>`;
}
