// Consistency of the generated demo files, read back from disk exactly as the
// importer will read them (encodings, line endings, separators).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insideShape } from "../../pipelines/demo/commune-points.ts";
import { writeDemo, writeDemoTerritories, type DemoSummary } from "../../pipelines/demo/write-demo.ts";
import { EMBEDDED_CONTOURS_DIR, readEmbeddedShapes } from "../../pipelines/geography/embedded-contours.ts";
import { CATEGORIES, NOMENCLATURE, valablePour } from "../../sources/bpe-equipements.ts";

const require = createRequire(import.meta.url);
const decoupage = <T>(name: string): T =>
  JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), "utf8")) as T;

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  population?: number;
}
const allCommunes = decoupage<RawCommune[]>("communes").filter((c) => c.type === "commune-actuelle");
const communesOf = (dep: string): RawCommune[] => allCommunes.filter((c) => c.departement === dep);
const epcis = decoupage<{ code: string; membres: { code: string }[] }[]>("epci");

const R = "insee-recensement";
/** A census theme's data file, inside its archive as INSEE publishes it: "archive.zip!member". */
const census = (theme: string) => `${R}/base-cc-${theme}-2022_csv.zip!base-cc-${theme}-2022.CSV`;
const FILES = {
  evol: census("evol-struct-pop"),
  coupl: census("coupl-fam-men"),
  logement: census("logement"),
  diplomes: census("diplomes-formation"),
  emploi: census("emploi-pop-active"),
  caract: census("caract_emp"),
  comparateur: "insee-comparateur/base_cc_comparateur.csv",
  filosofi: "insee-filosofi/base-cc-filosofi-2021-geo2024_CSV.zip",
  pl: "insee-pop/populations-legales-2022/donnees_communes.csv",
  notice: "DONNEES-DE-DEMONSTRATION.txt",
  contours: "contours/communes-32-2018.topojson",
};
/** The real Gers contours shipped with the project, which the demo copies and places its points in. */
const EMBEDDED = join(EMBEDDED_CONTOURS_DIR, "communes-32-2018.topojson");
const shapes = readEmbeddedShapes(EMBEDDED);
/** Whether a (longitude, latitude) lies inside the 2018 polygon of the commune with this code. */
const insideCommune = (code: string, longitude: number, latitude: number): boolean => insideShape(shapes.get(code)!, [longitude, latitude]);

/** 2022 columns as specified; the 2016 block repeats them with the older vintage. */
const STEMS_2022: Record<"evol" | "coupl" | "logement" | "diplomes" | "emploi" | "caract", string[]> = {
  evol: "P22_POP P22_POP0014 P22_POP1529 P22_POP3044 P22_POP4559 P22_POP6074 P22_POP7589 P22_POP90P P22_POPH P22_POPF P22_F1564".split(" "),
  coupl:
    "P22_POP15P P22_POP1519 P22_POP2024 P22_POP2539 P22_POP4054 P22_POP5564 P22_POP6579 P22_POP80P P22_POP80P_PSEUL C22_MEN C22_MENPSEUL C22_PMEN C22_FAM C22_FAMMONO C22_NE24F3 C22_NE24F4P".split(
      " ",
    ),
  logement:
    "P22_LOG P22_RP P22_RSECOCC P22_LOGVAC P22_MEN P22_PMEN P22_RP_PROP P22_RP_LOCHLMV P22_RP_ACHTOT P22_RP_ACH19 P22_RP_ACH45 P22_RP_VOIT1P".split(" "),
  diplomes:
    "P22_POP0205 P22_POP0610 P22_POP1114 P22_POP1517 P22_POP1824 P22_POP2529 P22_POP30P P22_SCOL0205 P22_SCOL0610 P22_SCOL1114 P22_SCOL1517 P22_SCOL1824 P22_SCOL2529 P22_SCOL30P P22_NSCOL15P P22_NSCOL15P_DIPLMIN P22_NSCOL15P_BEPC P22_NSCOL15P_CAPBEP P22_NSCOL15P_BAC P22_NSCOL15P_SUP2 P22_NSCOL15P_SUP34 P22_NSCOL15P_SUP5".split(
      " ",
    ),
  // The 2022 census names occupations by PCS 2020 group; the 2016 block of the same file keeps PCS 2003 categories.
  emploi:
    "P22_POP1564 P22_ACT1564 P22_ACTOCC1564 P22_CHOM1564 C22_ACTOCC1564 C22_ACTOCC1564_STAT_GSEC11 C22_ACTOCC1564_STAT_GSEC12 C22_ACTOCC1564_STAT_GSEC13 C22_ACTOCC1564_STAT_GSEC14 C22_ACTOCC1564_STAT_GSEC15 C22_ACTOCC1564_STAT_GSEC16".split(" "),
  caract:
    "P22_ACTOCC15P P22_SAL15P P22_NSAL15P P22_HSAL15P_CDI P22_HSAL15P_CDD P22_HSAL15P_INTERIM P22_HSAL15P_EMPAID P22_HSAL15P_APPR P22_FSAL15P_CDI P22_FSAL15P_CDD P22_FSAL15P_INTERIM P22_FSAL15P_EMPAID P22_FSAL15P_APPR".split(" "),
};
const censusHeader = (stems: string[]): string =>
  ["CODGEO", ...stems, ...stems.map((s) => s.replace(/^([PC])22_/, "$116_").replace(/_STAT_GSEC1(\d)$/, "_CS$1"))].join(";");

