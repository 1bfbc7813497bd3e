// The social offer on the site: inventory tables (counts beside rates and references), access table, the need ×
// offer quadrant chart, the map of places over the communes, the zones blanches. Every chart has a text
// alternative and the same figures in a table; no colour carries meaning alone.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {hachures, PROJECTION} from "./cartes.js";
import {formatEntier, formatNombre} from "./format.js";
import {marque} from "./statut.js";
import {tableauTriable} from "./tableau.js";

const decimal1 = formatNombre(1);
const decimal2 = formatNombre(2);
export const signe = (valeur) => (valeur == null ? "—" : `${valeur > 0 ? "+" : ""}${decimal2(valeur)}`);
const km = (valeur) => (valeur == null ? "—" : `${decimal1(valeur)}\u00a0km`);
const pourcent = (valeur) => (valeur == null ? "—" : `${decimal1(valeur)}\u202f%`);

export function offreIndisponible(offre) {
  return html`<div class="note-contours" role="note"><p><strong>Analyse de l'offre sociale non disponible :</strong> ${offre.motif}.</p>
  <p class="commande">Lancez <code>npx observatoire pipeline --donnees &lt;dossier&gt;</code> (ou <code>npx observatoire offre --recalculer</code> puis <code>npx observatoire publier</code>).</p></div>`;
}

/** Counts always beside the rate; fixed places make the count, mobile and planned ones are listed apart. */
export function tableauOffre(lignes, {libelleTerritoire, references, legende}) {
  const domaines = [];
  for (const ligne of lignes) {
    const groupe = domaines.find((d) => d.id === ligne.domaine) ?? domaines[domaines.push({id: ligne.domaine, libelle: ligne.domaine_libelle, lignes: []}) - 1];
    groupe.lignes.push(ligne);
  }
  const lieux = (ligne) => {
    if (ligne.effectif == null) return marque("manquant", ligne.motif);
    const extras = [ligne.nb_mobiles ? `+ ${formatEntier(ligne.nb_mobiles)} mobile${ligne.nb_mobiles > 1 ? "s" : ""}` : "", ligne.nb_projets ? `+ ${formatEntier(ligne.nb_projets)} en projet` : ""].filter(Boolean);
    return html`<span class="nombre">${formatEntier(ligne.effectif)}</span>${extras.length ? html` <span class="extras">(${extras.join(", ")})</span>` : ""}`;
  };
  const taux = (ligne) => {
    if (ligne.statut !== "ok") return marque(ligne.statut === "non_applicable" ? "non_applicable" : "manquant", ligne.motif);
    return html`<span class="nombre">${decimal1(ligne.taux)}</span>${ligne.prudence ? html` <span class="marque marque-prudence" title=${ligne.motif}><span aria-hidden="true">*</span><span class="sr-only"> (${ligne.motif})</span></span>` : ""}`;
  };
  const reference = (valeur) => (valeur == null ? "—" : decimal1(valeur));
  const prudence = lignes.some((ligne) => ligne.prudence);
  return html`<div class="tableau-defilant"><table class="tableau offre">
    <caption>${legende}</caption>
    <thead><tr><th scope="col">Catégorie</th><th scope="col" class="num">Lieux (${libelleTerritoire})</th><th scope="col" class="num">Taux</th>
      ${references.map((r) => html`<th scope="col" class="num">${r.libelle}</th>`)}<th scope="col">Unité</th></tr></thead>
    ${domaines.map((domaine) => html`<tbody>
      <tr class="domaine"><th scope="rowgroup" colspan=${4 + references.length}>${domaine.libelle}</th></tr>
      ${domaine.lignes.map((ligne) => html`<tr><th scope="row">${ligne.libelle}</th><td class="num">${lieux(ligne)}</td><td class="num">${taux(ligne)}</td>
        ${references.map((r) => html`<td class="num">${reference(ligne.references[r.niveau])}</td>`)}<td class="unite">${ligne.unite}</td></tr>`)}
    </tbody>`)}
  </table></div>
  ${prudence ? html`<p class="note-prudence"><span aria-hidden="true">*</span> Taux calculé sur 3 lieux ou moins : une seule ouverture ou fermeture le change beaucoup, à lire avec prudence.</p>` : ""}`;
}

