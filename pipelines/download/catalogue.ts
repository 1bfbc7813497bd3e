// The download catalogue (sources/telechargements.json) is data kept in the repository; it is validated at load so
// that a broken entry stops `telecharger` before anything goes online, with the entry and the field named in French.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DataError } from "../core/errors.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { refusedUrl } from "./url-policy.ts";

export const DEFAULT_CATALOGUE = path.join(PROJECT_ROOT, "sources", "telechargements.json");
/** Another catalogue (a mirror, a test): still validated, still HTTPS only unless loopback HTTP is allowed. */
export const CATALOGUE_ENV = "OBSERVATOIRE_CATALOGUE";

/** Placeholders each template may use; anything else in braces is a typo the validation reports. */
const URL_PLACEHOLDERS = ["dep"] as const;
const FILE_PLACEHOLDERS = ["dep", "annee", "ressource"] as const;

function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
}

/** A sample value per placeholder, so that a template can be checked as a URL. */
const sampleUrl = (template: string) => template.replaceAll("{dep}", "32");

const urlTemplate = (allowLoopbackHttp: boolean) =>
  z.string().superRefine((url, context) => {
    const unknown = placeholdersIn(url).filter((name) => !(URL_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length) context.addIssue({ code: "custom", message: `paramètre inconnu {${unknown[0]}} (seul {dep} est admis dans une adresse)` });
    const refused = refusedUrl(sampleUrl(url), allowLoopbackHttp);
    if (refused) context.addIssue({ code: "custom", message: refused });
  });

const hex = (length: number, label: string) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `${label} attendu : ${length} caractères hexadécimaux en minuscules`).nullable();

/**
 * How a URL that names no file is turned into the file to fetch. Each kind is implemented once in resolvers.ts; the
 * catalogue only declares which one an entry uses and with what parameters.
 */
const resolutionSchema = z.discriminatedUnion("type", [
  z.object({
    /** data.gouv.fr dataset API: the resource whose file name matches `motif`, the most recent by its first group. */
    type: z.literal("datagouv-derniere-ressource"),
    motif: z.string().refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, "expression régulière invalide"),
    /** A file name the motif accepts: documents the entry and lets tests check the importer recognises it. */
    exemple: z.string().min(1),
  }).strict(),
]);
export type Resolution = z.infer<typeof resolutionSchema>;

function entrySchema(allowLoopbackHttp: boolean) {
  return z.object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "identifiant en minuscules, chiffres et tirets attendu"),
    producteur: z.string().min(1),
    /** The producer's own name for the dataset. */
    jeu: z.string().min(1),
    page: z.string().refine((url) => !refusedUrl(url, false), "page https:// attendue"),
    url: urlTemplate(allowLoopbackHttp),
    resolution: resolutionSchema.optional(),
    millesime: z.string().min(1),
    format: z.enum(["zip", "csv", "geojson", "json"]),
    /** Path under the data folder, named as the producer names it so that the importer recognises it. */
    fichier: z.string().min(1),
    /** Archive members, for information: the importer reads every member it recognises. */
    membres: z.array(z.string().min(1)),
    licence: z.string().min(1),
    taille: z.number().int().positive().nullable(),
    sha256: hex(64, "sha256"),
    md5: hex(32, "md5"),
    parDepartement: z.boolean(),
    /**
     * How the département's rows could be kept from a national file (column, unconfirmed server-side filter): stated
     * for the record; downloads keep national files whole (docs/telechargement.md says why).
     */
    filtreDepartement: z.object({
      colonne: z.string().min(1),
      serveur: z.object({ url: urlTemplate(false), confirme: z.boolean() }).strict().nullable(),
    }).strict().nullable(),
    /** Public evidence for the URL: repository:path@commit, a page, or a search-index excerpt. */
    preuve: z.array(z.string().min(1)).min(1),
    confirme: z.boolean(),
    notes: z.string().min(1).nullable(),
  }).strict().superRefine((entry, context) => {
    const issue = (field: string, message: string) => context.addIssue({ code: "custom", path: [field], message });
    if (entry.parDepartement !== entry.url.includes("{dep}")) {
      issue("url", entry.parDepartement ? "une source par département doit porter {dep} dans son adresse" : "{dep} dans l'adresse demande « parDepartement »: true");
    }
    const unknown = placeholdersIn(entry.fichier).filter((name) => !(FILE_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length) issue("fichier", `paramètre inconnu {${unknown[0]}} (admis : {dep}, {annee}, {ressource})`);
    if (entry.fichier.includes("{ressource}") !== Boolean(entry.resolution)) {
      issue("fichier", entry.resolution ? "une source résolue doit nommer son fichier {ressource}" : "{ressource} n'a de sens qu'avec une « resolution »");
    }
    const segments = entry.fichier.split("/");
    // The importer skips hidden files and folders: a name starting with a dot would be downloaded and never read.
    if (path.posix.isAbsolute(entry.fichier) || entry.fichier.includes("\\") || segments.some((segment) => !segment || segment === ".." || segment.startsWith("."))) {
      issue("fichier", "chemin relatif attendu, sans « .. », sans dossier ni fichier caché");
    }
    if (entry.resolution && !new RegExp(entry.resolution.motif).test(entry.resolution.exemple)) {
      issue("resolution", `l'exemple « ${entry.resolution.exemple} » ne correspond pas au motif`);
    }
    if (entry.filtreDepartement?.serveur && !entry.filtreDepartement.serveur.url.includes("{dep}")) {
      issue("filtreDepartement", "l'adresse filtrée doit porter {dep}");
    }
  });
}