/** A demo file's bytes; "archive.zip!member" reads a member of an archive. */
function readDemo(dir: string, chemin: string): Buffer {
  const [file, member] = chemin.split("!");
  const bytes = readFileSync(join(dir, file!));
  return member ? Buffer.from(unzipSync(bytes)[member]!) : bytes;
}

const COMPARATEUR_HEADER =
  "CODGEO;P22_POP;P16_POP;SUPERF;NAIS1621;DECE1621;P22_MEN;NAISD24;DECESD24;P22_LOG;P22_RP;P22_RSECOCC;P22_LOGVAC;P22_RP_PROP;NBMENFISC21;PIMP21;MED21;TP6021;P22_EMPLT;P22_EMPLT_SAL;P16_EMPLT;P22_POP1564;P22_CHOM1564;P22_ACT1564;ETTOT24;ETAZ24;ETBE24;ETFZ24;ETGU24;ETOQ24;ETTEF124;ETTEFP1024";
const FILOSOFI_HEADER =
  "CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;PIMP21;TP6021;TP60AGE121;TP60AGE221;TP60AGE321;TP60AGE421;TP60AGE521;TP60AGE621;TP60TOL121;TP60TOL221;PACT21;PTSA21;PCHO21;PBEN21;PPEN21;PPAT21;PPSOC21;PPFAM21;PPMINI21;PPLOGT21;PIMPOT21;D121;D921;RD21";
const PL_HEADER = "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT";

type Row = Record<string, string>;
interface Table {
  header: string;
  rows: Row[];
  byCode: Map<string, Row>;
}

function parse(text: string, key = "CODGEO"): Table {
  const lines = text.split(/\r?\n/);
  expect(lines.at(-1)).toBe(""); // file ends with a line break
  lines.pop();
  const header = lines[0]!;
  const cols = header.split(";");
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(";");
    expect(cells.length).toBe(cols.length);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]!]));
  });
  return { header, rows, byCode: new Map(rows.map((r) => [r[key]!, r])) };
}

const EPS = 1e-6;
const num = (r: Row, col: string): number => {
  const x = Number(r[col]);
  if (!Number.isFinite(x)) throw new Error(`${col} = ${r[col]} (${r.CODGEO})`);
  return x;
};
const comma = (s: string): number => Number(s.replace(",", "."));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

const written: string[] = [];
let gersDemo: Promise<{ dir: string; summary: DemoSummary }> | undefined;
/** The Gers demo, written once for the whole file (each writing takes seconds). */
function demoGers(): Promise<{ dir: string; summary: DemoSummary }> {
  gersDemo ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    written.push(dir);
    return { dir, summary: await writeDemoTerritories(["32"], dir) };
  })();
  return gersDemo;
}
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

