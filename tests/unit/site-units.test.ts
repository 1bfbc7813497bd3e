// Small pieces of the publication layer, without building a site: French formats shared with the browser,
// the outside-address scan, the static server, PDF targets and the shaping of per-page data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatNombre } from "../../pipelines/core/format-fr.ts";
import { findOutsideUrls } from "../../pipelines/publish/outside-urls.ts";
import { pdfTargets, slug } from "../../pipelines/publish/pdf-targets.ts";
import type { SiteData, ValeurIndicateur } from "../../pipelines/publish/site-data.ts";
import { shapeSiteFiles } from "../../pipelines/publish/site-files.ts";
import { startStaticServer } from "../../pipelines/publish/static-server.ts";

interface ClientFormat {
  formatNombre: (decimales: number) => (value: number) => string;
  valeurAvecUnite: (valeur: number, indicateur: { decimales: number; unite: string }) => string;
  evolutionTexte: (valeur: object, indicateur: { decimales: number; unite: string }) => string;
  rang: (n: number) => string;
  formatDate: (date: Date) => string;
}

const temporary = () => fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-site-unites-"));

describe("formats français côté navigateur", () => {
  it("writes numbers exactly as the CLI and the exports do", async () => {
    const client = (await import("../../site/components/format.js" as string)) as ClientFormat;
    for (const decimales of [0, 1, 2, 3]) {
      for (const value of [0, 7, 18, 12345.6, -0.59, 1234567.891, 68291074]) {
        expect(client.formatNombre(decimales)(value)).toBe(formatNombre(decimales)(value));
      }
    }
    expect(client.valeurAvecUnite(18, { decimales: 1, unite: "%" })).toBe("18,0\u202f%");
    expect(client.valeurAvecUnite(21340, { decimales: 0, unite: "€" })).toBe("21\u202f340\u00a0€");
    expect(client.valeurAvecUnite(12.5, { decimales: 1, unite: "pour 100" })).toBe("12,5\u00a0pour 100");
    expect(client.evolutionTexte({ evolution: 0.7, millesime_precedent: 2016 }, { decimales: 1, unite: "%" })).toBe("+0,7\u00a0pt depuis 2016");
    expect([1, 2, 15].map(client.rang)).toEqual(["1er", "2e", "15e"]);
    expect(client.formatDate(new Date(2025, 10, 28))).toBe("28 novembre 2025");
  });
});

describe("recherche d'adresses extérieures", () => {
  it("finds CDN, font and vendor addresses but not SVG namespace names", () => {
    const dir = temporary();
    fs.writeFileSync(path.join(dir, "a.js"), 'const ns = "http://www.w3.org/2000/svg"; const x = "http://www.w3.org/1999/xlink"; import("https://cdn.jsdelivr.net/npm/d3");');
    fs.writeFileSync(path.join(dir, "b.css"), "@import url(//fonts.googleapis.com/css2?family=Inter); a { color: red }");
    fs.writeFileSync(path.join(dir, "c.html"), '<a href="https://observablehq.com/">Built with Observable</a><a href="./epci/1">local</a>');
    fs.writeFileSync(path.join(dir, "d.js"), "const ratio = a//b.c\n;");
    const found = findOutsideUrls(dir).map((item) => item.url).sort();
    expect(found).toEqual(["//fonts.googleapis.com/css2?family=Inter", "https://cdn.jsdelivr.net/npm/d3", "https://observablehq.com/"]);
  });
});

