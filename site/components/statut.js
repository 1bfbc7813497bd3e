// Status marks (secret, missing, not applicable, fragile): a symbol and words, never colour alone, so they
// survive black-and-white printing and screen readers.
import {html} from "htl";
import {formatEntier, valeurAvecUnite, valeurCourte} from "./format.js";

export const STATUTS = {
  secret: {symbole: "s", court: "secret", texte: "Secret statistique : la source ne diffuse pas cette valeur (petits effectifs) ; elle n'est jamais comptée comme zéro."},
  manquant: {symbole: "–", court: "manquant", texte: "Donnée manquante : la source n'est pas chargée ou la case est vide."},
  non_applicable: {symbole: "so", court: "sans objet", texte: "Sans objet : l'indicateur ne s'applique pas ici (dénominateur nul, ou territoire hors du champ de la source, comme l'activité du GIP hors du département)."},
  fragile: {symbole: "!", court: "fragile", texte: "Valeur fragile : estimée sur l'échantillon de l'exploitation complémentaire du recensement pour une petite population ; à lire avec prudence."}
};

/** A value cell's content: the figure, or the status in words; a fragile figure keeps a visible warning. */
export function valeurOuStatut(valeur, indicateur, {court = false} = {}) {
  if (!valeur) return marque("manquant", "aucune valeur calculée à ce niveau");
  if (valeur.statut !== "ok") return marque(valeur.statut, valeur.motif);
  const figure = html`<span class="nombre">${(court ? valeurCourte : valeurAvecUnite)(valeur.valeur, indicateur)}</span>`;
  return valeur.fiabilite === "fragile" ? html`${figure} ${marque("fragile")}` : figure;
}

/**
 * A reason in readers' words: the computation's reasons may name variable codes (« variable absente de l'entrepôt :
 * Cyy_MEN »); those stay in the specialists' block.
 */
export function motifLecteur(motif) {
  if (!motif) return motif;
  if (/absentes? de l'entrepôt/.test(motif)) return "une donnée nécessaire au calcul n'est publiée par aucun fichier chargé";
  return motif.replace(CODES, "").replace(/\s+\(\s*\)/g, "").replace(/\s{2,}/g, " ").trim();
}

/** Variable codes as the sources name them (P22_POP, Cyy_MEN, MEDyy, indfoy_rsa, BPE_PHARMACIE…). */
export const CODES = /\b(?:[PC](?:yy|\d{2})_[A-Z0-9_]+|[A-Z][A-Z0-9]*yy(?:yy)?\b|ind(?:foy|nbp)_[a-z_]+|txcouv[a-z_]*|(?:BPE|GIP|ACCES)_[A-Z0-9_]+)/g;

export function marque(statut, motif, {explication = true} = {}) {
  const s = STATUTS[statut] ?? STATUTS.manquant;
  motif = motifLecteur(motif);
  const titre = motif ? `${s.texte} Motif : ${motif}.` : s.texte;
  return html`<span class="marque marque-${statut}" title=${titre}><span aria-hidden="true" class="marque-symbole">${s.symbole}</span> ${s.court}${explication ? html`<span class="sr-only"> (${titre})</span>` : ""}</span>`;
}

/** The legend printed under every table that may hold a status mark. */
export function legendeStatuts(seuil) {
  return html`<div class="legende-statuts" role="note">
    <p><strong>Lire les marques :</strong></p>
    <ul>
      <li>${marque("secret", null, {explication: false})} ${STATUTS.secret.texte}</li>
      <li>${marque("manquant", null, {explication: false})} ${STATUTS.manquant.texte}</li>
      <li>${marque("non_applicable", null, {explication: false})} ${STATUTS.non_applicable.texte}</li>
      <li>${marque("fragile", null, {explication: false})} ${seuil ? `Valeur fragile : estimée sur l'échantillon de l'exploitation complémentaire du recensement, avec moins de ${formatEntier(seuil)} personnes ou ménages au dénominateur ; à lire avec prudence.` : STATUTS.fragile.texte}</li>
    </ul>
  </div>`;
}

/** A sentence saying why a value is absent, for the text alternative of charts. */
export function enMots(valeur, indicateur) {
  if (!valeur) return "valeur non calculée";
  if (valeur.statut === "ok") return `${valeurAvecUnite(valeur.valeur, indicateur)}${valeur.fiabilite === "fragile" ? " (valeur fragile)" : ""}`;
  return STATUTS[valeur.statut]?.court ?? valeur.statut;
}
