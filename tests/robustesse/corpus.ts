// The bad inputs and faults a hostile or unlucky user brings, one case per class, built in a temporary folder (no
// large file in git). Each case says what the command must end with: its exit code and the French messages that name
// the file (and line or column where they exist). robustesse.test.ts runs them and checks what every case shares.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Zip, ZipDeflate, zipSync, strToU8 } from "fflate";

export interface Case {
  /** The class of defect, as a sentence. */
  nom: string;
  /** Writes the case's data under `dossier` (the command runs in `dossier`). */
  preparer: (dossier: string) => void | Promise<void>;
  /** Arguments of the command; by default an import of `donnees` into `sortie`. */
  commande?: string[];
  code: number;
  /** Texts the command must print (stderr or stdout), French and located. */
  messages?: (string | RegExp)[];
  /** Texts it must never print. */
  jamais?: (string | RegExp)[];
  /** A good warehouse is put in `sortie` first: a failure must leave it as it was. */
  precedent?: boolean;
  /** Runs as an unprivileged user (65534), for files that user cannot read. */
  utilisateur?: number;
  /** `sortie` is a small file system: full, or read-only. */
  disque?: { taille: string; lectureSeule?: boolean };
  env?: Record<string, string>;
  /** Further checks on what the run left (warehouse, files). */
  verifier?: (dossier: string, sortie: string, stderr: string) => void | Promise<void>;
}

const FILOSOFI_HEADER = "CODGEO;NBMENFISC21;MED21";
const write = (dossier: string, chemin: string, contenu: string | Buffer) => {
  const full = path.join(dossier, "donnees", chemin);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, contenu);
  return full;
};
const filosofi = "cc_filosofi_2021_COM.csv";
/** Processes a case started to hold the output folder, stopped by its check. */
const running: ChildProcess[] = [];

/** A zip built as a stream, members of `taille` bytes of zeros: a few hundred kilobytes that inflate to gigabytes. */
async function zipBomb(cible: string, membres: number, taille: number): Promise<void> {
  const parts: Uint8Array[] = [];
  await new Promise<void>((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      parts.push(chunk);
      if (final) resolve();
    });
    const block = new Uint8Array(2 ** 20);
    for (let index = 0; index < membres; index += 1) {
      const member = new ZipDeflate(`cc_filosofi_2021_COM_${index}.csv`, { level: 9 });
      zip.add(member);
      for (let written = 0; written < taille; written += block.length) member.push(block, written + block.length >= taille);
    }
    zip.end();
  });
  fs.mkdirSync(path.dirname(cible), { recursive: true });
  fs.writeFileSync(cible, Buffer.concat(parts));
}

