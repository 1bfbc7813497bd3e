// HTTP for `telecharger`, the only command that goes online: HTTPS only (redirects included), the proxy of the
// environment, connect and read timeouts, and every failure told in French with whether trying again can help.
import { EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import { UsageError } from "../core/errors.ts";
import { refusedUrl } from "./url-policy.ts";

export interface NetworkSettings {
  connectTimeoutMs: number;
  /** Silence allowed before the response headers, and between two chunks of the body. */
  readTimeoutMs: number;
  /** Tries per file, the first included. */
  attempts: number;
  /** First wait before trying again; doubled at each new try. */
  backoffMs: number;
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
  /** Tests only: plain http://127.0.0.1 (docs/telechargement.md). */
  allowLoopbackHttp: boolean;
}

export const DEFAULT_SETTINGS: NetworkSettings = {
  connectTimeoutMs: 30_000,
  readTimeoutMs: 60_000,
  attempts: 5,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
  allowLoopbackHttp: false,
};

const MAX_REDIRECTS = 10;
export const USER_AGENT = "observatoire-gers-solidaire (observatoire telecharger)";

/** One download's failure, in French; `retryable` when a later try may succeed (network, 5xx, 429). */
export class DownloadFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DownloadFailure";
  }
}

export interface HttpClient {
  dispatcher: Dispatcher;
  settings: NetworkSettings;
}

/**
 * Public bodies sit behind proxies: HTTPS_PROXY (or https_proxy) carries https requests, HTTP_PROXY plain http ones
 * (the loopback tests), NO_PROXY lists the hosts reached directly. Read from `env` so that tests need not touch
 * the process environment.
 */
export function createHttpClient(settings: NetworkSettings, env: NodeJS.ProcessEnv = process.env): HttpClient {
  // An empty string, not undefined: undici would otherwise fall back on the process environment.
  const pick = (...names: string[]) => names.map((name) => env[name]).find((value) => value !== undefined && value !== "") ?? "";
  const httpProxy = pick("http_proxy", "HTTP_PROXY");
  const httpsProxy = pick("https_proxy", "HTTPS_PROXY");
  for (const [name, value] of [["HTTP_PROXY", httpProxy], ["HTTPS_PROXY", httpsProxy]] as const) {
    if (value && !/^https?:\/\/[^/\s]+/i.test(value)) {
      throw new UsageError(`variable ${name} invalide : « ${value} ».`, "Indiquez l'adresse du proxy sous la forme http://hote:port (ou http://utilisateur:motdepasse@hote:port).");
    }
  }
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy,
    noProxy: pick("no_proxy", "NO_PROXY"),
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.readTimeoutMs,
    bodyTimeout: settings.readTimeoutMs,
  });
  return { dispatcher, settings };
}

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData["body"];
}

export function header(headers: HttpResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A GET that follows redirects itself, so that each hop is checked: a redirect to plain HTTP is refused. */
export async function get(url: string, headers: Record<string, string>, client: HttpClient): Promise<HttpResponse> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refused = refusedUrl(current, client.settings.allowLoopbackHttp);
    if (refused) throw new DownloadFailure(hop ? `redirection vers ${current} : ${refused}` : refused, false);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, { method: "GET", headers: { "user-agent": USER_AGENT, ...headers }, dispatcher: client.dispatcher });
    } catch (error) {
      throw toFailure(error) ?? error;
    }
    if ([301, 302, 303, 307, 308].includes(response.statusCode)) {
      await discard(response.body);
      const location = header(response.headers, "location");
      if (!location) throw new DownloadFailure(`redirection (HTTP ${response.statusCode}) sans adresse de destination`, false);
      current = new URL(location, current).toString();
      continue;
    }
    return { url: current, status: response.statusCode, headers: response.headers, body: response.body };
  }
  throw new DownloadFailure(`plus de ${MAX_REDIRECTS} redirections successives`, false);
}

/** Reads a body that is not wanted, so that the connection can serve the next request. */
export async function discard(body: HttpResponse["body"]): Promise<void> {
  try {
    await body.dump();
  } catch {
    // A body that fails while being thrown away changes nothing.
  }
}

const STATUS_LABELS: Record<number, string> = {
  400: "requête refusée", 401: "authentification demandée", 403: "accès refusé", 404: "fichier introuvable", 410: "fichier retiré",
  416: "plage d'octets refusée", 429: "trop de requêtes", 500: "erreur du serveur", 502: "passerelle en erreur", 503: "service indisponible",
  504: "délai de la passerelle dépassé",
};

