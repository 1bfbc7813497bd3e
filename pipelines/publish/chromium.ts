// Finds Debian's chromium (apt package `chromium`) for the PDFs and browser tests; no browser is ever downloaded.
import fs from "node:fs";

/** Another binary (chromium-browser, a test's missing path) can be given through OBSERVATOIRE_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.OBSERVATOIRE_CHROMIUM || "/usr/bin/chromium";
}

/** The flags verified to run headless chromium in containers and CI without touching the network. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function findChromium(): string | undefined {
  return fs.existsSync(chromiumPath()) ? chromiumPath() : undefined;
}

export function chromiumMissing(): string {
  return `chromium est introuvable (${chromiumPath()}) : les PDF ne sont pas produits. Pour l'installer : « sudo apt-get install chromium », puis relancez « npx observatoire pdf ».`;
}