export const CASES: Case[] = [
  {
    nom: "une ligne en CRLF dans un fichier en LF",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\r\n32107;50;19000\n`),
    code: 0,
    messages: ["1 fichier(s) chargé(s)", "2 lues / 2 chargées / 0 rejetées"],
  },
  {
    nom: "une ligne faite d'espaces entre deux lignes de données",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n   \n32107;50;19000\n`),
    code: 0,
    messages: ["2 lues / 2 chargées / 0 rejetées"],
  },
  {
    nom: "des fins de ligne CR seules (anciens fichiers Mac)",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\r32013;100;21000\r32107;50;19000\r`),
    code: 0,
    messages: ["2 lues / 2 chargées / 0 rejetées"],
  },
  {
    nom: "un nom de dossier en Latin-1 (octets non UTF-8)",
    preparer: (d) => {
      const folder = Buffer.concat([Buffer.from(path.join(d, "donnees") + path.sep), Buffer.from([0xc9]), Buffer.from("tudes")]);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(Buffer.concat([folder, Buffer.from(`${path.sep}${filosofi}`)]), `${FILOSOFI_HEADER}\n32013;100;21000\n`);
    },
    code: 0,
    messages: [`Études/${filosofi}`, "1 lues / 1 chargées / 0 rejetées"],
  },
  {
    nom: "un fichier illisible (droits) nommé comme une source",
    utilisateur: 65534,
    preparer: (d) => {
      fs.chmodSync(write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`), 0o000);
      write(d, "autre/cc_filosofi_2019_COM.csv", "CODGEO;NBMENFISC19;MED19\n32013;100;21000\n");
    },
    code: 3,
    messages: [`fichier refusé : ${path.join("donnees", filosofi)} : lecture impossible (permission refusée)`, "1 fichier(s) chargé(s)"],
  },
  {
    nom: "un dossier illisible (droits)",
    utilisateur: 65534,
    preparer: (d) => {
      write(d, "prive/x.csv", "a;b\n1;2\n");
      fs.chmodSync(path.join(d, "donnees", "prive"), 0o000);
      write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`);
    },
    code: 0,
    messages: ["ignoré   donnees/prive : dossier illisible (permission refusée)", "1 fichier(s) chargé(s)"],
  },
  {
    nom: "un dossier de sortie sur un disque en lecture seule",
    disque: { taille: "4m", lectureSeule: true },
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`),
    code: 1,
    messages: ["écriture impossible : le disque est en lecture seule"],
  },
  {
    nom: "un disque plein pendant l'import",
    disque: { taille: "16m" },
    precedent: true,
    preparer: (d) => {
      // Real extracts twice over (another folder name): the warehouse copy being built cannot fit beside the last one.
      fs.cpSync(path.resolve("tests/fixtures/reel"), path.join(d, "donnees", "a"), { recursive: true });
      fs.cpSync(path.resolve("tests/fixtures/formats-reels"), path.join(d, "donnees", "b"), { recursive: true });
    },
    code: 1,
    messages: ["disque plein", "ce que l'étape en cours devait écrire reste dans son état précédent, intact"],
  },
  {
    nom: "--sortie qui désigne un fichier",
    preparer: (d) => {
      write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`);
      fs.writeFileSync(path.join(d, "un-fichier"), "x");
    },
    commande: ["importer", "--donnees", "donnees", "--sortie", "un-fichier"],
    code: 2,
    messages: ["--sortie : « un-fichier » est un fichier, pas un dossier."],
  },
  {
    nom: "calculer sur un dossier sans entrepôt",
    preparer: () => {},
    commande: ["calculer", "--sortie", "vide"],
    code: 2,
    messages: ["aucun entrepôt dans vide."],
  },
  {
    nom: "une commande mal orthographiée",
    preparer: () => {},
    commande: ["imorter", "--donnees", "donnees"],
    code: 2,
    messages: ["commande inconnue : imorter (vouliez-vous dire importer ?)"],
    jamais: ["Did you mean"],
  },
  {
    nom: "une valeur d'option hors liste, et un niveau écrit avec ses accents",
    preparer: () => {},
    commande: ["indicateurs", "pop", "--niveau", "pays", "--sortie", "vide"],
    code: 2,
    messages: ["--niveau : niveau attendu parmi : commune, epci, departement, region, france, perimetre."],
    jamais: ["Invalid option", "expected one of"],
  },
  {
    nom: "un numéro de port illisible",
    preparer: () => {},
    commande: ["apercu", "--port", "abc"],
    code: 2,
    messages: ["--port : numéro de port attendu (un entier de 1 à 65535)."],
    jamais: ["NaN", "Invalid input"],
  },
  {
    nom: "un million de lignes trop courtes",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n${"32013;1\n".repeat(1_000_000)}`),
    code: 3,
    messages: [/fichier refusé : donnees\/cc_filosofi_2021_COM\.csv, ligne 2 : .*lignes sur 1000000 n'ont pas les 3 champs de l'en-tête/],
  },
  {
    nom: "une bombe zip (5 membres de 200 Mo dans quelques centaines de kilo-octets)",
    preparer: (d) => zipBomb(path.join(d, "donnees", "base-cc-filosofi-2021_CSV.zip"), 5, 200 * 2 ** 20),
    code: 3,
    messages: [/membre d'archive suspect : .* compressés pour 200,0 Mo une fois décompressés \(rapport de 1 à \d+\)/],
    jamais: ["aucun fichier de données reconnu"],
  },
  {
    nom: "une archive zip abîmée qui porte le nom d'une archive officielle",
    preparer: (d) => void write(d, "base-cc-logement-2021_csv.zip", Buffer.from("PK\u0003\u0004 ceci n'est plus une archive")),
    code: 3,
    messages: ["fichier refusé : donnees/base-cc-logement-2021_csv.zip : archive zip illisible ou abîmée"],
  },
  {
    nom: "des liens symboliques : vers un fichier, vers un dossier, et une boucle",
    preparer: (d) => {
      const ailleurs = path.join(d, "ailleurs");
      fs.mkdirSync(path.join(ailleurs, "filosofi"), { recursive: true });
      fs.writeFileSync(path.join(ailleurs, "filosofi", filosofi), `${FILOSOFI_HEADER}\n32013;100;21000\n`);
      fs.writeFileSync(path.join(ailleurs, "cc_filosofi_2019_COM.csv"), "CODGEO;NBMENFISC19;MED19\n32013;100;21000\n");
      fs.mkdirSync(path.join(d, "donnees"), { recursive: true });
      fs.symlinkSync(path.join(ailleurs, "filosofi"), path.join(d, "donnees", "lien-dossier"));
      fs.symlinkSync(path.join(ailleurs, "cc_filosofi_2019_COM.csv"), path.join(d, "donnees", "lien-fichier.csv"));
      fs.symlinkSync(path.join(d, "donnees"), path.join(d, "donnees", "boucle"));
    },
    code: 0,
    messages: ["2 fichier(s) chargé(s)", "donnees/boucle : lien vers un dossier déjà parcouru (boucle ou doublon), non relu"],
  },
  {
    nom: "des fichiers et dossiers cachés",
    preparer: (d) => {
      write(d, ".brouillon/cc_filosofi_2021_COM.csv", `${FILOSOFI_HEADER}\n32013;100;21000\n`);
      write(d, ".DS_Store", "x");
    },
    code: 0,
    messages: ["donnees/.brouillon : fichier ou dossier caché", "donnees/.DS_Store : fichier ou dossier caché"],
  },
  {
    nom: "une seconde exécution sur un dossier de sortie qu'une autre exécution, vivante, occupe",
    preparer: (d) => {
      write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`);
      const other = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
      other.unref();
      running.push(other);
      fs.writeFileSync(path.join(d, "sortie", ".verrou"), JSON.stringify({ pid: other.pid, commande: "importer", debut: new Date().toISOString(), hote: os.hostname() }));
    },
    precedent: true,
    code: 1,
    messages: [/le dossier de sortie sortie est utilisé par une autre exécution : « observatoire importer », lancée le .* \(processus \d+ sur .+\)/],
    verifier: () => running.splice(0).forEach((other) => other.kill()),
  },
  {
    nom: "le verrou et les fichiers temporaires d'une exécution tuée",
    preparer: (d) => {
      write(d, filosofi, `${FILOSOFI_HEADER}\n32013;100;21000\n`);
      fs.mkdirSync(path.join(d, "sortie"), { recursive: true });
      fs.writeFileSync(path.join(d, "sortie", ".verrou"), JSON.stringify({ pid: 2 ** 22 + 7, commande: "importer", debut: new Date().toISOString(), hote: os.hostname() }));
      fs.writeFileSync(path.join(d, "sortie", `observatoire.duckdb.${2 ** 22 + 7}.tmp`), Buffer.alloc(1024));
    },
    code: 0,
    messages: ["verrou levé", `observatoire.duckdb.${2 ** 22 + 7}.tmp`],
    verifier: (_d, sortie) => {
      if (fs.readdirSync(sortie).some((name) => name.endsWith(".tmp"))) throw new Error("fichier temporaire resté");
    },
  },
  {
    nom: "des valeurs invraisemblables dans un fichier du recensement",
    preparer: (d) => void write(d, "base-cc-logement-2022.CSV", [
      "CODGEO;P22_LOG;P22_RP;P22_POP",
      "32013;12000;11000;22825",
      "32107;-5;10;7000",
      "32296;100;150;2000",
      "32001;300;280;1e26",
      "32002;300;280;1e308",
    ].join("\n") + "\n"),
    code: 0,
    messages: ["5 lues / 1 chargées / 4 rejetées"],
    verifier: () => {},
  },
  {
    nom: "un équipement de la BPE hors de France",
    preparer: (d) => void write(d, "BPE24.csv", [
      "AN;DEPCOM;TYPEQU;LONGITUDE;LATITUDE",
      "2024;32013;D265;0.58;43.64",
      "2024;32013;D265;999;43.64",
    ].join("\n") + "\n"),
    code: 0,
    messages: ["2 lues / 1 chargées / 1 rejetées"],
  },
  {
    nom: "des journaux du GIP aberrants : appel d'un milliard de minutes, identifiant en double, interaction sans appel, téléphone dans une colonne",
    preparer: (d) => {
      write(d, "2020/appels-nvs-2020.csv", [
        "Date et heure;Ligne;Durée (min);Code commune appelant;Motif;Suite donnée;Identifiant appel",
        "02/01/2020 09:12;Numéro Vert;12;32013;Accès aux droits;Information donnée;A-1",
        "02/01/2020 10:00;Numéro Vert;1000000000;32013;Accès aux droits;Information donnée;A-2",
        "03/01/2020 11:00;Numéro Vert;5;32013;Accès aux droits;Information donnée;A-1",
      ].join("\n") + "\n");
      write(d, "2020/interactions-2020.csv", ["Date;Interaction;Identifiant appel", "05/01/2020;Rappel;A-1", "06/01/2020;Rappel;A-999"].join("\n") + "\n");
      write(d, "2020/colis-2020.csv", ["Date de remise;Identifiant foyer;Code commune;Canal", "02/01/2020;F-1;32013;06 12 34 56 78"].join("\n") + "\n");
    },
    code: 0,
    messages: ["3 lues / 1 chargées / 2 rejetées", "2 lues / 1 chargées / 1 rejetées", "1 lues / 0 chargées / 1 rejetées"],
    jamais: ["06 12 34 56 78", "0612345678"],
  },
  {
    nom: "un fichier vide nommé comme une source",
    preparer: (d) => void write(d, filosofi, ""),
    code: 3,
    messages: [`fichier refusé : ${path.join("donnees", filosofi)} : le fichier est vide (0 octet).`],
  },
  {
    nom: "un fichier tronqué à son en-tête",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n`),
    code: 3,
    messages: [`${path.join("donnees", filosofi)}, ligne 1 : le fichier ne contient que l'en-tête`],
  },
  {
    nom: "des octets nuls (un fichier binaire) et de l'UTF-16",
    preparer: (d) => {
      write(d, filosofi, Buffer.from([0x43, 0, 0x4f, 0, 0x44, 0]));
      write(d, "utf16/cc_filosofi_2019_COM.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("CODGEO;MED19\n32013;1\n", "utf16le")]));
    },
    code: 3,
    messages: ["le fichier n'est pas un fichier texte (octets nuls)", "encodage UTF-16 non pris en charge"],
  },
  {
    nom: "une ligne de 20 Mo sans fin de ligne",
    preparer: (d) => void write(d, filosofi, `${FILOSOFI_HEADER}\n32013;${"9".repeat(20 * 2 ** 20)}`),
    code: 3,
    messages: [/ligne 2 trop longue \(plus de 16 Mo sans fin de ligne\)/],
  },
  {
    nom: "une archive dont un membre remonte les dossiers (zip slip)",
    preparer: (d) => void write(d, "archive.zip", Buffer.from(zipSync({ "../../evade.csv": strToU8("a;b\n1;2\n"), [filosofi]: strToU8(`${FILOSOFI_HEADER}\n32013;100;21000\n`) }))),
    code: 0,
    messages: ["1 fichier(s) chargé(s)"],
    verifier: (d) => {
      if (fs.existsSync(path.join(d, "evade.csv")) || fs.existsSync(path.join(path.dirname(d), "evade.csv"))) throw new Error("un membre est sorti de son dossier");
    },
  },
];