/** Population-weighted distance and shares beyond each threshold; without contours, the reason once. */
export function tableauAcces(acces, {seuils, legende, commune = false}) {
  const disponibles = acces.filter((ligne) => ligne.statut === "ok");
  if (!disponibles.length) {
    return html`<div class="note-contours" role="note"><p><strong>Distances non disponibles :</strong> ${acces[0]?.motif ?? "aucune distance calculée"}.</p>
      <p>Les comptes et les taux ci-dessus restent calculés.</p></div>`;
  }
  const manquantes = acces.filter((ligne) => ligne.statut !== "ok");
  return html`<div class="tableau-defilant"><table class="tableau acces">
    <caption>${legende}${commune ? "" : " — distance moyenne pondérée par la population, et part de la population au-delà de chaque distance"}</caption>
    <thead><tr><th scope="col">Lieu le plus proche</th><th scope="col" class="num">${commune ? "Distance" : "Distance moyenne"}</th>
      ${commune ? "" : seuils.map((seuil) => html`<th scope="col" class="num">${`> ${seuil}\u00a0km`}</th>`)}</tr></thead>
    <tbody>${disponibles.map((ligne) => html`<tr><th scope="row">${ligne.libelle}</th><td class="num">${km(ligne.distance_km)}</td>
      ${commune ? "" : seuils.map((seuil) => html`<td class="num">${pourcent(ligne.parts[seuil])}</td>`)}</tr>`)}</tbody>
  </table></div>
  ${manquantes.length ? html`<p class="motif">Non calculé pour ${manquantes.map((ligne) => ligne.libelle.toLowerCase()).join(", ")} : ${manquantes[0].motif}.</p>` : ""}`;
}

/**
 * Need (vertical) against offer (horizontal), both centred on the département: a numbered dot per EPCI (pushed
 * apart when two would overlap, with a line to its true place), the numbers listed under the chart, the neutral
 * band of ±0,25 standard deviation shaded on each axis, the extreme cells named in their corners.
 */
export function graphiqueQuadrants(epcis, {width, quadrants, surligne, titre, bande = 0.25}) {
  const points = epcis.filter((e) => e.indice_besoin != null && e.indice_offre != null);
  if (!points.length) return html`<p class="motif">Aucun EPCI n'a à la fois un indice de besoin et un indice d'offre : graphique non tracé.</p>`;
  const numero = new Map(points.map((e, index) => [e.code, index + 1]));
  const etendue = Math.max(1, ...points.flatMap((e) => [Math.abs(e.indice_besoin), Math.abs(e.indice_offre)])) * 1.15;
  const libelle = new Map(quadrants.map((q) => [q.id, q.libelle]));
  const height = Math.min(520, Math.round(width * 0.8));
  const margins = {left: 50, right: 20, top: 20, bottom: 40};
  const kx = (width - margins.left - margins.right) / (2 * etendue);
  const ky = (height - margins.top - margins.bottom) / (2 * etendue);
  const places = separer(points.map((e) => ({e, x: e.indice_offre, y: e.indice_besoin})), {kx, ky, rayon: 11});
  const coins = [
    {x: -etendue, y: etendue, texte: libelle.get("besoin_eleve_offre_faible")},
    {x: etendue, y: etendue, texte: libelle.get("besoin_eleve_offre_elevee")},
    {x: -etendue, y: -etendue, texte: libelle.get("besoin_modere_offre_faible")},
    {x: etendue, y: -etendue, texte: libelle.get("besoin_modere_offre_elevee")}
  ];
  const plot = Plot.plot({
    width,
    height,
    marginLeft: margins.left,
    marginRight: margins.right,
    marginTop: margins.top,
    marginBottom: margins.bottom,
    x: {domain: [-etendue, etendue], label: "Indice d'offre (0 = département) →", tickFormat: decimal1},
    y: {domain: [-etendue, etendue], label: "↑ Indice de besoin (0 = département)", tickFormat: decimal1},
    marks: [
      Plot.rect([{x1: -etendue, x2: -bande, y1: bande, y2: etendue}], {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "#f6e3df"}),
      // The neutral band: within it an index is « proche du département ».
      Plot.rect([{x1: -bande, x2: bande, y1: -etendue, y2: etendue}, {x1: -etendue, x2: etendue, y1: -bande, y2: bande}], {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "#e9ecef", fillOpacity: 0.8}),
      Plot.ruleX([0], {stroke: "#555"}),
      Plot.ruleY([0], {stroke: "#555"}),
      // Text anchor and offset are constants of a mark: one mark per corner.
      ...coins.map((coin) => Plot.text([coin], {x: "x", y: "y", text: "texte", textAnchor: coin.x < 0 ? "start" : "end", dy: coin.y > 0 ? 8 : -8, dx: coin.x < 0 ? 4 : -4, fill: "#333", fontSize: 11, fontStyle: "italic"})),
      Plot.link(places.filter((p) => p.deplace), {x1: (p) => p.e.indice_offre, y1: (p) => p.e.indice_besoin, x2: "x", y2: "y", stroke: "#555", strokeWidth: 0.8}),
      Plot.dot(places.filter((p) => p.deplace), {x: (p) => p.e.indice_offre, y: (p) => p.e.indice_besoin, r: 2, fill: "#555"}),
      Plot.dot(places, {x: "x", y: "y", r: 10, fill: (p) => (surligne?.has(p.e.code) ? "#8a1c00" : "#fff"), stroke: "#1f4e79", strokeWidth: 1.5,
        title: (p) => `${p.e.libelle} : besoin ${signe(p.e.indice_besoin)}, offre ${signe(p.e.indice_offre)}`}),
      Plot.text(places, {x: "x", y: "y", text: (p) => numero.get(p.e.code), fontSize: 10, fontWeight: "bold", fill: (p) => (surligne?.has(p.e.code) ? "#fff" : "#000")})
    ]
  });
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", `${titre} : ${points.length} EPCI placés selon leurs indices ; la liste numérotée qui suit donne les valeurs.`);
  return html`<figure class="carte quadrants">${plot}
    <figcaption><p class="legende-symboles">Bande grise : indice compris entre −${decimal2(bande)} et +${decimal2(bande)}, « proche du département ». Un numéro déplacé pour rester lisible est relié à sa position exacte.</p>
    <ol class="liste-quadrants">${points.map((e) => html`<li value=${numero.get(e.code)}>${e.libelle}${e.rattachement === "limitrophe" ? " (limitrophe)" : ""} : besoin ${signe(e.indice_besoin)}, offre ${signe(e.indice_offre)} — ${libelle.get(e.quadrant) ?? "non classé"}</li>`)}</ol></figcaption>
  </figure>`;
}