/** A response that is not the file: worth trying again on 5xx and 429 only (a 404 will stay a 404). */
export function statusFailure(response: HttpResponse, settings: NetworkSettings): DownloadFailure {
  const status = response.status;
  const label = STATUS_LABELS[status];
  const retryable = status === 429 || status >= 500;
  return new DownloadFailure(`le serveur a répondu HTTP ${status}${label ? ` (${label})` : ""}`, retryable, retryable ? retryAfter(response, settings) : undefined);
}

function retryAfter(response: HttpResponse, settings: NetworkSettings): number | undefined {
  const value = header(response.headers, "retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), settings.maxRetryAfterMs) : undefined;
}

const NETWORK_MESSAGES: Record<string, [string, boolean]> = {
  ECONNREFUSED: ["connexion refusée par le serveur", true],
  ECONNRESET: ["connexion interrompue par le serveur", true],
  EPIPE: ["connexion interrompue", true],
  ETIMEDOUT: ["délai de connexion dépassé", true],
  ENOTFOUND: ["nom de serveur introuvable (DNS) : vérifiez la connexion ou le proxy (HTTPS_PROXY)", true],
  EAI_AGAIN: ["nom de serveur momentanément introuvable (DNS)", true],
  ENETUNREACH: ["réseau inaccessible", true],
  EHOSTUNREACH: ["serveur inaccessible", true],
  UND_ERR_CONNECT_TIMEOUT: ["délai de connexion dépassé", true],
  UND_ERR_HEADERS_TIMEOUT: ["le serveur ne répond pas (délai de réponse dépassé)", true],
  UND_ERR_BODY_TIMEOUT: ["le transfert s'est arrêté (délai de lecture dépassé)", true],
  UND_ERR_SOCKET: ["connexion interrompue pendant le transfert", true],
  UND_ERR_CLOSED: ["connexion fermée", true],
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: ["transfert incomplet (taille annoncée non reçue)", true],
  UND_ERR_PRX_TLS: ["connexion chiffrée au proxy impossible", false],
};

/** Certificate errors do not go away by trying again: an inspecting proxy needs its certificate declared. */
const CERTIFICATE_CODES = /^(CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_CERT|ERR_SSL)/;

const FILE_SYSTEM_MESSAGES: Record<string, string> = {
  ENOSPC: "disque plein",
  EACCES: "écriture refusée dans le dossier de données (droits insuffisants)",
  EPERM: "écriture refusée dans le dossier de données (droits insuffisants)",
  EROFS: "dossier de données en lecture seule",
  EISDIR: "un dossier porte déjà le nom du fichier à écrire",
  ENOTDIR: "un fichier porte déjà le nom d'un dossier à créer",
  EMFILE: "trop de fichiers ouverts",
};

/**
 * Translates what undici, the system or the file system threw; their English message never reaches the user.
 * Undefined for an error that has no code: a defect, left to surface as such.
 */
export function toFailure(error: unknown): DownloadFailure | undefined {
  if (error instanceof DownloadFailure) return error;
  const codes = [error, (error as { cause?: unknown })?.cause]
    .map((item) => (item as { code?: unknown })?.code)
    .filter((code): code is string => typeof code === "string");
  if (!codes.length) return undefined;
  const message = error instanceof Error ? error.message : "";
  const proxyStatus = message.match(/Proxy response \((\d+)\)/)?.[1];
  if (proxyStatus) {
    const auth = proxyStatus === "407" ? " : authentification demandée (indiquez-la dans HTTPS_PROXY, http://utilisateur:motdepasse@hote:port)" : "";
    return new DownloadFailure(`le proxy a refusé la connexion (HTTP ${proxyStatus})${auth}`, proxyStatus !== "407");
  }
  const certificate = codes.find((code) => CERTIFICATE_CODES.test(code));
  if (certificate) {
    return new DownloadFailure(
      `certificat du serveur refusé (${certificate}) ; derrière un proxy qui inspecte le trafic, déclarez son certificat avec la variable NODE_EXTRA_CA_CERTS`,
      false,
    );
  }
  for (const code of codes) {
    const network = NETWORK_MESSAGES[code];
    if (network) return new DownloadFailure(network[0], network[1]);
    const disk = FILE_SYSTEM_MESSAGES[code];
    if (disk) return new DownloadFailure(disk, false);
  }
  return new DownloadFailure(`erreur réseau ou système (${codes[0]})`, true);
}
