// Observable Framework configuration of the public site. `observatoire publier` builds from a staging root
// (a copy of site/ plus the exported data) given through the environment; nothing is fetched from a CDN.
import fs from "node:fs";
import path from "node:path";

const root = process.env.OBSERVATOIRE_SITE_RACINE ?? "site";
const output = process.env.OBSERVATOIRE_SITE_SORTIE ?? "sortie/site";

interface SiteIndex {
  epcis: { code: string; libelle: string; rattachement: string }[];
  communes: { code: string; libelle?: string }[];
  perimetres?: { code: string; libelle: string }[];
}

interface CatalogueEntry {
  numero: number;
  id_indicateur: string;
  libelle: string;
  libelle_court: string;
  pourquoi: string;
  theme_libelle: string;
}

/** The list of portraits and sheets, written by the export step; absent before the first export. */
function readIndex(): SiteIndex {
  const file = path.join(root, "data", "site.json");
  if (!fs.existsSync(file)) return { epcis: [], communes: [] };
  return JSON.parse(fs.readFileSync(file, "utf8")) as SiteIndex;
}

const index = readIndex();

function readCatalogue(): CatalogueEntry[] {
  const file = path.join(root, "data", "catalogue.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as CatalogueEntry[]) : [];
}

/** Framework indexes its own pages without accents; the entries added here are written the same way. */
const plain = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

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
  // Framework's search runs in the browser on an index built with the site: offline. The portraits and sheets all
  // share a template title, so each territory and each indicator is added under its own name.
  search: {
    async *index() {
      for (const epci of index.epcis) {
        yield { path: `/epci/${epci.code}`, title: `${epci.libelle} — portrait de territoire`, text: plain(`${epci.libelle} ${epci.code} portrait EPCI intercommunalité`), keywords: "portrait epci" };
      }
      for (const commune of index.communes) {
        yield { path: `/communes/${commune.code}`, title: `${commune.libelle ?? commune.code} — fiche communale`, text: plain(`${commune.libelle ?? ""} ${commune.code} commune fiche`), keywords: "commune" };
      }
      for (const indicateur of readCatalogue()) {
        yield {
          path: `/indicateurs#${indicateur.id_indicateur}`,
          title: `${indicateur.numero}. ${indicateur.libelle}`,
          text: plain(`${indicateur.libelle} ${indicateur.libelle_court} ${indicateur.pourquoi} ${indicateur.theme_libelle}`),
          keywords: "indicateur",
        };
      }
    },
  },
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
