// A run killed with SIGKILL while it reads a log full of names and phone numbers: nothing runs its `finally`, so
// whatever it wrote stays. No byte of that log may be found on disk afterwards, in the temporary folder or the output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const ROWS = 400_000;
const SURNAME = "QUENTALIER";
const EMAIL = "quentalier.odette@exemple.fr";

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "tue-"));
  const lines = ["Date de l'appel;Nom;Prénom;Téléphone;Courriel;Code commune"];
  for (let row = 0; row < ROWS; row += 1) {
    const day = String((row % 28) + 1).padStart(2, "0");
    const phone = `06 ${String(row % 100).padStart(2, "0")} ${String((row >> 7) % 100).padStart(2, "0")} 56 78`;
    // A Windows-1252 apostrophe (byte 0x92), as Excel writes « D’ », is what once forced a transcoded copy.
    lines.push(`${day}/03/2018;${SURNAME};${row % 2 ? "Odette" : "D\x92Odette"};${phone};${EMAIL};32013`);
  }
  fs.mkdirSync(path.join(root, "donnees"));
  // Latin-1, as the GIP's spreadsheet exports are: the encoding that used to be transcoded through a temporary copy.
  fs.writeFileSync(path.join(root, "donnees", "appels-courtoisie-2018.csv"), Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1"));
  fs.mkdirSync(path.join(root, "tmp"));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .map((name) => path.join(folder, name))
    .filter((file) => fs.lstatSync(file).isFile());
}

describe("une exécution tuée (kill -9) pendant la lecture d'un journal nominatif", () => {
  it.each([4_000, 5_500, 7_000])("tuée après %i ms : aucun nom, téléphone ni courriel sur le disque", async (delay) => {
    const sortie = path.join(root, `sortie-${delay}`);
    const run = await runCli(["importer", "--donnees", "donnees", "--sortie", sortie, "--pseudonymiser"], {
      cwd: root,
      env: { TMPDIR: path.join(root, "tmp"), OBSERVATOIRE_SEL: "sel-de-test-assez-long" },
      tuerApres: delay,
    });
    expect(run.code === null || run.code === 0, run.stderr).toBe(true);
    const files = [...filesUnder(path.join(root, "tmp")), ...filesUnder(sortie)];
    const findings = files.filter((file) => {
      const bytes = fs.readFileSync(file).toString("latin1");
      return bytes.includes(SURNAME) || bytes.includes(EMAIL) || /06 \d\d \d\d 56 78/.test(bytes);
    });
    expect(findings).toEqual([]);
  }, 60_000);
});