/**
 * Pushes labels apart until no two overlap (a few relaxation passes in screen units), keeping each as near its true
 * place as it can; `deplace` marks those that moved.
 */
function separer(items, {kx, ky, rayon}) {
  const places = items.map((item) => ({...item, px: item.x * kx, py: item.y * ky}));
  const minimum = 2 * rayon + 1;
  for (let pass = 0; pass < 200; pass += 1) {
    let moved = false;
    for (let i = 0; i < places.length; i += 1) {
      for (let j = i + 1; j < places.length; j += 1) {
        const a = places[i];
        const b = places[j];
        let dx = b.px - a.px;
        let dy = b.py - a.py;
        let d = Math.hypot(dx, dy);
        if (d >= minimum) continue;
        if (d < 1e-6) [dx, dy, d] = [1, 0.5, Math.hypot(1, 0.5)];
        const push = (minimum - d) / 2;
        a.px -= (dx / d) * push;
        a.py -= (dy / d) * push;
        b.px += (dx / d) * push;
        b.py += (dy / d) * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return places.map((p) => ({e: p.e, x: p.px / kx, y: p.py / ky, deplace: Math.hypot(p.px - p.x * kx, p.py - p.y * ky) > 1}));
}

const SYMBOLES = {fixe: "circle", mobile: "triangle", projet: "diamond"};
const LIBELLES_TYPE = {fixe: "lieu fixe", mobile: "étape ou lieu mobile", projet: "en projet"};
const PLURIELS_TYPE = {fixe: "lieux fixes", mobile: "étapes ou lieux mobiles", projet: "en projet"};

/**
 * The communes shaded by their need index (hatched without one), the places of one category on top: fixed as
 * filled circles, mobile as triangles, planned as hollow diamonds.
 */
export function carteLieux(communes, {width, indices, lieux, epcis, libelleCategorie}) {
  const collection = {type: "FeatureCollection", features: communes};
  const avec = communes.filter((f) => indices.get(f.properties.code) != null);
  const sans = communes.filter((f) => indices.get(f.properties.code) == null);
  const id = `hachures-offre-${Math.random().toString(36).slice(2, 8)}`;
  // Only the places of the communes drawn: a neighbour's place would sit off the map.
  const dessinees = new Set(communes.map((f) => f.properties.code));
  const points = lieux
    .map(([categorie, longitude, latitude, nom, commune, type, code]) => ({categorie, longitude, latitude, nom, commune, type, code}))
    .filter((point) => dessinees.has(point.code));
  const plot = Plot.plot({
    width,
    height: Math.round(width * 0.85),
    projection: {...PROJECTION, domain: collection, inset: 6},
    color: {type: "diverging", scheme: "BuRd", pivot: 0, legend: true, label: "Indice de besoin (0 = département)", tickFormat: decimal1, width: Math.min(width, 420), marginLeft: 16, marginRight: 16},
    symbol: {domain: ["circle", "triangle", "diamond"], range: ["circle", "triangle", "diamond"]},
    marks: [
      hachures(id),
      Plot.geo(sans, {fill: `url(#${id})`, stroke: "#bbb", strokeWidth: 0.3}),
      Plot.geo(avec, {fill: (f) => indices.get(f.properties.code), stroke: "#fff", strokeWidth: 0.3}),
      epcis ? Plot.geo(epcis, {stroke: "#333", strokeWidth: 0.8}) : null,
      Plot.dot(points, {x: "longitude", y: "latitude", symbol: (d) => SYMBOLES[d.type], r: 4.5, fill: (d) => (d.type === "projet" ? "#fff" : "#111"), stroke: "#111", strokeWidth: 1.2,
        title: (d) => `${d.nom} (${d.commune}) — ${LIBELLES_TYPE[d.type]}`})
    ]
  });
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", `Carte : ${libelleCategorie}, ${points.length} lieux sur les communes colorées selon l'indice de besoin ; la liste des lieux suit la carte.`);
  const comptes = Object.keys(LIBELLES_TYPE).map((type) => [type, points.filter((p) => p.type === type).length]).filter(([, n]) => n);
  return html`<figure class="carte">${plot}<figcaption class="legende-symboles">
    <span><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill="#111"></circle></svg> lieu fixe</span>
    <span><svg width="12" height="12" aria-hidden="true"><path d="M6 1 L11 11 L1 11 Z" fill="#111"></path></svg> étape ou lieu mobile</span>
    <span><svg width="12" height="12" aria-hidden="true"><path d="M6 1 L11 6 L6 11 L1 6 Z" fill="#fff" stroke="#111" stroke-width="1.2"></path></svg> en projet</span>
    ${sans.length ? html`<span><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill=${`url(#${id})`} stroke="#999"></rect></svg> indice de besoin non calculé</span>` : ""}
    <span class="comptes">${comptes.length ? comptes.map(([type, n]) => `${formatEntier(n)} ${n > 1 ? PLURIELS_TYPE[type] : LIBELLES_TYPE[type]}`).join(" · ") : "aucun lieu de cette catégorie sur la carte"}</span>
  </figcaption></figure>`;
}

export function tableauLieux(lieux, {legende}) {
  const lignes = lieux.map(([categorie, longitude, latitude, nom, commune, type]) => ({categorie, nom, commune, type}));
  return tableauTriable(lignes, {
    legende,
    colonnes: [
      {libelle: "Lieu", entete: true, valeur: (l) => l.nom},
      {libelle: "Commune", valeur: (l) => l.commune},
      {libelle: "Type", valeur: (l) => LIBELLES_TYPE[l.type]}
    ]
  });
}

export function tableauZonesBlanches(zones, {legende, avecEpci = true}) {
  return tableauTriable(zones, {
    legende,
    colonnes: [
      {libelle: "Rang", numerique: true, valeur: (z) => z.rang},
      {libelle: "Commune", entete: true, valeur: (z) => z.libelle, rendu: (z) => html`<a href=${`${avecEpci ? "./" : "../"}communes/${z.code}`}>${z.libelle}</a>`},
      ...(avecEpci ? [{libelle: "EPCI", valeur: (z) => z.libelle_epci ?? ""}] : []),
      {libelle: "Population", numerique: true, valeur: (z) => z.population, rendu: (z) => (z.population == null ? "—" : formatEntier(z.population))},
      {libelle: "Distance", numerique: true, valeur: (z) => z.distance_km, rendu: (z) => km(z.distance_km)},
      {libelle: "Point d'accès le plus proche", valeur: (z) => z.lieu_proche ?? "", rendu: (z) => (z.lieu_proche ? `${z.lieu_proche} (${z.commune_lieu_proche})` : "—")},
      {libelle: "Indice de besoin", numerique: true, valeur: (z) => z.indice_besoin, rendu: (z) => signe(z.indice_besoin)},
      {libelle: "Un tiers-lieu en projet la couvrirait", valeur: (z) => (z.resorbee_par_projet ? 1 : 0), rendu: (z) => (z.resorbee_par_projet ? `oui : ${z.projet_proche} à ${km(z.distance_avec_projets)}` : "non")}
    ]
  });
}

export function texteZonesBlanches(offre, zones) {
  const {zone_blanche_km, zone_blanche_besoin} = offre.seuils;
  const regle = `communes dont le centre est à plus de ${zone_blanche_km}\u00a0km de tout point d'accès aux droits (France services, tiers-lieu ouvert, étape du camping-car connecté) et dont l'indice de besoin atteint ${decimal1(zone_blanche_besoin)}`;
  if (!offre.contours) return html`<p>Zones blanches : ${regle}. <strong>Non calculées</strong> : aucun contour de commune n'est chargé, donc aucune distance.</p>`;
  if (!zones.length) return html`<p>Zones blanches : ${regle}. <strong>Aucune commune</strong> ne remplit les deux conditions.</p>`;
  return html`<p>Zones blanches : ${regle}. <strong>${formatEntier(zones.length)} commune${zones.length > 1 ? "s" : ""}</strong>, classées par besoin décroissant : la liste cible des tournées du camping-car connecté.</p>`;
}

/** The offer section of an EPCI portrait (and of its PDF). */
export function sectionOffreEpci(offre, {territoire}) {
  if (!offre.disponible) return offreIndisponible(offre);
  const references = [
    {niveau: "departement", libelle: territoire.libelle},
    {niveau: "region", libelle: territoire.libelle_region},
    {niveau: "france", libelle: "France"}
  ];
  const indices = offre.indices;
  const composantes = indices?.composantes ?? [];
  return html`<div class="section-offre">
    <p>Les lieux de l'offre sociale de l'EPCI par catégorie, rapportés à la population concernée et comparés au ${territoire.libelle}, à la région et à la France.
    Les lieux mobiles et les projets sont comptés à part. Sources : ${offre.sources.map((s) => `${s.libelle_court} ${s.millesime ?? ""}`.trim()).join(" ; ")}.</p>
    ${tableauOffre(offre.offre, {libelleTerritoire: "EPCI", references, legende: `Offre sociale de ${offre.libelle}`})}
    <h3>Accès</h3>
    <p>Distance à vol d'oiseau du centre de chaque commune au lieu le plus proche, moyenne pondérée par la population de l'EPCI.</p>
    ${tableauAcces(offre.acces, {seuils: offre.seuils.distances, legende: `Accès à l'offre sociale, ${offre.libelle}`})}
    <h3>Besoin et offre</h3>
    ${indices?.indice_besoin != null || indices?.indice_offre != null
      ? html`<p>Indice de besoin <strong>${signe(indices.indice_besoin)}</strong>, indice d'offre <strong>${signe(indices.indice_offre)}</strong>
        (0 = niveau du ${territoire.libelle} ; entre −0,25 et +0,25, proche du département) : <strong>${offreQuadrant(indices.quadrant, offre.quadrants)}</strong>.${indices.motif ? ` ${indices.motif}.` : ""}</p>
        ${composantes.length ? html`<div class="tableau-defilant"><table class="tableau composantes"><caption>Composantes des indices (écarts réduits au ${territoire.libelle}, bornés à ±3)</caption>
          <thead><tr><th scope="col">Indice</th><th scope="col">Composante</th><th scope="col" class="num">EPCI</th><th scope="col" class="num">${territoire.libelle}</th><th scope="col" class="num">Écart réduit</th></tr></thead>
          <tbody>${composantes.map((c) => html`<tr><td>${c.indice}</td><th scope="row">${c.libelle}</th><td class="num">${decimal1(c.valeur)}</td><td class="num">${decimal1(c.reference)}</td><td class="num">${signe(c.ecart_reduit)}</td></tr>`)}</tbody>
        </table></div>` : ""}`
      : html`<p class="motif">${indices?.motif ?? "Indices non calculés"}.</p>`}
    <h3>Zones blanches</h3>
    ${texteZonesBlanches(offre, offre.zones_blanches)}
    ${offre.zones_blanches.length ? tableauZonesBlanches(offre.zones_blanches, {legende: `Zones blanches de ${offre.libelle}`, avecEpci: false}) : ""}
    <p class="ecran-seulement">Méthode et seuils : page <a href="../offre">Offre sociale</a>.</p>
  </div>`;
}

/** A quadrant's label (from the data's `quadrants` list) to be read inside a sentence. */
export function offreQuadrant(id, quadrants) {
  const libelle = quadrants.find((quadrant) => quadrant.id === id)?.libelle;
  return libelle ? libelle[0].toLowerCase() + libelle.slice(1) : "non classé";
}
