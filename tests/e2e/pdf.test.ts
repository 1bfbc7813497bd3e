// The PDF portraits, printed by `observatoire pipeline` (its last step) from a demo site built once: 15 A4 files,
// each naming its EPCI and showing its population as in indicateurs.csv; then portraits and sheets on request.
// The PDFs' text is read with PDF.js (tests/support/pdf-text.ts), so no system tool is needed.
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEntier } from "../../pipelines/core/format-fr.ts";
import { readPdf } from "../support/pdf-text.ts";
import { BROWSER, SANS_NAVIGATEUR, SKIP_BROWSER, observatoire, plainSpaces, warnSkipped } from "../support/site-fixture.ts";
import { copyOf, SHARED_RUN_TIMEOUT, sharedDemoSite, sharedRun } from "./shared-run.ts";

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

describe.skipIf(SKIP_BROWSER)(`observatoire pdf${SKIP_BROWSER ? ` (${SANS_NAVIGATEUR})` : ""}`, () => {
  beforeAll(async () => {
    demo = await sharedDemoSite();
    work = copyOf(await sharedRun(), "observatoire-pdf-");
    manifest = JSON.parse(fs.readFileSync(path.join(demo.site, "publication.json"), "utf8")) as Manifest;
    const rows = Papa.parse<{ id_indicateur: string; niveau: string; code_geo: string; valeur: string }>(
      fs.readFileSync(path.join(demo.sortie, "exports/indicateurs.csv"), "utf8"),
      { header: true, skipEmptyLines: true },
    ).data;
    population = new Map(rows.filter((row) => row.id_indicateur === "pop" && row.niveau === "epci").map((row) => [row.code_geo, Number(row.valeur)]));
  }, SHARED_RUN_TIMEOUT);

  it("finds a browser on this machine: an installed Chrome, Chromium or Edge, else the one shipped by npm on Linux x64", () => {
    expect(BROWSER, SANS_NAVIGATEUR).toMatchObject({ trouve: true });
    expect(demo.pipeline.stderr).toMatch(/Impression de 15 PDF avec (le Chromium fourni par npm \(@sparticuz\/chromium\)|\/)/);
  });

  it("prints one A4 portrait per EPCI of the Gers (15), each naming its EPCI and its population", async () => {
    const pdfs = fs.readdirSync(path.join(demo.sortie, "pdf")).filter((name) => name.endsWith(".pdf"));
    expect(pdfs).toHaveLength(15);
    expect(demo.pipeline.stderr).toMatch(/15 PDF écrits dans sortie\/pdf en [\d,]+\s+s/);
    const territoire = manifest.epcis.filter((candidate) => candidate.rattachement === "territoire");
    expect(territoire).toHaveLength(15);
    for (const epci of territoire) {
      const file = path.join(demo.sortie, "pdf", pdfs.find((name) => name.startsWith(`portrait-${epci.code}-`))!);
      const [width, height] = pageSize(file);
      expect(Math.abs(width - 595), file).toBeLessThan(1.5);
      expect(Math.abs(height - 842), file).toBeLessThan(1.5);
      const text = await pdfText(file);
      expect(text, file).toContain(epci.libelle);
      expect(text, file).toContain(plainSpaces(formatEntier(population.get(epci.code)!)));
      expect(text).toContain("DONNÉES DE DÉMONSTRATION");
      expect(text).toContain("Taux de chômage");
      // The demo ships the Gers contours: the situation map and the distances are there, not their absence notes.
      expect(text).not.toContain("Carte non disponible");
      expect(text).not.toContain("Distances non disponibles");
    }
  });

  it("prints a straddling EPCI on request, and the commune sheets of an EPCI with --communes", async () => {
    const toulousaine = manifest.epcis.find((epci) => epci.libelle === "CC de la Gascogne Toulousaine")!;
    const outcome = await observatoire(["pdf", "--sortie", "sortie", "--epci", "200030435", "--epci", toulousaine.code, "--communes"], work);
    expect(outcome.code, outcome.stderr).toBe(0);
    const aire = await pdfText(path.join(work, "sortie", "pdf", "portrait-200030435-cc-d-aire-sur-l-adour.pdf"));
    expect(aire).toContain("EPCI limitrophe : seules 10 communes sont dans le Gers");
    const sheets = fs.readdirSync(path.join(work, "sortie", "pdf", "communes"));
    const members = manifest.communes.filter((commune) => [toulousaine.code, "200030435"].includes(commune.code_epci));
    expect(sheets).toHaveLength(members.length);
    const first = members[0]!;
    const text = await pdfText(path.join(work, "sortie", "pdf", "communes", sheets.find((name) => name.startsWith(`fiche-${first.code}-`))!));
    expect(text).toContain(first.libelle);
    expect(text).toContain("Fiche communale");
    expect(text).not.toContain("40. Fiches");
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