describe("données de démonstration — Gers (32)", () => {
  let dir = "";
  let summary: DemoSummary;
  const bytes = (p: string): Buffer => readDemo(dir, p);
  const utf8 = (p: string): string => bytes(p).toString("utf8");
  let evol: Table, coupl: Table, logement: Table, diplomes: Table, emploi: Table, caract: Table, comparateur: Table, pl: Table;
  let filo: Record<string, Table>;
  const gers = communesOf("32");

  beforeAll(async () => {
    ({ dir, summary } = await demoGers());
    evol = parse(utf8(FILES.evol));
    coupl = parse(utf8(FILES.coupl));
    logement = parse(utf8(FILES.logement).replace(/^\uFEFF/, ""));
    diplomes = parse(bytes(FILES.diplomes).toString("latin1"));
    emploi = parse(utf8(FILES.emploi));
    caract = parse(utf8(FILES.caract));
    comparateur = parse(utf8(FILES.comparateur));
    pl = parse(utf8(FILES.pl), "CODCOM");
    const zip = unzipSync(bytes(FILES.filosofi));
    filo = Object.fromEntries(Object.entries(zip).filter(([name]) => !name.startsWith("meta_")).map(([name, data]) => [name, parse(strFromU8(data))]));
  });


  it("couvre les 458 communes actuelles du Gers, dans chaque fichier communal", () => {
    expect(gers.length).toBe(458);
    expect(summary.territoire).toBe("32");
    expect(summary.communes).toBe(gers.length);
    const codes = gers.map((c) => c.code).sort();
    for (const t of [evol, coupl, logement, diplomes, emploi, caract, comparateur, filo["cc_filosofi_2021_COM.csv"]!]) {
      expect(t.rows.length).toBe(gers.length);
      expect(t.rows.map((r) => r.CODGEO)).toEqual(codes);
    }
    expect(pl.rows.length).toBe(gers.length);
    for (const f of Object.values(FILES)) expect(summary.fichiers.map((x) => x.chemin)).toContain(f.split("!")[0]);
    expect(summary.fichiers.find((f) => f.chemin === FILES.evol.split("!")[0])!.lignes).toBe(458);
  });

  it("écrit les en-têtes exacts", () => {
    expect(evol.header).toBe(censusHeader(STEMS_2022.evol));
    expect(coupl.header).toBe(censusHeader(STEMS_2022.coupl));
    expect(logement.header).toBe(censusHeader(STEMS_2022.logement));
    expect(diplomes.header).toBe(censusHeader(STEMS_2022.diplomes));
    expect(emploi.header).toBe(censusHeader(STEMS_2022.emploi));
    expect(caract.header).toBe(censusHeader(STEMS_2022.caract));
    expect(comparateur.header).toBe(COMPARATEUR_HEADER);
    expect(comparateur.header.split(";").length).toBe(32);
    expect(pl.header).toBe(PL_HEADER);
    for (const t of Object.values(filo)) expect(t.header).toBe(FILOSOFI_HEADER);
    expect(FILOSOFI_HEADER.split(";").length).toBe(28);
    expect(utf8(FILES.notice).split("\n")[0]).toBe("Données de démonstration — observatoire Gers Solidaire");
  });

  it("est déterministe : deux générations donnent les mêmes octets", async () => {
    const other = mkdtempSync(join(tmpdir(), "demo-"));
    written.push(other);
    await writeDemoTerritories(["32"], other);
    const a = listFiles(dir).map((p) => relative(dir, p)).sort();
    const b = listFiles(other).map((p) => relative(other, p)).sort();
    expect(b).toEqual(a);
    // 18 statistical files (6 census archives), 2 lists of places (ANCT France services, GIP), 14 activity logs of the
    // GIP (7 logs × 2019 and 2020) and the commune contours.
    expect(a.length).toBe(18 + 2 + 14 + 1);
    for (const p of a) expect(readFileSync(join(other, p)).equals(readFileSync(join(dir, p))), p).toBe(true);
  });

  it("copie les contours réels des communes du Gers tels qu'ils sont livrés, et le dit dans l'avertissement", () => {
    expect(summary.fichiers.find((f) => f.chemin === FILES.contours)).toEqual({ chemin: FILES.contours, lignes: 462 });
    expect(bytes(FILES.contours).equals(readFileSync(EMBEDDED))).toBe(true);
    const notice = utf8(FILES.notice);
    expect(notice).toContain("les contours des communes (dossier contours/) sont réels : IGN, ADMIN EXPRESS COG 2018,");
    expect(notice).toContain("« Source : IGN »");
  });

  it("place les lieux du GIP à l'intérieur de leur commune", () => {
    const lines = utf8("gip-lieux/lieux-gip-2025.csv").trimEnd().split("\n");
    const header = lines[0]!.split(";");
    const rows = lines.slice(1).map((line) => line.split(";"));
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      const [code, latitude, longitude] = ["code_commune", "latitude", "longitude"].map((name) => row[header.indexOf(name)]!);
      expect(insideCommune(code!, Number(longitude), Number(latitude)), row.join(";")).toBe(true);
    }
  });

  it("n'écrit jamais de nombre négatif, NaN ni Infinity dans le recensement", () => {
    for (const t of [evol, coupl, logement, diplomes, emploi, caract]) {
      for (const r of t.rows) {
        expect(r.CODGEO).toMatch(/^32\d{3}$/);
        for (const [col, v] of Object.entries(r)) {
          if (col === "CODGEO") continue;
          expect(v, `${r.CODGEO} ${col}`).toMatch(/^\d+(\.\d+)?$/);
        }
      }
    }
    // Weighted estimates are non-integers, populations are integers.
    expect(evol.rows.every((r) => /^\d+$/.test(r.P22_POP!) && /^\d+$/.test(r.P16_POP!))).toBe(true);
    expect(evol.rows.filter((r) => r.P22_POP0014!.includes(".")).length).toBeGreaterThan(400);
  });

  it("structure par âge et sexe cohérente (évol-struct-pop)", () => {
    for (const v of ["22", "16"]) {
      for (const r of evol.rows) {
        const p = (s: string) => num(r, `P${v}_${s}`);
        const bands = ["POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP7589", "POP90P"].reduce((a, s) => a + p(s), 0);
        expect(Math.abs(bands - p("POP")), r.CODGEO).toBeLessThan(EPS);
        expect(Math.abs(p("POPH") + p("POPF") - p("POP"))).toBeLessThan(EPS);
        expect(p("F1564")).toBeLessThan(p("POPF"));
      }
    }
  });

  it("P22_POP proche de la population municipale (±3 %)", () => {
    for (const c of gers) {
      const pop = num(evol.byCode.get(c.code)!, "P22_POP");
      expect(Math.abs(pop - c.population!), c.code).toBeLessThanOrEqual(0.03 * c.population! + 1);
    }
  });

  it("ménages et familles cohérents (coupl-fam-men)", () => {
    for (const v of ["22", "16"]) {
      for (const r of coupl.rows) {
        const p = (s: string) => num(r, `P${v}_${s}`);
        const c = (s: string) => num(r, `C${v}_${s}`);
        const e = evol.byCode.get(r.CODGEO!)!;
        const pe = (s: string) => num(e, `P${v}_${s}`);
        expect(Math.abs(p("POP15P") - (pe("POP") - pe("POP0014")))).toBeLessThan(EPS);
        const bands = ["POP1519", "POP2024", "POP2539", "POP4054", "POP5564", "POP6579", "POP80P"].reduce((a, s) => a + p(s), 0);
        expect(Math.abs(bands - p("POP15P"))).toBeLessThan(EPS);
        expect(p("POP80P")).toBeLessThanOrEqual(pe("POP7589") + pe("POP90P") + EPS);
        const senior = pe("POP6074") + pe("POP7589") + pe("POP90P");
        expect((p("POP6579") + p("POP80P")) / senior).toBeGreaterThan(0.7);
        expect((p("POP6579") + p("POP80P")) / senior).toBeLessThanOrEqual(1);
        expect(p("POP80P_PSEUL")).toBeLessThanOrEqual(p("POP80P"));
        expect(c("MENPSEUL")).toBeLessThanOrEqual(c("MEN"));
        expect(c("MENPSEUL") / c("MEN")).toBeGreaterThan(0.25);
        expect(c("MENPSEUL") / c("MEN")).toBeLessThan(0.5);
        expect(c("PMEN") / pe("POP")).toBeGreaterThan(0.93);
        expect(c("PMEN") / pe("POP")).toBeLessThanOrEqual(1);
        expect(c("PMEN") / c("MEN")).toBeGreaterThanOrEqual(1.9);
        expect(c("PMEN") / c("MEN")).toBeLessThanOrEqual(2.4);
        expect(c("FAMMONO")).toBeLessThanOrEqual(c("FAM"));
        expect(c("NE24F3") + c("NE24F4P")).toBeLessThanOrEqual(0.1 * c("FAM") + EPS);
        expect(c("FAM")).toBeLessThan(c("MEN"));
      }
    }
  });

  it("logements cohérents (logement)", () => {
    for (const v of ["22", "16"]) {
      for (const r of logement.rows) {
        const p = (s: string) => num(r, `P${v}_${s}`);
        expect(Math.abs(p("LOG") - (p("RP") + p("RSECOCC") + p("LOGVAC"))), r.CODGEO).toBeLessThan(EPS);
        expect(p("MEN")).toBe(p("RP"));
        for (const s of ["RP_PROP", "RP_LOCHLMV", "RP_VOIT1P", "RP_ACHTOT"]) expect(p(s)).toBeLessThanOrEqual(p("RP"));
        expect(p("RP_PROP") + p("RP_LOCHLMV")).toBeLessThanOrEqual(p("RP"));
        expect(p("RP_ACH19") + p("RP_ACH45")).toBeLessThanOrEqual(p("RP_ACHTOT"));
        expect(p("LOGVAC") / p("LOG")).toBeGreaterThanOrEqual(0.06 - EPS);
        expect(p("LOGVAC") / p("LOG")).toBeLessThanOrEqual(0.14 + EPS);
        const men = num(coupl.byCode.get(r.CODGEO!)!, `C${v}_MEN`);
        expect(Math.abs(p("MEN") / men - 1)).toBeLessThanOrEqual(0.02);
      }
    }
    // HLM: none in most villages, some in every large town.
    const hlm = (r: Row) => num(r, "P22_RP_LOCHLMV") / num(r, "P22_RP");
    const villages = logement.rows.filter((r) => num(evol.byCode.get(r.CODGEO!)!, "P22_POP") < 500);
    expect(villages.filter((r) => hlm(r) === 0).length / villages.length).toBeGreaterThan(0.8);
    const auch = logement.byCode.get("32013")!;
    expect(hlm(auch)).toBeGreaterThan(0.05);
    expect(hlm(auch)).toBeLessThan(0.25);
  });

  it("scolarisation et diplômes cohérents (diplomes-formation)", () => {
    for (const v of ["22", "16"]) {
      for (const r of diplomes.rows) {
        const p = (s: string) => num(r, `P${v}_${s}`);
        for (const a of ["0205", "0610", "1114", "1517", "1824", "2529", "30P"]) expect(p(`SCOL${a}`)).toBeLessThanOrEqual(p(`POP${a}`));
        const parts = ["DIPLMIN", "BEPC", "CAPBEP", "BAC", "SUP2", "SUP34", "SUP5"].reduce((a, n) => a + p(`NSCOL15P_${n}`), 0);
        expect(Math.abs(parts - p("NSCOL15P"))).toBeLessThan(EPS);
        const pop15p = num(coupl.byCode.get(r.CODGEO!)!, `P${v}_POP15P`);
        expect(p("NSCOL15P")).toBeLessThanOrEqual(pop15p);
        expect(Math.abs(p("POP1517") + p("POP1824") + p("POP2529") + p("POP30P") - pop15p)).toBeLessThan(EPS);
      }
    }
  });

  it("activité et emploi cohérents (emploi-pop-active, caract_emp)", () => {
    for (const v of ["22", "16"]) {
      for (const r of emploi.rows) {
        const k = caract.byCode.get(r.CODGEO!)!;
        const p = (s: string) => num(r[`P${v}_${s}`] === undefined ? k : r, `P${v}_${s}`);
        const c = (s: string) => num(r, `C${v}_${s}`.replace(/^C22_ACTOCC1564_CS(\d)$/, "C22_ACTOCC1564_STAT_GSEC1$1"));
        expect(p("CHOM1564")).toBeLessThanOrEqual(p("ACT1564"));
        expect(p("ACT1564")).toBeLessThanOrEqual(p("POP1564"));
        expect(Math.abs(p("ACTOCC1564") + p("CHOM1564") - p("ACT1564"))).toBeLessThan(EPS);
        expect(p("ACT1564") / p("POP1564")).toBeGreaterThanOrEqual(0.7 - EPS);
        expect(p("ACT1564") / p("POP1564")).toBeLessThanOrEqual(0.8 + EPS);
        expect(p("CHOM1564") / p("ACT1564")).toBeGreaterThanOrEqual(0.06 - EPS);
        expect(p("CHOM1564") / p("ACT1564")).toBeLessThanOrEqual(0.14 + EPS);
        const sal = ["H", "F"].flatMap((s) => ["CDI", "CDD", "INTERIM", "EMPAID", "APPR"].map((k) => p(`${s}SAL15P_${k}`)));
        expect(Math.abs(sal.reduce((a, b) => a + b, 0) - p("SAL15P"))).toBeLessThan(EPS);
        expect(p("SAL15P")).toBeLessThanOrEqual(p("ACTOCC1564") * 1.05);
        const cs = [1, 2, 3, 4, 5, 6].reduce((a, i) => a + c(`ACTOCC1564_CS${i}`), 0);
        expect(Math.abs(cs - c("ACTOCC1564"))).toBeLessThan(EPS);
        expect(Math.abs(c("ACTOCC1564") / p("ACTOCC1564") - 1)).toBeLessThanOrEqual(0.03);
        const e = evol.byCode.get(r.CODGEO!)!;
        const base = num(e, `P${v}_POP1529`) + num(e, `P${v}_POP3044`) + num(e, `P${v}_POP4559`);
        expect(p("POP1564") / base).toBeGreaterThanOrEqual(0.95);
        expect(p("POP1564") / base).toBeLessThanOrEqual(1.15);
      }
    }
  });

  it("le comparateur reprend les valeurs des fichiers base-cc et Filosofi", () => {
    const filoCom = filo["cc_filosofi_2021_COM.csv"]!;
    for (const r of comparateur.rows) {
      const code = r.CODGEO!;
      const e = evol.byCode.get(code)!;
      const l = logement.byCode.get(code)!;
      const m = emploi.byCode.get(code)!;
      const f = filoCom.byCode.get(code)!;
      expect(r.P22_POP).toBe(e.P22_POP);
      expect(r.P16_POP).toBe(e.P16_POP);
      for (const col of ["P22_MEN", "P22_LOG", "P22_RP", "P22_RSECOCC", "P22_LOGVAC", "P22_RP_PROP"]) expect(r[col], col).toBe(l[col]);
      for (const col of ["P22_POP1564", "P22_CHOM1564", "P22_ACT1564"]) expect(r[col], col).toBe(m[col]);
      for (const col of ["NBMENFISC21", "PIMP21", "MED21", "TP6021"]) expect(r[col], col).toBe(f[col]);
      expect(r.SUPERF).toMatch(/^\d+\.\d{2}$/);
      expect(num(r, "SUPERF")).toBeGreaterThan(0);
      const et = ["ETAZ24", "ETBE24", "ETFZ24", "ETGU24", "ETOQ24"].reduce((a, c) => a + num(r, c), 0);
      expect(num(r, "ETTOT24")).toBe(et);
      expect(num(r, "ETTEF124") + num(r, "ETTEFP1024")).toBeLessThanOrEqual(num(r, "ETTOT24"));
      for (const col of ["NAIS1621", "DECE1621", "NAISD24", "DECESD24", "ETTOT24"]) expect(r[col]).toMatch(/^\d+$/);
      expect(num(r, "P22_EMPLT_SAL")).toBeLessThanOrEqual(num(r, "P22_EMPLT"));
    }
    const superf = comparateur.rows.map((r) => num(r, "SUPERF")).sort((a, b) => a - b);
    expect(superf[Math.floor(superf.length / 2)]).toBeGreaterThan(5);
    expect(superf[Math.floor(superf.length / 2)]).toBeLessThan(40);
  });

  it("l'archive Filosofi contient les 5 fichiers, avec le secret statistique des petites communes", () => {
    expect(Object.keys(filo).sort()).toEqual(
      ["COM", "DEP", "EPCI", "FRANCE", "REG"].map((n) => `cc_filosofi_2021_${n}.csv`),
    );
    const com = filo["cc_filosofi_2021_COM.csv"]!;
    const codesGers = new Set(gers.map((c) => c.code));
    const epciAttendus = epcis.filter((e) => e.membres.some((m) => codesGers.has(m.code))).map((e) => e.code).sort();
    expect(filo["cc_filosofi_2021_EPCI.csv"]!.rows.map((r) => r.CODGEO)).toEqual(epciAttendus);
    expect(filo["cc_filosofi_2021_DEP.csv"]!.rows.map((r) => r.CODGEO)).toEqual(["32"]);
    expect(filo["cc_filosofi_2021_REG.csv"]!.rows.map((r) => r.CODGEO)).toEqual(["76"]);
    expect(filo["cc_filosofi_2021_FRANCE.csv"]!.rows.map((r) => r.CODGEO)).toEqual(["FRANCE"]);

    const cols = FILOSOFI_HEADER.split(";").slice(1);
    const allSecret = com.rows.filter((r) => r.NBMENFISC21 === "s");
    expect(allSecret.length).toBeGreaterThan(20);
    for (const r of allSecret) expect(cols.every((c) => r[c] === "s"), r.CODGEO).toBe(true);
    const partial = com.rows.filter((r) => r.NBMENFISC21 !== "s" && r.PIMP21 === "s");
    expect(partial.length).toBeGreaterThan(100);
    for (const r of partial) {
      expect(r.NBMENFISC21).toMatch(/^\d+$/);
      expect(r.NBPERSMENFISC21).toMatch(/^\d+$/);
      expect(r.MED21).toMatch(/^\d+$/);
      expect(cols.slice(3).every((c) => r[c] === "s")).toBe(true);
    }
    for (const r of com.rows) {
      if (r.NBMENFISC21 === "s") continue;
      const nb = num(r, "NBMENFISC21");
      expect(nb).toBeGreaterThanOrEqual(50);
      if (nb < 1000) expect(r.PIMP21).toBe("s");
      const men = num(coupl.byCode.get(r.CODGEO!)!, "C22_MEN");
      expect(Math.abs(nb / (men * 0.95) - 1)).toBeLessThan(0.05);
    }
    const published = com.rows.filter((r) => r.PIMP21 !== "s");
    expect(published.length).toBeGreaterThan(3);
    expect(com.byCode.get("32013")!.TP6021).not.toBe("s");

    // Supra-communal rows: never secret, comma decimals, PIMPOT negative.
    const rates = cols.filter((c) => !["NBMENFISC21", "NBPERSMENFISC21", "MED21", "D121", "D921"].includes(c));
    for (const name of ["EPCI", "DEP", "REG", "FRANCE"]) {
      for (const r of filo[`cc_filosofi_2021_${name}.csv`]!.rows) {
        for (const c of cols) expect(r[c], `${name} ${r.CODGEO} ${c}`).not.toBe("s");
        for (const c of rates) expect(r[c], `${name} ${c}`).toMatch(/^-?\d+,\d$/);
        for (const c of ["NBMENFISC21", "NBPERSMENFISC21", "MED21", "D121", "D921"]) expect(r[c]).toMatch(/^\d+$/);
        expect(comma(r.PIMPOT21!)).toBeLessThan(0);
        expect(num(r, "MED21")).toBeGreaterThan(18000);
        expect(num(r, "MED21")).toBeLessThan(26000);
        expect(comma(r.TP6021!)).toBeGreaterThan(8);
        expect(comma(r.TP6021!)).toBeLessThan(25);
        expect(num(r, "D121")).toBeLessThan(num(r, "MED21"));
        expect(num(r, "D921")).toBeGreaterThan(num(r, "MED21"));
      }
    }
    for (const r of published) {
      for (const c of rates) if (r[c] !== "s") expect(r[c], `${r.CODGEO} ${c}`).toMatch(/^-?\d+,\d$/);
      // Income shares add up to 100 (taxes are negative), on the published rounded figures.
      const total = ["PACT21", "PPEN21", "PPAT21", "PPSOC21", "PIMPOT21"].reduce((a, c) => a + comma(r[c]!), 0);
      expect(Math.abs(total - 100)).toBeLessThan(0.051);
    }
    // EPCI households cover all member communes, even outside the département: at least the Gers members.
    const dep = filo["cc_filosofi_2021_DEP.csv"]!.rows[0]!;
    const sumEpci = filo["cc_filosofi_2021_EPCI.csv"]!.rows.reduce((a, r) => a + num(r, "NBMENFISC21"), 0);
    expect(sumEpci).toBeGreaterThanOrEqual(num(dep, "NBMENFISC21"));
  });

  it("écrit un fichier Latin-1 en CRLF et un fichier avec BOM UTF-8", () => {
    const latin = bytes(FILES.diplomes);
    expect(latin.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const decoded = new TextDecoder("latin1").decode(latin);
    expect(decoded.startsWith("CODGEO;P22_POP0205;")).toBe(true);
    const lines = decoded.split("\n");
    expect(lines.slice(0, -1).every((l) => l.endsWith("\r"))).toBe(true);
    expect(bytes(FILES.logement).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    for (const f of [FILES.evol, FILES.coupl, FILES.emploi, FILES.comparateur, FILES.pl]) {
      expect(bytes(f)[0], f).toBe("C".charCodeAt(0));
    }
    expect(utf8(FILES.evol).includes("\r")).toBe(false);
  });

  it("écrit les populations légales en CRLF, UTF-8, à partir des PMUN réelles", () => {
    const raw = utf8(FILES.pl);
    const lines = raw.split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).every((l) => l.endsWith("\r"))).toBe(true);
    for (const c of gers) {
      const r = pl.byCode.get(c.code.slice(2))!;
      expect(r, c.code).toBeDefined();
      expect(r.CODDEP).toBe("32");
      expect(r.CODREG).toBe("76");
      expect(r.REG).toBe("Occitanie");
      expect(r.COM).toBe(c.nom);
      expect(r.CODARR).toMatch(/^[1-9]$/);
      expect(r.CODCAN).toMatch(/^\d{2}$/);
      expect(num(r, "PMUN")).toBe(c.population);
      expect(num(r, "PTOT")).toBe(num(r, "PMUN") + num(r, "PCAP"));
      expect(num(r, "PCAP")).toBeLessThanOrEqual(Math.round(0.05 * num(r, "PMUN")));
    }
    expect(pl.byCode.get("013")!.CODCAN).toBe("99");
    expect(raw).toContain("Lectoure"); // a real commune name
    expect(gers.some((c) => /[éèôâ]/.test(c.nom) && raw.includes(c.nom))).toBe(true);
  });
});

