// Which URLs `telecharger` may fetch: HTTPS only, in the catalogue and on every redirect. Plain HTTP to the loopback
// address is a test harness's, allowed only when the caller asks for it explicitly.

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Why a URL may not be fetched, in French, or undefined when it may. */
export function refusedUrl(url: string, allowLoopbackHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "adresse invalide";
  }
  if (parsed.protocol === "https:") return undefined;
  if (parsed.protocol === "http:" && allowLoopbackHttp && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return parsed.protocol === "http:"
    ? "adresse http non chiffrée refusée : seules les adresses https:// sont admises"
    : `protocole ${parsed.protocol} refusé : seules les adresses https:// sont admises`;
}
