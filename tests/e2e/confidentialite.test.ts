// Nothing personal leaves the warehouse: the shared run loaded the demo's activity logs and a log holding names,
// phones and e-mails (pseudonymised on import); no file under sortie/ and no message of the CLI may hold any of them.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COURRIEL, TELEPHONE } from "../../pipelines/ingest/identifying-columns.ts";
import { observatoire } from "../support/site-fixture.ts";
import { copyOf, SHARED_RUN_TIMEOUT, sharedRun, type SharedRun } from "./shared-run.ts";

const fr = (text: string) => new RegExp(text.replaceAll(" ", "[\\s\\u202f\\u00a0]").replaceAll("+", "\\+"));

describe("confidentialité de tout ce que le pipeline écrit", () => {
  let run: SharedRun;
  let printed = "";

  beforeAll(async () => {
    run = await sharedRun();
    // What a user saw: demo, pipeline (with a log holding names, phones and e-mails, pseudonymised), rapport, etat.
    // `rapport` writes its files again: it runs on a copy, the shared outputs stay as the other tests read them.
    const copy = copyOf(run, "observatoire-rapport-");
    const rapport = await observatoire(["rapport", "--annee", "2020"], copy);
    fs.rmSync(copy, { recursive: true, force: true });
    const etat = await observatoire(["etat"], run.work);
    expect(rapport.code, rapport.stderr).toBe(0);
    printed = [run.demo, run.pipeline, rapport.stdout, rapport.stderr, etat.stdout, etat.stderr].join("\n");
  }, SHARED_RUN_TIMEOUT);

  it("le rapport imprimé donne les chiffres attendus", () => {
    for (const phrase of ["4 819 appels", "+69 %", "14 196 interactions", "1 123 appels de courtoisie", "217 fiches", "36 jours", "44 personnes"]) {
      expect(printed).toMatch(fr(phrase));
    }
    expect(fs.existsSync(path.join(run.sortie, "exports/rapport-2020.md"))).toBe(true);
    expect(fs.existsSync(path.join(run.sortie, "exports/rapport-2020.csv"))).toBe(true);
  });

  it("aucun fichier sous sortie/ ni aucun message de la CLI ne contient un identifiant des journaux, un téléphone ou un courriel", () => {
    const ids = new Set<string>();
    const logs = path.join(run.donnees, "gip-activite");
    for (const name of fs.readdirSync(logs)) {
      for (const match of fs.readFileSync(path.join(logs, name), "latin1").matchAll(/\b(?:PERS|FOY)-[0-9A-F]{8}\b|\bAPP-\d{4}-\d{6}\b/g)) ids.add(match[0]);
    }
    expect(ids.size).toBeGreaterThan(10_000);
    const pattern = /(?:PERS|FOY)-[0-9A-F]{8}|APP-\d{4}-\d{6}/g;
    const clear = /DUPONT|Dupont|MARTIN|jeanne\.dupont/;
    const textual = /\.(csv|json|md|html|js|css|txt|svg|xml)$/i;
    const findings: string[] = [];
    const files = listFiles(run.sortie);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const content = fs.readFileSync(file).toString("latin1");
      const hits = [...content.matchAll(pattern)].map((match) => match[0]).filter((id) => ids.has(id));
      if (hits.length) findings.push(`${file} : ${hits.slice(0, 3).join(", ")}`);
      if (clear.test(content)) findings.push(`${file} : nom en clair`);
      if (textual.test(file)) {
        const text = fs.readFileSync(file, "utf8");
        const phone = text.match(TELEPHONE);
        const mail = text.match(COURRIEL);
        if (phone) findings.push(`${file} : téléphone ${phone[0]}`);
        if (mail) findings.push(`${file} : courriel ${mail[0]}`);
      }
    }
    for (const id of ids) if (printed.includes(id)) findings.push(`sortie de la CLI : ${id}`);
    if (TELEPHONE.test(printed) || COURRIEL.test(printed) || clear.test(printed)) findings.push("sortie de la CLI : téléphone, courriel ou nom");
    expect(findings).toEqual([]);
  });
});

function listFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
  });
}