describe("données de démonstration CAF et BPE — Gers (32)", () => {
  let dir = "";
  const gers = communesOf("32");
  const read = (p: string, encoding: BufferEncoding = "utf8") => readDemo(dir, p).toString(encoding);
  let coupl: Table, emploi: Table, logement: Table, evol: Table;

  beforeAll(async () => {
    ({ dir } = await demoGers());
    coupl = parse(read(FILES.coupl));
    emploi = parse(read(FILES.emploi));
    logement = parse(read(FILES.logement).replace(/^\uFEFF/, ""));
    evol = parse(read(FILES.evol));
  });

  it("écrit la série Cafdata aux noms de champs officiels, 4 décembres par commune, effectifs arrondis à 5", () => {
    const text = read("caf/s_ben_com_f.csv");
    const lines = text.split("\n");
    expect(lines[0]).toBe("dtreffre;numcomdo;nomcom;indfoy_ndur;indnbp_ndur;indfoy_af;indfoy_apl;indfoy_alf;indfoy_als;indfoy_rsa;indfoy_ppa;indfoy_aah;indmtt_rsa;indmtt_ppa");
    const rows = lines.slice(1, -1).map((l) => l.split(";"));
    expect(rows).toHaveLength(gers.length * 4);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["2020-12", "2021-12", "2022-12", "2023-12"]));
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(gers.map((c) => c.code)));
    for (const r of rows) for (const cell of r.slice(3, 12)) expect(Number(cell) % 5, r.join(";")).toBe(0);
  });

  it("reste cohérente avec le recensement : RSA ≤ allocataires ≤ ménages, taux plausibles", () => {
    const rows = read("caf/s_ben_com_f.csv").split("\n").slice(1, -1).map((l) => l.split(";")).filter((r) => r[0] === "2023-12");
    let alloc = 0, men = 0, rsa = 0, ppa = 0, actocc = 0, al = 0, rp = 0, pers = 0, pop = 0;
    for (const r of rows) {
      const [ndur, nbp, , apl, alf, als, frsa, fppa, aah] = r.slice(3).map(Number) as number[];
      const m = num(coupl.byCode.get(r[1]!)!, "C22_MEN");
      expect(frsa!).toBeLessThanOrEqual(ndur!);
      expect(fppa!).toBeLessThanOrEqual(ndur!);
      expect(aah!).toBeLessThanOrEqual(ndur!);
      expect(ndur!).toBeLessThanOrEqual(nbp!);
      expect(ndur!).toBeLessThanOrEqual(Math.round(m / 5) * 5 + 5);
      alloc += ndur!; men += m; rsa += frsa!; ppa += fppa!; al += apl! + alf! + als!; pers += nbp!;
      actocc += num(emploi.byCode.get(r[1]!)!, "P22_ACTOCC1564");
      rp += num(logement.byCode.get(r[1]!)!, "P22_RP");
      pop += num(evol.byCode.get(r[1]!)!, "P22_POP");
    }
    expect(alloc / men).toBeGreaterThan(0.25);
    expect(alloc / men).toBeLessThan(0.6);
    expect((100 * rsa) / men).toBeGreaterThan(2);
    expect((100 * rsa) / men).toBeLessThan(10);
    expect((100 * ppa) / actocc).toBeGreaterThan(8);
    expect((100 * ppa) / actocc).toBeLessThan(30);
    expect((100 * al) / rp).toBeGreaterThan(8);
    expect((100 * al) / rp).toBeLessThan(35);
    expect(pers / pop).toBeGreaterThan(0.25);
    expect(pers / pop).toBeLessThan(0.6);
  });

  it("écrit les fichiers de l'ancien portail en Latin-1, CRLF, valeurs inférieures à 5 laissées en blanc", () => {
    const dep = read("caf/ancien-portail/DependancePrestaCom2020.csv", "latin1").split("\r\n");
    expect(dep[0]).toBe("Communes;Codes_Insee;NB_allocataires;TR50PFRB;TR100PFRB");
    const rows = dep.slice(1, -1).map((l) => l.split(";"));
    expect(rows).toHaveLength(gers.length);
    const cells = rows.flatMap((r) => r.slice(2));
    expect(cells.some((c) => c === " ")).toBe(true);
    for (const c of cells) expect(c === " " || Number(c) >= 5, c).toBe(true);
    const published = rows.filter((r) => r[2] !== " " && r[3] !== " ");
    expect(published.length).toBeGreaterThan(100);
    for (const r of published) expect(Number(r[3])).toBeLessThanOrEqual(Number(r[2]));
    const bas = read("caf/ancien-portail/Bas_revenu_Com_2020.csv", "latin1").split("\r\n");
    expect(bas[0]).toBe("Communes;Codes_Insee;NB_allocataires_ress;NB_pers_couv_ress;ALL_bas_revenu;Pers_bas_revenu");
  });

  it("place les France services à l'intérieur de leur commune", () => {
    const text = read("anct-france-services/liste-fs-20240801.csv");
    const header = text.split("\n")[0]!.split(",").map((name) => name.replaceAll('"', ""));
    // One site per line start: a bus's comment runs over two lines, its second line starts with "mardi".
    const sites = [...text.matchAll(/^"\d+","32",.*$/gm)].map((match) => match[0].split(","));
    expect(sites.length).toBeGreaterThan(10);
    for (const site of sites) {
      const code = site[header.indexOf("insee_com")]!.replaceAll('"', "");
      expect(insideCommune(code, Number(site[header.indexOf("longitude")]), Number(site[header.indexOf("latitude")])), site.join(",")).toBe(true);
    }
  });

  it("publie le taux de couverture Onape aux communes de plus de 10 000 habitants, aux EPCI, au département et à la France", () => {
    const com = read("caf/txcouv_pe_com.csv").split("\n").slice(1, -1).map((l) => l.split(";"));
    const grandes = gers.filter((c) => (c.population ?? 0) > 10_000).map((c) => c.code);
    expect(grandes).toContain("32013");
    expect(new Set(com.map((r) => r[1]))).toEqual(new Set(grandes));
    expect(read("caf/txcouv_pe_epci.csv").split("\n")[0]).toMatch(/^annee;numepci;nomepci;numdep;nomdep;.*;txcouv_epci$/);
    expect(read("caf/txcouv_pe_dep.csv").split("\n")[1]).toMatch(/^2022;32;Gers;/);
    expect(read("caf/txcouv_pe_nat.csv").split("\n")[1]).toMatch(/^2022-01-01;FRANCE ENTIERE HORS MAYOTTE;/);
    for (const r of com) {
      const [psu, hors, pre, am, gad, eaje, ind, total] = r.slice(5).map(Number) as number[];
      expect(eaje!).toBeCloseTo(psu! + hors! + pre!, 1);
      expect(total!).toBeCloseTo(eaje! + ind!, 1);
      expect(am! + gad!).toBeCloseTo(ind!, 1);
    }
  });

  it("écrit la BPE 2024 des seuls types de la nomenclature déclarative, avec des densités plausibles", () => {
    const text = read("insee-bpe/BPE24.csv");
    const lines = text.split("\n");
    const header = lines[0]!.split(";");
    expect(header).toEqual(expect.arrayContaining(["AN", "DEPCOM", "DOM", "SDOM", "TYPEQU", "LAMBERT_X", "LAMBERT_Y", "LONGITUDE", "LATITUDE", "QUALITE_XY", "EPSG", "ITINERANCE"]));
    const col = (name: string) => header.indexOf(name);
    const rows = lines.slice(1, -1).map((l) => l.split(";"));
    const allowed = new Set(NOMENCLATURE.filter((t) => t.categorie !== null && valablePour(t, 2024)).map((t) => t.code));
    for (const r of rows) {
      expect(allowed.has(r[col("TYPEQU")]!), r[col("TYPEQU")]).toBe(true);
      expect(r[col("AN")]).toBe("2024");
      expect(r[col("DEPCOM")]!.startsWith("32")).toBe(true);
      // The Gers ships its contours: each equipment lies inside its own commune, so distances mean something.
      expect(insideCommune(r[col("DEPCOM")]!, Number(r[col("LONGITUDE")]), Number(r[col("LATITUDE")])), r.join(";")).toBe(true);
    }
    // Not all piled on one point: a town's equipments are spread around its centre.
    const auch = rows.filter((r) => r[col("DEPCOM")] === "32013").map((r) => `${r[col("LONGITUDE")]},${r[col("LATITUDE")]}`);
    expect(new Set(auch).size).toBeGreaterThan(0.9 * auch.length);
    const pop = gers.reduce((t, c) => t + num(evol.byCode.get(c.code)!, "P22_POP"), 0);
    const pop75 = gers.reduce((t, c) => t + num(evol.byCode.get(c.code)!, "P22_POP7589") + num(evol.byCode.get(c.code)!, "P22_POP90P"), 0);
    const fixed = (code: string) => rows.filter((r) => r[col("TYPEQU")] === code && r[col("ITINERANCE")] === "0").length;
    expect((fixed("D265") / pop) * 10_000).toBeGreaterThan(6);
    expect((fixed("D265") / pop) * 10_000).toBeLessThan(12);
    expect((fixed("D401") / pop75) * 100).toBeGreaterThan(0.6);
    expect((fixed("D401") / pop75) * 100).toBeLessThan(1.3);
    expect(rows.filter((r) => r[col("TYPEQU")] === "A129")).toHaveLength(gers.length);
    expect(CATEGORIES.every((c) => rows.some((r) => NOMENCLATURE.find((t) => t.code === r[col("TYPEQU")])?.categorie === c.id))).toBe(true);
  });
});