describe("serveur local", () => {
  it("serves extensionless pages and folders, and nothing outside the site", async () => {
    const parent = temporary();
    const dir = path.join(parent, "site");
    fs.mkdirSync(path.join(dir, "epci"), { recursive: true });
    fs.writeFileSync(path.join(dir, "index.html"), "accueil");
    fs.writeFileSync(path.join(dir, "epci", "index.html"), "liste");
    fs.writeFileSync(path.join(dir, "epci", "123.html"), "portrait");
    fs.writeFileSync(path.join(parent, "secret.txt"), "secret");
    const server = await startStaticServer(dir);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/`)).text()).toBe("accueil");
      expect(await (await fetch(`${server.url}/epci/`)).text()).toBe("liste");
      expect(await (await fetch(`${server.url}/epci/123`)).text()).toBe("portrait");
      expect((await fetch(`${server.url}/%2e%2e/secret.txt`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("cibles PDF", () => {
  const manifest = {
    genere_le: "2025-01-01T00:00:00Z",
    demo: true,
    territoire: { code_departement: "32", libelle: "Gers" },
    epcis: [
      { code: "200066926", libelle: "CA Grand Auch Coeur de Gascogne", rattachement: "territoire" as const },
      { code: "200030435", libelle: "CC d'Aire-sur-l'Adour", rattachement: "limitrophe" as const },
    ],
    communes: [{ code: "32013", libelle: "Auch", code_epci: "200066926" }],
  };

  it("prints the territory's EPCIs by default, any EPCI on request, commune sheets with --communes", () => {
    expect(pdfTargets(manifest, { communes: false }, "pdf").map((target) => target.fichier)).toEqual([path.join("pdf", "portrait-200066926-ca-grand-auch-coeur-de-gascogne.pdf")]);
    expect(pdfTargets(manifest, { epci: ["200030435"], communes: true }, "pdf").map((target) => target.chemin)).toEqual(["/epci/200030435"]);
    expect(pdfTargets(manifest, { communes: true }, "pdf").map((target) => target.chemin)).toEqual(["/epci/200066926", "/communes/32013"]);
    expect(() => pdfTargets(manifest, { epci: ["111111111"], communes: false }, "pdf")).toThrow(/EPCI inconnu/);
    expect(slug("Castéra-Verduzan d'Armagnac")).toBe("castera-verduzan-d-armagnac");
  });
});

describe("données des pages", () => {
  const value = (id: string, niveau: ValeurIndicateur["niveau"], code: string, valeur: number | null, statut: ValeurIndicateur["statut"] = "ok"): ValeurIndicateur => ({
    id_indicateur: id, niveau, code_geo: code, millesime: "2022", valeur, statut, motif: statut === "ok" ? null : "secret statistique",
    fiabilite: null, rang_epci: niveau === "epci" ? 1 : null, ecart_departement: null, millesime_precedent: null, valeur_precedente: null, evolution: null, geo_annee: 2025,
  });
  const data: SiteData = {
    territoire: { code_departement: "32", libelle: "Gers", code_region: "76", libelle_region: "Occitanie", geo_annee: 2025 },
    demo: false,
    seuilFragilite: 500,
    libellesVariables: { Pyy_POP: "Population" },
    epcis: [{ code: "E1", libelle: "CC Une", nature: "CC", rattachement: "territoire", nb_communes: 2, nb_communes_territoire: 2, population_territoire: 300, superficie: 20 }],
    communes: [
      { code: "32001", libelle: "Une", code_epci: "E1", code_departement: "32", dans_territoire: true, superficie: 10 },
      { code: "32002", libelle: "Deux", code_epci: "E1", code_departement: "32", dans_territoire: true, superficie: 10 },
    ],
    valeurs: [
      value("pop", "commune", "32001", 100), value("pop", "commune", "32002", 200), value("pop", "epci", "E1", 300),
      value("tx_chomage", "commune", "32001", null, "secret"), value("tx_chomage", "epci", "E1", 9.5),
      value("tx_fiches_violences", "epci", "E1", 12), value("pop", "departement", "32", 190000),
    ],
    sources: [],
    contours: null,
  };

  it("writes one small file per portrait and per sheet, statuses kept, never a zero for a secret", () => {
    const files = shapeSiteFiles(data, new Date("2025-11-28T12:00:00Z"));
    const portrait = files.get("data/epci/E1.json") as { valeurs: Record<string, { valeur?: number; rang?: number }>; communes: { population: number }[] };
    expect(portrait.valeurs.pop).toMatchObject({ valeur: 300, rang: 1 });
    expect(portrait.communes.map((commune) => commune.population)).toEqual([100, 200]);
    const sheet = files.get("data/communes/32001.json") as { valeurs: Record<string, { valeur?: number; statut: string }> };
    expect(sheet.valeurs.tx_chomage).toEqual({ statut: "secret", motif: "secret statistique", millesime: "2022" });
    expect(sheet.valeurs.tx_fiches_violences).toBeUndefined();
    const columns = files.get("data/communes-valeurs.json") as { codes: string[]; valeurs: Record<string, (number | null)[]>; statuts: Record<string, string> };
    expect(columns.valeurs.tx_chomage).toEqual([null, null]);
    expect(columns.statuts.tx_chomage).toBe("sm");
    expect(columns.valeurs.tx_fiches_violences).toBeUndefined();
    const references = files.get("data/references.json") as Record<string, { departement: { valeur?: number; statut: string } }>;
    expect(references.pop!.departement).toMatchObject({ valeur: 190000, statut: "ok" });
    expect(references.tx_chomage!.departement.statut).toBe("manquant");
    expect((files.get("data/contours.json") as { disponible: boolean }).disponible).toBe(false);
  });
});
