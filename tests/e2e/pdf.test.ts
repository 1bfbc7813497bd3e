// The PDF portraits, printed by `observatoire pipeline` (its last step) from a demo site built once: 15 A4 files,
// (and one per perimeter of the demo's perimeters file) each naming its EPCI and showing its population as in indicateurs.csv; then portraits and sheets on request.
// The PDFs' text is read with PDF.js (tests/support/pdf-text.ts), so no system tool is needed.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEntier, formatNombre } from "../../pipelines/core/format-fr.ts";
import { readPdf } from "../support/pdf-text.ts";
import { BROWSER, SANS_NAVIGATEUR, SKIP_BROWSER, observatoire, plainSpaces, warnSkipped } from "../support/site-fixture.ts";
import { copyOf, readExportRows, SHARED_RUN_TIMEOUT, sharedDemoSite, sharedRun, type ExportRow } from "./shared-run.ts";

interface Manifest {
  epcis: { code: string; libelle: string; rattachement: string }[];
  communes: { code: string; libelle: string; code_epci: string }[];
}

async function pdfText(file: string): Promise<string> {
  return plainSpaces((await readPdf(file)).text);
}

/** Page size in points from the first /MediaBox of the file (chromium writes one per page). */
function pageSize(file: string): [number, number] {
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(fs.readFileSync(file, "latin1"));
  return [Number(box![1]), Number(box![2])];
}

let demo: Awaited<ReturnType<typeof sharedDemoSite>>;
/** A copy of the shared run for the commands of this file, which print PDFs again. */
let work: string;
let manifest: Manifest;
let population: Map<string, number>;
let rows: ExportRow[];
let catalogue: { id_indicateur: string; libelle: string; decimales: number }[];