export type CatalogueEntry = z.infer<ReturnType<typeof entrySchema>>;

function catalogueSchema(allowLoopbackHttp: boolean) {
  return z.object({
    description: z.string().min(1),
    sources: z.array(entrySchema(allowLoopbackHttp)).min(1),
  }).strict().superRefine((catalogue, context) => {
    const seen = new Map<string, number>();
    const files = new Map<string, number>();
    catalogue.sources.forEach((entry, index) => {
      if (seen.has(entry.id)) context.addIssue({ code: "custom", path: ["sources", index, "id"], message: "identifiant déjà utilisé par une autre entrée" });
      if (files.has(entry.fichier)) context.addIssue({ code: "custom", path: ["sources", index, "fichier"], message: "fichier déjà écrit par une autre entrée" });
      seen.set(entry.id, index);
      files.set(entry.fichier, index);
    });
  });
}

export interface Catalogue {
  chemin: string;
  description: string;
  sources: CatalogueEntry[];
}

export interface LoadOptions {
  /** Tests only: catalogue URLs may be plain http://127.0.0.1. */
  allowLoopbackHttp?: boolean;
}

/** The catalogue named by OBSERVATOIRE_CATALOGUE, else the repository's. */
export function cataloguePath(env: NodeJS.ProcessEnv = process.env): string {
  return env[CATALOGUE_ENV] ? path.resolve(env[CATALOGUE_ENV]!) : DEFAULT_CATALOGUE;
}

export function loadCatalogue(chemin: string, options: LoadOptions = {}): Catalogue {
  const fichier = path.relative(process.cwd(), chemin) || chemin;
  const suggestion = "Corrigez l'entrée du catalogue (format décrit dans docs/telechargement.md).";
  let text: string;
  try {
    text = fs.readFileSync(chemin, "utf8");
  } catch {
    throw new DataError("catalogue des téléchargements introuvable ou illisible.", { fichier }, `Vérifiez le chemin (variable ${CATALOGUE_ENV}).`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // The position JSON.parse gives is turned into a line; its English wording is not shown.
    const position = Number((error as Error).message.match(/position (\d+)/)?.[1]);
    const ligne = Number.isFinite(position) ? text.slice(0, position).split("\n").length : undefined;
    throw new DataError("le catalogue des téléchargements n'est pas un JSON valide.", { fichier, ligne }, suggestion);
  }
  const parsed = catalogueSchema(options.allowLoopbackHttp ?? false).safeParse(document, { error: z.locales.fr().localeError });
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map((issue) => `${describePath(issue.path, document)} : ${issue.message}`);
    const more = parsed.error.issues.length > 5 ? ` (et ${parsed.error.issues.length - 5} autre(s))` : "";
    throw new DataError(`catalogue des téléchargements invalide${more} :\n  ${details.join("\n  ")}`, { fichier }, suggestion);
  }
  return { chemin, description: parsed.data.description, sources: parsed.data.sources };
}

/** "entrée 3 (« insee-bpe-xy »), champ url" rather than zod's path array. */
function describePath(issuePath: PropertyKey[], document: unknown): string {
  if (issuePath[0] !== "sources" || typeof issuePath[1] !== "number") return issuePath.length ? `champ ${issuePath.join(".")}` : "catalogue";
  const index = issuePath[1];
  const id = (document as { sources?: { id?: unknown }[] }).sources?.[index]?.id;
  const field = issuePath.slice(2).join(".");
  return `entrée ${index + 1}${typeof id === "string" ? ` (« ${id} »)` : ""}${field ? `, champ ${field}` : ""}`;
}

export interface TemplateValues {
  /** Département code as validated by --territoire (32, 2A, 974). */
  dep: string;
  /** Year of the download: the geography year of sources that serve the geography in force. */
  annee: number;
  /** The file name a resolver found. */
  ressource?: string;
}

export function fillUrl(entry: CatalogueEntry, values: Pick<TemplateValues, "dep">): string {
  return entry.url.replaceAll("{dep}", values.dep);
}

export function fillFichier(entry: CatalogueEntry, values: TemplateValues): string {
  if (entry.fichier.includes("{ressource}") && !values.ressource) throw new Error(`fillFichier: ${entry.id} needs its resolved resource name`);
  return entry.fichier.replaceAll("{dep}", values.dep).replaceAll("{annee}", String(values.annee)).replaceAll("{ressource}", values.ressource ?? "");
}