describe("autres départements", () => {
  it("génère les Hautes-Pyrénées (65) avec toutes leurs communes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    try {
      const summary = await writeDemoTerritories(["65"], dir);
      // No contours are shipped for the Hautes-Pyrénées: none copied, none announced; the sites say how to add them.
      expect(summary.fichiers.some((f) => f.chemin.startsWith("contours/"))).toBe(false);
      expect(readFileSync(join(dir, FILES.notice), "utf8")).not.toContain("contours");
      const expected = communesOf("65").length;
      expect(expected).toBeGreaterThan(400);
      expect(summary.communes).toBe(expected);
      const evol = parse(readDemo(dir, FILES.evol).toString("utf8"));
      expect(evol.rows.length).toBe(expected);
      expect(evol.rows.every((r) => r.CODGEO!.startsWith("65"))).toBe(true);
      const zip = unzipSync(readFileSync(join(dir, FILES.filosofi)));
      expect(parse(strFromU8(zip["cc_filosofi_2021_DEP.csv"]!)).rows[0]!.CODGEO).toBe("65");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse un département inconnu avec un message en français", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    try {
      await expect(writeDemo({ territoire: "99", dossier: dir })).rejects.toThrow(
        "Département inconnu : 99. Codes attendus : 01 à 95, 2A, 2B, 971 à 976.",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
