// Finds the browser that prints the PDFs (and runs the browser tests). A browser installed on the machine comes
// first: the one named by OBSERVATOIRE_CHROMIUM, else Chrome, Chromium or Edge at their usual places. Without one,
// on Linux x64, the Chromium shipped inside the npm package @sparticuz/chromium (an optional dependency installed by
// `npm install`) is used. No browser is ever downloaded, and no system package is needed.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** The flags verified to run headless Chromium in containers and CI without touching the network. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** The npm package that ships a Chromium build for Linux x64. */
export const PACKAGED_BROWSER = "@sparticuz/chromium";

export type BrowserFound = { trouve: true; source: "variable" | "installe"; chemin: string } | { trouve: true; source: "npm" };
export interface BrowserMissing {
  trouve: false;
  motif: string;
  conseil: string;
}
export type BrowserLookup = BrowserFound | BrowserMissing;

/** What the lookup depends on, so that every platform's answer can be tested on any machine. */
export interface LookupContext {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  exists: (file: string) => boolean;
  /** Whether the npm package's Chromium is installed (its brotli archive present). */
  packaged: () => boolean;
}

export function machineContext(): LookupContext {
  return { platform: process.platform, arch: process.arch, env: process.env, exists: fs.existsSync, packaged: packagedBrowserInstalled };
}

/** The usual install places of Chrome, Chromium and Edge, most common first. */
export function installedBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "darwin") {
    return [
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ];
  }
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return [
      ...roots.map((root) => path.win32.join(root, "Google", "Chrome", "Application", "chrome.exe")),
      ...roots.map((root) => path.win32.join(root, "Microsoft", "Edge", "Application", "msedge.exe")),
    ];
  }
  return [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
    "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable",
  ];
}

/** The npm package only ships a Linux x64 binary. */
function packagedBrowserSupported(platform: NodeJS.Platform, arch: string): boolean {
  return platform === "linux" && arch === "x64";
}

/** Which browser the PDFs will use, or why there is none and how to get one (in French). */
export function locateBrowser(context: LookupContext = machineContext()): BrowserLookup {
  const relaunch = "puis relancez « npx observatoire pdf »";
  const named = context.env.OBSERVATOIRE_CHROMIUM;
  // A browser named explicitly is never silently replaced by another one.
  if (named) {
    return context.exists(named)
      ? { trouve: true, source: "variable", chemin: named }
      : {
          trouve: false,
          motif: `le navigateur indiqué par la variable OBSERVATOIRE_CHROMIUM est introuvable (${named})`,
          conseil: `corrigez ce chemin, ou retirez la variable pour que l'observatoire cherche lui-même un navigateur, ${relaunch}.`,
        };
  }
  const installed = installedBrowserPaths(context.platform, context.env).find((candidate) => context.exists(candidate));
  if (installed) return { trouve: true, source: "installe", chemin: installed };
  const manual = "installez Google Chrome, Chromium ou Microsoft Edge à son emplacement habituel, ou indiquez le chemin d'un navigateur déjà installé dans la variable OBSERVATOIRE_CHROMIUM";
  if (packagedBrowserSupported(context.platform, context.arch)) {
    if (context.packaged()) return { trouve: true, source: "npm" };
    return {
      trouve: false,
      motif: `aucun navigateur Chrome, Chromium ou Edge n'est installé, et le Chromium fourni par npm (paquet ${PACKAGED_BROWSER}, dépendance facultative) est absent`,
      conseil: `relancez « npm install » dans le dossier du projet, sans l'option --omit=optional, pour l'obtenir ; ou bien ${manual} ; ${relaunch}.`,
    };
  }
  return {
    trouve: false,
    motif: "aucun navigateur Chrome, Chromium ou Edge n'est installé sur cet ordinateur (le Chromium fourni par npm n'existe que pour Linux x64)",
    conseil: `${manual}, ${relaunch}.`,
  };
}

/** The one-paragraph French explanation shown when no PDF can be printed. */
export function browserMissingMessage(missing: BrowserMissing): string {
  return `Portraits PDF non produits : ${missing.motif}. Pour les obtenir : ${missing.conseil}`;
}

/** How the browser is named to the user. */
export function browserLabel(found: BrowserFound): string {
  return found.source === "npm" ? `le Chromium fourni par npm (${PACKAGED_BROWSER})` : found.chemin;
}

function packagedBrowserInstalled(): boolean {
  try {
    // build/cjs/index.cjs → the package root, whose bin/ holds the compressed browser.
    const entry = createRequire(import.meta.url).resolve(PACKAGED_BROWSER);
    return fs.existsSync(path.join(path.dirname(entry), "..", "..", "bin", "chromium.br"));
  } catch {
    return false;
  }
}

export interface BrowserExecutable {
  executablePath: string;
  /** Extra environment for the browser process, when the system cannot provide it. */
  env?: Record<string, string>;
}

/**
 * The executable to launch. The npm package decompresses its browser into the temporary folder on first use
 * (≈ 3 s, then reused); test files and runs on other output folders may ask at the same time, so the decompression
 * is done under a lock: a second process would otherwise find a half-written binary and launch it.
 */
export async function browserExecutable(found: BrowserFound): Promise<BrowserExecutable> {
  if (found.source !== "npm") return { executablePath: found.chemin };
  // Imported by name, not as a literal: the package is optional, and the project must still type-check without it.
  const { default: packaged } = (await import(PACKAGED_BROWSER)) as { default: { executablePath(): Promise<string> } };
  const executablePath = await withExtractionLock(() => packaged.executablePath());
  // The package also unpacks a font configuration; it is only needed where the system has none (a bare container).
  const fonts = path.join(os.tmpdir(), "fonts");
  const systemFonts = fs.existsSync("/etc/fonts/fonts.conf");
  return systemFonts || !fs.existsSync(path.join(fonts, "fonts.conf")) ? { executablePath } : { executablePath, env: { FONTCONFIG_PATH: fonts } };
}

const LOCK_STALE_MS = 120_000;

async function withExtractionLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), "observatoire-chromium-extraction.lock");
  const deadline = Date.now() + 2 * LOCK_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let age = 0;
    try {
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released in the meantime
    }
    // A lock older than any decompression was left by a killed process.
    if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error("decompression lock held too long");
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
