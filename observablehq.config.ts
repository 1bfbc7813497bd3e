// Observable Framework configuration of the public site. `observatoire publier` builds from a staging root
// (a copy of site/ plus the exported data) given through the environment; nothing is fetched from a CDN.
import fs from "node:fs";
import path from "node:path";

const root = process.env.OBSERVATOIRE_SITE_RACINE ?? "site";
const output = process.env.OBSERVATOIRE_SITE_SORTIE ?? "sortie/site";

interface SiteIndex {
  epcis: { code: string; libelle: string; rattachement: string }[];
  communes: { code: string }[];
  perimetres?: { code: string; libelle: string }[];
}

/** The list of portraits and sheets, written by the export step; absent before the first export. */
function readIndex(): SiteIndex {
  const file = path.join(root, "data", "site.json");
  if (!fs.existsSync(file)) return { epcis: [], communes: [] };
  return JSON.parse(fs.readFileSync(file, "utf8")) as SiteIndex;
}

const index = readIndex();

export default {
  root,
  output,
  title: "Observatoire territorial — GIP Gers Solidaire",
  home: "Accueil",
  pages: [
    { name: "Indicateurs", path: "/indicateurs" },
    {
      name: "Portraits d'EPCI",
      path: "/epci/",
      collapsible: true,
      open: false,
      pages: index.epcis.map((epci) => ({ name: epci.rattachement === "limitrophe" ? `${epci.libelle} (limitrophe)` : epci.libelle, path: `/epci/${epci.code}` })),
    },
    { name: "Fiches communales", path: "/communes/" },
    {
      name: "Périmètres d'étude",
      path: "/perimetres/",
      collapsible: true,
      open: false,
      pages: (index.perimetres ?? []).map((perimetre) => ({ name: perimetre.libelle, path: `/perimetres/${perimetre.code}` })),
    },
    { name: "Comparer", path: "/comparer" },
    { name: "Offre sociale", path: "/offre" },
    { name: "Activité du GIP", path: "/activite" },
    { name: "Méthodologie", path: "/methodologie" },
  ],
  pager: false,
  toc: false,
  search: false,
  // Sovereignty: no Google Fonts stylesheet, no vendor footer link. Null, not "": Framework parses every
  // non-null fragment with JSDOM on each of the ≈480 pages; the favicon (data:, so no request) is added after.
  globalStylesheets: [],
  head: null,
  header: null,
  footer: null,
  style: "style.css",
  async *dynamicPaths() {
    for (const epci of index.epcis) yield `/epci/${epci.code}`;
    for (const commune of index.communes) yield `/communes/${commune.code}`;
    for (const perimetre of index.perimetres ?? []) yield `/perimetres/${perimetre.code}`;
  },
};
