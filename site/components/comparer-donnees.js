// The « Comparer » page's data logic, without any DOM: the territories a reader may pick (every level the site
// publishes), each one's value of an indicator as the portraits show it, the selection in the page address, and
// the CSV of a selection (cells safe to open in a spreadsheet). tests/unit/comparer.test.ts checks it.

export const NIVEAUX = [
  {id: "commune", libelle: "Communes"},
  {id: "epci", libelle: "EPCI"},
  {id: "perimetre", libelle: "Périmètres d'étude"},
  {id: "departement", libelle: "Département"},
  {id: "region", libelle: "Région"},
  {id: "france", libelle: "France"}
];

export const MIN_TERRITOIRES = 2;
export const MAX_TERRITOIRES = 4;

/** Status letters of communes-valeurs.json (pipelines/publish/site-files.ts, STATUT_CODES). */
const LETTRES = {o: {statut: "ok"}, f: {statut: "ok", fiabilite: "fragile"}, s: {statut: "secret"}, m: {statut: "manquant"}, n: {statut: "non_applicable"}};

/** Every territory a reader may pick, keyed « niveau:code ». */
export function territoires(site) {
  const t = site.territoire;
  return [
    ...site.communes.map((c) => ({cle: `commune:${c.code}`, niveau: "commune", code: c.code, libelle: c.libelle})),
    ...site.epcis.map((e) => ({cle: `epci:${e.code}`, niveau: "epci", code: e.code, libelle: e.rattachement === "limitrophe" ? `${e.libelle} (limitrophe)` : e.libelle})),
    ...(site.perimetres ?? []).map((p) => ({cle: `perimetre:${p.code}`, niveau: "perimetre", code: p.code, libelle: p.libelle})),
    {cle: `departement:${t.code_departement}`, niveau: "departement", code: t.code_departement, libelle: t.libelle},
    {cle: `region:${t.code_region}`, niveau: "region", code: t.code_region, libelle: t.libelle_region},
    {cle: "france:FRANCE", niveau: "france", code: "FRANCE", libelle: "France"}
  ];
}

/**
 * A territory's value of an indicator, in the shape the status marks read ({statut, valeur?, fiabilite?, motif?}),
 * or undefined when the indicator is not computed at that level.
 */
export function valeurDe(territoire, indicateurId, {references, communesValeurs}) {
  const reference = references[indicateurId];
  switch (territoire.niveau) {
    case "commune": {
      const index = communesValeurs.codes.indexOf(territoire.code);
      const statuts = communesValeurs.statuts[indicateurId];
      if (index < 0 || statuts === undefined) return undefined;
      const lettre = LETTRES[statuts[index]] ?? LETTRES.m;
      const valeur = communesValeurs.valeurs[indicateurId][index];
      return lettre.statut === "ok" && valeur != null ? {...lettre, valeur} : {...lettre};
    }
    case "epci":
    case "perimetre":
      return reference?.[territoire.niveau]?.[territoire.code];
    default:
      return reference?.[territoire.niveau];
  }
}

/** The selection written in the page address: ?territoires=commune:32013,epci:200066926 */
export function adresseSelection(cles) {
  return `?territoires=${cles.map(encodeURIComponent).join(",")}`;
}

/** The selection read from the page address (query string, or hash for a link pasted by hand), unknown keys dropped. */
export function lireSelection(search, hash, connus) {
  const depuis = (texte) => new URLSearchParams(texte.replace(/^[?#]/, "")).get("territoires");
  const brut = depuis(search ?? "") ?? depuis(hash ?? "") ?? "";
  const cles = brut.split(",").map((cle) => cle.trim()).filter((cle) => connus.has(cle));
  return [...new Set(cles)].slice(0, MAX_TERRITOIRES);
}

const FORMULE = /^[=+\-@\t\r]/;
const NOMBRE = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

/** A text cell that a spreadsheet will not run as a formula (same rule as pipelines/core/safe-cells.ts). */
export function celluleSure(texte) {
  return FORMULE.test(texte) && !NOMBRE.test(texte) ? `'${texte}` : texte;
}

function champ(valeur) {
  if (valeur === null || valeur === undefined) return "";
  const texte = typeof valeur === "number" ? String(valeur) : celluleSure(String(valeur));
  return /[",\n\r]/.test(texte) ? `"${texte.replaceAll('"', '""')}"` : texte;
}

/** The selection as CSV (UTF-8, comma, one row per indicator, a value and a status column per territory). */
export function csvSelection(choisis, catalogue, donnees) {
  const entete = ["numero", "id_indicateur", "libelle", "unite"];
  for (const t of choisis) entete.push(`${t.libelle} (${t.niveau} ${t.code}) : valeur`, `${t.libelle} (${t.niveau} ${t.code}) : statut`);
  const lignes = catalogue.map((indicateur) => {
    const cellules = [indicateur.numero, indicateur.id_indicateur, indicateur.libelle, indicateur.unite];
    for (const t of choisis) {
      const v = valeurDe(t, indicateur.id_indicateur, donnees);
      cellules.push(v?.statut === "ok" ? v.valeur : null, v ? (v.fiabilite === "fragile" ? "ok (fragile)" : v.statut) : "non calculé à ce niveau");
    }
    return cellules;
  });
  return [entete, ...lignes].map((ligne) => ligne.map(champ).join(",")).join("\r\n") + "\r\n";
}