describe.skipIf(SKIP_BROWSER)(`observatoire pdf${SKIP_BROWSER ? ` (${SANS_NAVIGATEUR})` : ""}`, () => {
  beforeAll(async () => {
    demo = await sharedDemoSite();
    work = copyOf(await sharedRun(), "observatoire-pdf-", ["sortie"]);
    manifest = JSON.parse(fs.readFileSync(path.join(demo.site, "publication.json"), "utf8")) as Manifest;
    rows = readExportRows(path.join(demo.sortie, "exports/indicateurs.csv"));
    catalogue = JSON.parse(fs.readFileSync(path.join(demo.sortie, "exports/catalogue.json"), "utf8")) as typeof catalogue;
    population = new Map(rows.filter((row) => row.id_indicateur === "pop" && row.niveau === "epci").map((row) => [row.code_geo, Number(row.valeur)]));
  }, SHARED_RUN_TIMEOUT);

  it("finds a browser on this machine: an installed Chrome, Chromium or Edge, else the one shipped by npm on Linux x64", () => {
    expect(BROWSER, SANS_NAVIGATEUR).toMatchObject({ trouve: true });
    expect(demo.pipeline.stderr).toMatch(/Impression de 17 PDF avec (le Chromium fourni par npm \(@sparticuz\/chromium\)|\/)/);
  });

  it("prints one A4 portrait per EPCI of the Gers (15), each naming its EPCI and its population", async () => {
    const all = fs.readdirSync(path.join(demo.sortie, "pdf")).filter((name) => name.endsWith(".pdf"));
    // 15 EPCI portraits and the demo's 2 perimeters (checked below).
    const pdfs = all.filter((name) => !name.startsWith("portrait-perimetre-"));
    expect(pdfs).toHaveLength(15);
    expect(all).toHaveLength(17);
    expect(demo.pipeline.stderr).toMatch(/17 PDF écrits dans sortie\/pdf en [\d,]+\s+s/);
    const territoire = manifest.epcis.filter((candidate) => candidate.rattachement === "territoire");
    expect(territoire).toHaveLength(15);
    for (const epci of territoire) {
      const file = path.join(demo.sortie, "pdf", pdfs.find((name) => name.startsWith(`portrait-${epci.code}-`))!);
      const [width, height] = pageSize(file);
      expect(Math.abs(width - 595), file).toBeLessThan(1.5);
      expect(Math.abs(height - 842), file).toBeLessThan(1.5);
      const { pages } = await readPdf(file);
      expect(pages, file).toBe(4);
      const text = await pdfText(file);
      expect(text, file).toContain(epci.libelle);
      expect(text, file).toContain(plainSpaces(formatEntier(population.get(epci.code)!)));
      expect(text).toContain("DONNÉES DE DÉMONSTRATION");
      // Printed pages carry no command line, no sort arrow and no link to the local server that printed them.
      expect(text, file).not.toMatch(/npx observatoire|[▲▼↕]/);
      expect(fs.readFileSync(file, "latin1"), file).not.toMatch(/127\.0\.0\.1|localhost/);
      expect(text).toContain("Taux de chômage");
      // The demo ships the Gers contours: the situation map and the distances are there, not their absence notes.
      expect(text).not.toContain("Carte non disponible");
      expect(text).not.toContain("Distances non disponibles");
    }
  });

  it("prints one A4 portrait per perimeter of the perimeters file, naming it, its population and the EPCIs it overlaps", async () => {
    const rows = readExportRows(path.join(demo.sortie, "exports/indicateurs.csv"));
    const perimeters = rows.filter((row) => row.id_indicateur === "pop" && row.niveau === "perimetre");
    expect(perimeters).toHaveLength(2);
    const pdfs = fs.readdirSync(path.join(demo.sortie, "pdf")).filter((name) => name.startsWith("portrait-perimetre-"));
    expect(pdfs).toHaveLength(2);
    for (const perimeter of perimeters) {
      const file = pdfs.find((name) => name.startsWith(`portrait-perimetre-${perimeter.code_geo!.toLowerCase()}-`));
      expect(file, perimeter.code_geo).toBeDefined();
      const text = await pdfText(path.join(demo.sortie, "pdf", file!));
      expect(text).toContain(perimeter.libelle_geo!);
      expect(text).toContain(plainSpaces(formatEntier(Number(perimeter.valeur))));
      expect(text).toContain("Périmètre défini par le GIP");
      expect(text).toContain("Taux de chômage");
    }
    // Auch's first ring overlaps the CA du Grand Auch: the EPCI is one of the compared columns.
    const couronne = await pdfText(path.join(demo.sortie, "pdf", pdfs.find((name) => name.includes("couronne"))!));
    expect(couronne).toContain("CA Grand Auch Coeur de Gascogne");
  });

  it("prints a straddling EPCI on request, and with --communes the sheets of its communes in the Gers", async () => {
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--epci", "200030435", "--communes"], work);
    expect(outcome.code, outcome.stderr).toBe(0);
    const aire = await pdfText(path.join(work, "sortie", "pdf", "portrait-200030435-cc-d-aire-sur-l-adour.pdf"));
    expect(aire).toContain("EPCI limitrophe : seules 10 communes sont dans le Gers");
    const sheets = fs.readdirSync(path.join(work, "sortie", "pdf", "communes"));
    // Its 10 communes of the Gers, no sheet for its communes of the Landes.
    const members = manifest.communes.filter((commune) => commune.code_epci === "200030435");
    expect(members).toHaveLength(10);
    expect(sheets).toHaveLength(members.length);
    const first = members[0]!;
    for (const sheet of sheets) expect((await readPdf(path.join(work, "sortie", "pdf", "communes", sheet))).pages, sheet).toBe(2);
    const text = await pdfText(path.join(work, "sortie", "pdf", "communes", sheets.find((name) => name.startsWith(`fiche-${first.code}-`))!));
    expect(text).toContain(first.libelle);
    expect(text).toContain("Fiche communale");
    expect(text).not.toContain("40. Fiches");
  });

  it("writes in « À retenir » only figures of indicateurs.csv, rounded as the portrait shows them", async () => {
    const libelles = new Map(catalogue.map((entry) => [entry.libelle, entry]));
    const byLength = [...libelles.keys()].sort((a, b) => b.length - a.length);
    let checked = 0;
    for (const epci of manifest.epcis.filter((candidate) => candidate.rattachement === "territoire")) {
      const file = path.join(demo.sortie, "pdf", fs.readdirSync(path.join(demo.sortie, "pdf")).find((name) => name.startsWith(`portrait-${epci.code}-`))!);
      const text = (await pdfText(file)).replace(/\s+/g, " ");
      const start = text.indexOf("À retenir ");
      const end = text.indexOf("Phrases écrites à partir des données", start);
      expect(start, file).toBeGreaterThan(-1);
      const section = text.slice(start + "À retenir ".length, end);
      // Each sentence opens with an indicator's label and a colon (pipelines/publish/a-retenir.ts).
      const starts = byLength.flatMap((libelle) => [...section.matchAll(new RegExp(`${libelle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} : `, "g"))].map((match) => ({ index: match.index!, libelle })));
      const heads = starts.filter((head) => !starts.some((other) => other !== head && other.index <= head.index && other.index + other.libelle.length >= head.index + head.libelle.length && other.libelle.length > head.libelle.length)).sort((a, b) => a.index - b.index);
      expect(heads.length, `${file}\n${section}`).toBeGreaterThanOrEqual(1);
      expect(heads.length, file).toBeLessThanOrEqual(6);
      for (const [k, head] of heads.entries()) {
        const sentence = section.slice(head.index + head.libelle.length + 3, heads[k + 1]?.index ?? section.length);
        const indicateur = libelles.get(head.libelle)!;
        const row = (niveau: string, code: string) => rows.find((candidate) => candidate.id_indicateur === indicateur.id_indicateur && candidate.niveau === niveau && candidate.code_geo === code)!;
        const own = row("epci", epci.code);
        const departement = row("departement", "32");
        expect(own.statut, sentence).toBe("ok");
        expect(own.fiabilite, sentence).not.toBe("fragile");
        const number = (value: string) => plainSpaces(formatNombre(indicateur.decimales)(Number(value)));
        const signed = (value: string) => `${Number(value) > 0 ? "+" : ""}${number(value)}`;
        const expected = sentence.includes(" ici, contre ")
          ? [number(own.valeur), number(departement.valeur), number(row("france", "FRANCE").valeur)]
          : [number(own.valeur_precedente), number(own.valeur), signed(own.evolution), signed(departement.evolution)];
        let from = 0;
        for (const figure of expected) {
          const at = sentence.indexOf(figure, from);
          expect(at, `« ${figure} » dans « ${head.libelle} : ${sentence} » (${file})`).toBeGreaterThan(-1);
          from = at + figure.length;
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("prints one commune sheet with --commune, on 2 pages, and a portrait's annex with --annexe", async () => {
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--commune", "32013"], work);
    expect(outcome.code, outcome.stderr).toBe(0);
    const sheet = path.join(work, "sortie", "pdf", "communes", "fiche-32013-auch.pdf");
    expect((await readPdf(sheet)).pages).toBe(2);
    expect(await pdfText(sheet)).toContain("Auch");
    expect(fs.existsSync(path.join(work, "sortie", "site", "telechargements", "pdf", "communes", "fiche-32013-auch.pdf"))).toBe(true);
    const annexed = await observatoire(["pdf", "--sortie", "sortie", "--epci", "200066926", "--annexe"], work);
    expect(annexed.code, annexed.stderr).toBe(0);
    const annexe = await pdfText(path.join(work, "sortie", "pdf", "portrait-200066926-ca-grand-auch-coeur-de-gascogne-annexe.pdf"));
    expect(annexe).toContain("Annexe : les 40 indicateurs");
    expect(annexe).toContain("Taux de chômage");
  });

  it("refuses an unknown EPCI with the list of valid codes", async () => {
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--epci", "999999999"], work);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("EPCI inconnu « 999999999 »");
    expect(outcome.stderr).toContain("CA Grand Auch Coeur de Gascogne");
  });

  it("with a browser named but missing, explains in French what to do and still succeeds", async () => {
    const missing = path.join(work, "pas-de-chromium");
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--force"], work, { OBSERVATOIRE_CHROMIUM: missing });
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(`Portraits PDF non produits : le navigateur indiqué par la variable OBSERVATOIRE_CHROMIUM est introuvable (${missing})`);
    expect(outcome.stderr).toContain("relancez « npx observatoire pdf »");
    expect(outcome.stderr).not.toMatch(/apt-get|Error|at .*\.ts:\d+/);
  });

  it("with a browser that cannot start, says so in French without the library's English message, and still succeeds", async () => {
    const broken = path.join(work, "navigateur-casse");
    fs.writeFileSync(broken, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--force"], work, { OBSERVATOIRE_CHROMIUM: broken });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toContain(`Portraits PDF non produits : ${broken} n'a pas pu démarrer.`);
    expect(outcome.stderr).not.toMatch(/browserType|launchPersistentContext|Error|Process failed/);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
});

warnSkipped("Tests PDF");
