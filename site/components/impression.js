// What a portrait or a sheet needs around its content: its download links (PDF and CSV, shown only when the file
// is there), the print mode of the annex, and the method notes of its last page.
import {html} from "htl";
import {formatEntier} from "./format.js";

/** `?annexe` prints the annex alone (observatoire pdf --annexe): the print stylesheet reads this class. */
export function modeImpression() {
  document.documentElement.classList.toggle("impression-annexe", new URLSearchParams(location.search).has("annexe"));
}

/**
 * « Télécharger » links of a page. The CSV files are always written with the site; a PDF exists only once
 * `observatoire pdf` has printed it, so its link appears only when the file answers (no dead link).
 */
export function liensTelechargement(fichiers, {pdf, annexe} = {}) {
  const racine = location.pathname.replace(/[^/]*$/, "../");
  const lien = (chemin, texte) => html`<a href=${`${racine}${chemin}`} download>${texte}</a>`;
  const paragraphe = html`<p class="telechargements ecran-seulement">Télécharger :
    <span class="liens-pdf"></span>
    ${lien(fichiers.csv, "les valeurs de la page (CSV)")} ·
    ${lien(fichiers.csv_excel, "les mêmes pour Excel en français (CSV « ; »)")}</p>`;
  const pdfs = paragraphe.querySelector(".liens-pdf");
  const voulus = [[fichiers.pdf, pdf], [fichiers.annexe, annexe]].filter(([chemin, texte]) => chemin && texte);
  // The pdf step lists what it printed (telechargements/pdf/index.json): no request for a file that is not there.
  fetch(`${racine}telechargements/pdf/index.json`).then((r) => (r.ok ? r.json() : []), () => []).then((imprimes) => {
    const presents = new Set(imprimes.map((relatif) => `telechargements/pdf/${relatif}`));
    const liens = voulus.filter(([chemin]) => presents.has(chemin)).map(([chemin, texte]) => lien(chemin, `« Télécharger le PDF » : ${texte}`));
    pdfs.replaceChildren(...liens.flatMap((a) => [a, document.createTextNode(" · ")]));
  });
  return paragraphe;
}

/** The method notes of the last page: how the figures are computed and how « À retenir » is written. */
export function noteMethode({site, nbEpci, territoire, commune = false}) {
  const pairs = commune ? `les ${formatEntier(site.communes.length)} communes du ${territoire.libelle}` : `les ${nbEpci} EPCI du ${territoire.libelle}`;
  return html`<div class="methode">
    <h2 class="h-feuille">Méthode</h2>
    <ul>
      <li><strong>Taux</strong> : somme des numérateurs des communes divisée par la somme de leurs dénominateurs, jamais une moyenne de taux communaux.
        Médianes, taux de pauvreté et taux de couverture de la CNAF sont repris tels que publiés pour chaque territoire.</li>
      <li><strong>Secret statistique</strong> : une valeur que la source ne diffuse pas reste « secret » et n'est jamais comptée comme zéro ;
        l'activité du GIP masque tout effectif de 1 à 4.</li>
      <li><strong>Fragilité</strong> : une valeur estimée sur l'échantillon du recensement (ménages, familles, catégories sociales) est « fragile »
        sous ${formatEntier(site.seuil_fragilite)} ménages ou personnes.</li>
      <li><strong>Évolutions</strong> : entre deux recensements distants d'au moins cinq ans ; pour un taux, en points.</li>
      <li><strong>« À retenir »</strong> : règles fixes, appliquées ${commune ? "à toutes les fiches" : "à tous les portraits"}.
        (1) Écarts : pour chaque indicateur, l'écart ${commune ? "de la commune" : "de l'EPCI"} au ${territoire.libelle}, divisé par l'écart-type entre ${pairs} ;
        (2) évolutions : l'écart de son évolution à celle du ${territoire.libelle}, divisé de même.
        Sont retenus d'abord les écarts d'au moins 1 écart-type (3 au plus, un par thème) et les évolutions d'au moins 1 écart-type (2 au plus),
        puis, pour atteindre 4 phrases, les suivants à partir d'un demi écart-type ; 6 phrases au plus.
        Aucune phrase ne repose sur une valeur secrète, manquante ou fragile, ni sur les effectifs (population) ou l'activité du GIP ;
        chaque phrase cite ses chiffres, ceux de l'export <em>indicateurs.csv</em>.</li>
      <li><strong>Activité du GIP</strong> (indicateurs 37 à 40) : « sans objet » hors du ${territoire.libelle}, où le GIP n'agit pas.</li>
    </ul>
  </div>`;
}
