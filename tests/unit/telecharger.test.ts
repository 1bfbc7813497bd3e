// Downloads on loopback only: a local server replays fixture files and misbehaves on cue (redirects, 404, 5xx, cut
// connections, silence, wrong bytes), and a local proxy checks HTTPS_PROXY/HTTP_PROXY and NO_PROXY. The command
// itself is tested in tests/cli/telecharger.test.ts. Nothing here reaches the internet.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, fillFichier, loadCatalogue, type CatalogueEntry } from "../../pipelines/download/catalogue.ts";
import { partPath } from "../../pipelines/download/fetch-file.ts";
import { MANIFEST_NAME } from "../../pipelines/download/manifest.ts";
import { isContoursFile } from "../../pipelines/ingest/load-contours.ts";
import { SOURCES } from "../../sources/registry.ts";
import { cutAfter, serveFile, startProxy, startServer, type Handler, type LoopbackServer } from "../support/loopback-http.ts";
import { download, entry, payload, sha256, tempDir, writeCatalogue } from "../support/telecharger-fixtures.ts";

const TIMEOUT = { timeout: 60_000 };

describe("le catalogue des téléchargements (sources/telechargements.json)", () => {
  const catalogue = loadCatalogue(DEFAULT_CATALOGUE);

  it("holds at least ten official sources, all over https, each with public evidence", () => {
    expect(catalogue.sources.length).toBeGreaterThanOrEqual(10);
    for (const source of catalogue.sources) {
      expect(source.url, source.id).toMatch(/^https:\/\//);
      expect(source.page, source.id).toMatch(/^https:\/\//);
      expect(source.preuve.length, source.id).toBeGreaterThan(0);
    }
    const ids = catalogue.sources.map((source) => source.id);
    for (const needed of ["insee-comparateur-territoires", "insee-rp2022-caract-emp", "insee-filosofi-2021-cc", "insee-filosofi-2021-iris-dec", "insee-populations-reference", "insee-cog-communes", "insee-bpe-xy", "cnaf-s-ben-com-f", "cnaf-txcouv-pe-com", "cnaf-txcouv-pe-epci", "cnaf-txcouv-pe-dep", "cnaf-txcouv-pe-nat", "anct-france-services", "geo-api-communes-departement"]) {
      expect(ids).toContain(needed);
    }
    // Cafdata through the Opendatasoft export API, technical field names (use_labels would rename the columns).
    for (const source of catalogue.sources.filter((item) => item.id.startsWith("cnaf-"))) {
      expect(source.url).toMatch(/^https:\/\/data\.caf\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/[a-z_]+\/exports\/csv\?delimiter=%3B$/);
    }
  });

  it("names every file as the importer recognises it: by a source's name pattern, or by content for contours", () => {
    const recognised = (name: string) => SOURCES.some((source) => source.nom.test(name));
    for (const source of catalogue.sources) {
      const fichier = fillFichier(source, { dep: "32", annee: 2026, ressource: source.resolution?.exemple });
      const nom = path.posix.basename(fichier);
      if (source.format === "geojson" || source.format === "json") {
        // Documented exception: contours are recognised by their content; their name must carry the geography year.
        expect(isContoursFile(nom), source.id).toBe(true);
        expect(nom, source.id).toMatch(/(?<!\d)20\d{2}(?!\d)/);
        continue;
      }
      // A zip is read member by member: its name or one of its data members must be recognised.
      const names = source.format === "zip" ? [nom, ...source.membres] : [nom];
      expect(names.some(recognised), `${source.id} : ${names.join(", ")}`).toBe(true);
    }
    // donnees_communes.csv names no year: the folder it is written to must.
    const populations = catalogue.sources.find((source) => source.id === "insee-populations-reference")!;
    expect(populations.fichier).toMatch(/^populations-legales-(\d{4})\/ensemble\.zip$/);
    expect(populations.fichier).toContain(populations.millesime);
  });

  it("refuses plain http, unknown fields and placeholders, and duplicates, naming the entry in French", () => {
    const dir = tempDir("catalogue-invalide");
    const refused = (sources: CatalogueEntry[], options = {}) => {
      try {
        loadCatalogue(writeCatalogue(dir, sources), options);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepté";
    };
    expect(refused([entry("a", "http://www.example.org/a.csv")])).toMatch(/entrée 1 \(« a »\), champ url : adresse http non chiffrée refusée/);
    // The test-only allowance is for the loopback address alone.
    expect(refused([entry("a", "http://www.example.org/a.csv")], { allowLoopbackHttp: true })).toMatch(/http non chiffrée refusée/);
    expect(refused([entry("a", "http://127.0.0.1:9/a.csv")])).toMatch(/http non chiffrée refusée/);
    expect(refused([entry("a", "http://127.0.0.1:9/a.csv")], { allowLoopbackHttp: true })).toBe("accepté");
    expect(refused([entry("a", "https://www.example.org/{annee}/a.csv")])).toMatch(/paramètre inconnu \{annee\}/);
    expect(refused([entry("a", "https://www.example.org/a.csv", { fichier: "../a.csv" })])).toMatch(/chemin relatif attendu/);
    expect(refused([{ ...entry("a", "https://www.example.org/a.csv"), tialle: 3 } as CatalogueEntry])).toMatch(/entrée 1 \(« a »\).*tialle/);
    expect(refused([entry("a", "https://www.example.org/a.csv"), entry("a", "https://www.example.org/b.csv", { fichier: "b.csv" })])).toMatch(/identifiant déjà utilisé/);
    expect(refused([entry("a", "https://www.example.org/a.csv", { sha256: "abc" })])).toMatch(/sha256 attendu/);
  });
});

describe("un téléchargement (serveur local)", TIMEOUT, () => {
  let server: LoopbackServer;
  const files = {
    simple: payload("simple"),
    redirige: payload("redirige"),
    reessai: payload("reessai"),
    coupe: payload("coupe"),
    reprise: payload("reprise"),
    sansRange: payload("sansRange"),
    controle: payload("controle"),
    conditionnel: payload("conditionnel"),
  };
  let retryCalls = 0;
  let resumeCalls = 0;
  let noRangeCalls = 0;

  beforeAll(async () => {
    const stalls: Handler = () => {
      // Never answers: the read timeout must give up.
    };
    server = await startServer({
      "/simple.csv": serveFile(files.simple, { etag: '"s1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" }),
      "/ancien/redirige.csv": (_request, response) => {
        response.writeHead(302, { location: "/nouveau/redirige.csv" });
        response.end();
      },
      "/nouveau/redirige.csv": serveFile(files.redirige),
      "/vers-http.csv": (_request, response) => {
        response.writeHead(301, { location: "http://fichiers.example.invalid/vers-http.csv" });
        response.end();
      },
      "/reessai.csv": (request, response, n) => {
        retryCalls = n;
        if (n === 1) {
          response.writeHead(500);
          response.end("erreur");
        } else if (n === 2) {
          response.writeHead(429, { "retry-after": "0" });
          response.end("trop");
        } else serveFile(files.reessai)(request, response, n);
      },
      "/coupe.csv": (request, response, n) => (n === 1 ? cutAfter(files.coupe, 20_000, { etag: '"c1"' }) : serveFile(files.coupe, { etag: '"c1"' }))(request, response, n),
      "/reprise.csv": (request, response, n) => {
        resumeCalls = n;
        (n === 1 ? cutAfter(files.reprise, 30_000, { etag: '"r1"' }) : serveFile(files.reprise, { etag: '"r1"' }))(request, response, n);
      },
      "/sans-range.csv": (request, response, n) => {
        noRangeCalls = n;
        (n === 1 ? cutAfter(files.sansRange, 25_000) : serveFile(files.sansRange, { ranges: false }))(request, response, n);
      },
      "/controle.csv": serveFile(files.controle),
      "/conditionnel.csv": serveFile(files.conditionnel, { etag: '"v7"' }),
      "/lent.csv": stalls,
    });
  });
  afterAll(() => server?.close());

  it("writes the file as served and records it in the manifest (URL, date, size, SHA-256, status, validators)", async () => {
    const { results, manifest, donnees } = await download([entry("simple", `${server.base}/simple.csv`)]);
    expect(results).toMatchObject([{ id: "simple", etat: "telecharge" }]);
    expect(fs.readFileSync(path.join(donnees, "simple.csv")).equals(files.simple)).toBe(true);
    expect(manifest.fichiers).toEqual([{
      source: "simple", fichier: "simple.csv", url: `${server.base}/simple.csv`, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      taille: files.simple.length, sha256: sha256(files.simple), statutHttp: 200, etag: '"s1"', derniereModification: "Wed, 01 Jan 2025 00:00:00 GMT",
    }]);
    // Nothing partial is left beside the file.
    expect(fs.readdirSync(donnees).sort()).toEqual(["simple.csv", MANIFEST_NAME]);
  });

  it("follows a redirect and records where the file was finally served from", async () => {
    const { results, manifest, donnees } = await download([entry("redirige", `${server.base}/ancien/redirige.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    expect(fs.readFileSync(path.join(donnees, "redirige.csv")).equals(files.redirige)).toBe(true);
    expect(manifest.fichiers[0]).toMatchObject({ url: `${server.base}/ancien/redirige.csv`, urlFinale: `${server.base}/nouveau/redirige.csv` });
  });

  it("refuses a redirect to plain http, without following it", async () => {
    const { results, errors, donnees } = await download([entry("vers-http", `${server.base}/vers-http.csv`)]);
    expect(results[0]).toMatchObject({ etat: "echec", motif: expect.stringMatching(/redirection vers http:\/\/fichiers\.example\.invalid\/vers-http\.csv : adresse http non chiffrée refusée/) });
    expect(errors[0]).toContain(`${server.base}/vers-http.csv`);
    expect(fs.existsSync(path.join(donnees, "vers-http.csv"))).toBe(false);
  });

  it("reports a 404 in French with its URL, does not retry it, and goes on with the next source", async () => {
    const { results, errors, donnees } = await download([entry("absent", `${server.base}/absent.csv`), entry("simple", `${server.base}/simple.csv`)]);
    expect(results.map((result) => result.etat)).toEqual(["echec", "telecharge"]);
    expect(results[0]!.motif).toBe("le serveur a répondu HTTP 404 (fichier introuvable)");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^absent : échec du téléchargement de ${server.base}/absent\\.csv : le serveur a répondu HTTP 404`));
    expect(server.requestsTo("/absent.csv")).toHaveLength(1);
    expect(fs.existsSync(path.join(donnees, "simple.csv"))).toBe(true);
  });

  it("retries after a 500 and a 429, then succeeds", async () => {
    const { results, messages, donnees } = await download([entry("reessai", `${server.base}/reessai.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    expect(retryCalls).toBe(3);
    expect(fs.readFileSync(path.join(donnees, "reessai.csv")).equals(files.reessai)).toBe(true);
    expect(messages.join("\n")).toMatch(/essai 1\/3 en échec \(le serveur a répondu HTTP 500 \(erreur du serveur\)\) : nouvel essai/);
    expect(messages.join("\n")).toMatch(/essai 2\/3 en échec \(le serveur a répondu HTTP 429 \(trop de requêtes\)\)/);
  });

  it("resumes a transfer cut half-way with a Range request guarded by the ETag", async () => {
    const { results, donnees } = await download([entry("coupe", `${server.base}/coupe.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    const [first, second] = server.requestsTo("/coupe.csv");
    expect(first!.headers.range).toBeUndefined();
    const start = Number(second!.headers.range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(20_000);
    expect(second!.headers["if-range"]).toBe('"c1"');
    expect(fs.readFileSync(path.join(donnees, "coupe.csv")).equals(files.coupe)).toBe(true);
    expect(fs.existsSync(partPath(path.join(donnees, "coupe.csv")))).toBe(false);
  });

  it("keeps the hidden .part of an interrupted run and resumes it next time", async () => {
    const donnees = tempDir("reprise");
    const source = entry("reprise", `${server.base}/reprise.csv`);
    const first = await download([source], { donnees, settings: { attempts: 1 } });
    expect(first.results[0]!.etat).toBe("echec");
    expect(first.results[0]!.motif).toMatch(/connexion interrompue|transfert incomplet/);
    const part = partPath(path.join(donnees, "reprise.csv"));
    expect(path.basename(part)).toBe(".reprise.csv.part");
    const kept = fs.statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(donnees, "reprise.csv"))).toBe(false);

    const second = await download([source], { donnees, settings: { attempts: 1 } });
    expect(second.results[0]!.etat).toBe("telecharge");
    expect(resumeCalls).toBe(2);
    expect(server.requestsTo("/reprise.csv")[1]!.headers.range).toBe(`bytes=${kept}-`);
    expect(fs.readFileSync(path.join(donnees, "reprise.csv")).equals(files.reprise)).toBe(true);
    expect(fs.existsSync(part)).toBe(false);
  });

  it("starts again from the beginning when the server ignores Range", async () => {
    const donnees = tempDir("sans-range");
    const source = entry("sans-range", `${server.base}/sans-range.csv`);
    expect((await download([source], { donnees, settings: { attempts: 1 } })).results[0]!.etat).toBe("echec");
    const second = await download([source], { donnees });
    expect(noRangeCalls).toBe(2);
    expect(server.requestsTo("/sans-range.csv")[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(second.results[0]!.etat).toBe("telecharge");
    expect(second.messages.join("\n")).toMatch(/ne sait pas reprendre un transfert : le téléchargement recommence du début/);
    // Not the earlier bytes followed by the whole file: exactly the file.
    expect(fs.readFileSync(path.join(donnees, "sans-range.csv")).equals(files.sansRange)).toBe(true);
  });

  it("sets a file with the wrong checksum aside as .invalide, never under its name", async () => {
    const expected = sha256(Buffer.from("autre contenu"));
    const { results, errors, manifest, donnees } = await download([entry("controle", `${server.base}/controle.csv`, { sha256: expected })]);
    expect(results[0]!.etat).toBe("echec");
    expect(errors[0]).toContain(`somme de contrôle SHA-256 différente de celle du catalogue (reçue ${sha256(files.controle)}, attendue ${expected})`);
    expect(errors[0]).toContain(`mis de côté sous ${path.join(donnees, "controle.csv.invalide")}`);
    expect(fs.existsSync(path.join(donnees, "controle.csv"))).toBe(false);
    expect(fs.readFileSync(path.join(donnees, "controle.csv.invalide")).equals(files.controle)).toBe(true);
    expect(manifest.fichiers).toEqual([]);
    // The right checksum lets the same file through.
    const good = await download([entry("controle", `${server.base}/controle.csv`, { sha256: sha256(files.controle), taille: files.controle.length })]);
    expect(good.results[0]!.etat).toBe("telecharge");
  });

  it("gives up on a silent server after the read timeout, on every try, in French", async () => {
    const started = Date.now();
    const { results } = await download([entry("lent", `${server.base}/lent.csv`)], { settings: { attempts: 2 } });
    expect(results[0]).toMatchObject({ etat: "echec", motif: "le serveur ne répond pas (délai de réponse dépassé)" });
    expect(server.requestsTo("/lent.csv")).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("asks only whether a file in place changed (If-None-Match) and keeps it when the server says 304", async () => {
    const donnees = tempDir("conditionnel");
    const source = entry("conditionnel", `${server.base}/conditionnel.csv`);
    const first = await download([source], { donnees });
    const second = await download([source], { donnees });
    expect(second.results[0]!.etat).toBe("inchange");
    expect(server.requestsTo("/conditionnel.csv")[1]!.headers["if-none-match"]).toBe('"v7"');
    expect(second.manifest.fichiers[0]).toMatchObject({ date: first.manifest.fichiers[0]!.date, verifieLe: expect.any(String), sha256: sha256(files.conditionnel) });
    // A file edited by hand is no longer the one recorded: it is fetched again, unconditionally.
    fs.writeFileSync(path.join(donnees, "conditionnel.csv"), "modifié");
    const third = await download([source], { donnees });
    expect(third.results[0]!.etat).toBe("telecharge");
    expect(server.requestsTo("/conditionnel.csv")[2]!.headers["if-none-match"]).toBeUndefined();
    expect(fs.readFileSync(path.join(donnees, "conditionnel.csv")).equals(files.conditionnel)).toBe(true);
  });
});

describe("proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", TIMEOUT, () => {
  let server: LoopbackServer;
  const bytes = payload("proxy");

  beforeAll(async () => {
    server = await startServer({ "/proxy.csv": serveFile(bytes) });
  });
  afterAll(() => server?.close());

  it("goes through the proxy the environment names, and around it for NO_PROXY hosts", async () => {
    const proxy = await startProxy();
    try {
      const port = new URL(server.base).port;
      const through = await download([entry("proxy", `${server.base}/proxy.csv`)], { env: { HTTP_PROXY: proxy.url } });
      expect(through.results[0]!.etat).toBe("telecharge");
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
      expect(fs.readFileSync(path.join(through.donnees, "proxy.csv")).equals(bytes)).toBe(true);

      const around = await download([entry("proxy", `${server.base}/proxy.csv`)], { env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
      expect(around.results[0]!.etat).toBe("telecharge");
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("sends https requests to HTTPS_PROXY (the proxy refuses to go out: nothing leaves the machine)", async () => {
    const proxy = await startProxy();
    try {
      const { results } = await download([entry("distant", "https://fichiers.example.invalid/distant.csv")], { env: { HTTPS_PROXY: proxy.url }, settings: { attempts: 1 } });
      expect(proxy.seen).toEqual(["CONNECT fichiers.example.invalid:443"]);
      expect(results[0]).toMatchObject({ etat: "echec", motif: "le proxy a refusé la connexion (HTTP 502)" });
    } finally {
      await proxy.close();
    }
  });
});
