// Which browser prints the PDFs, on every platform, without needing that platform: an installed Chrome, Chromium
// or Edge first (OBSERVATOIRE_CHROMIUM, then the usual places), else npm's Chromium on Linux x64, else a French
// explanation of how to get one.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { browserMissingMessage, locateBrowser, type BrowserLookup, type LookupContext } from "../../pipelines/publish/chromium.ts";

function context(platform: NodeJS.Platform, arch: string, files: string[], { env = {}, packaged = false }: { env?: NodeJS.ProcessEnv; packaged?: boolean } = {}): LookupContext {
  const present = new Set(files);
  return { platform, arch, env, exists: (file) => present.has(file), packaged: () => packaged };
}

const message = (lookup: BrowserLookup): string => {
  if (lookup.trouve) throw new Error("un navigateur a été trouvé");
  return browserMissingMessage(lookup);
};

describe("recherche du navigateur des PDF", () => {
  it("prefers an installed browser to npm's Chromium, in the usual order of each platform", () => {
    expect(locateBrowser(context("linux", "x64", ["/usr/bin/google-chrome", "/usr/bin/chromium-browser"], { packaged: true }))).toEqual({
      trouve: true, source: "installe", chemin: "/usr/bin/chromium-browser",
    });
    expect(locateBrowser(context("linux", "x64", ["/usr/bin/chromium"], { packaged: true }))).toMatchObject({ source: "installe", chemin: "/usr/bin/chromium" });
    const edge = "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge";
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(locateBrowser(context("darwin", "arm64", [edge, chrome]))).toMatchObject({ source: "installe", chemin: chrome });
    expect(locateBrowser(context("darwin", "arm64", [edge]))).toMatchObject({ source: "installe", chemin: edge });
    const windowsEdge = path.win32.join("C:\\Program Files (x86)", "Microsoft", "Edge", "Application", "msedge.exe");
    const env = { PROGRAMFILES: "C:\\Program Files", "PROGRAMFILES(X86)": "C:\\Program Files (x86)", LOCALAPPDATA: "C:\\Users\\agent\\AppData\\Local" };
    expect(locateBrowser(context("win32", "x64", [windowsEdge], { env }))).toMatchObject({ source: "installe", chemin: windowsEdge });
    const userChrome = path.win32.join(env.LOCALAPPDATA, "Google", "Chrome", "Application", "chrome.exe");
    expect(locateBrowser(context("win32", "x64", [windowsEdge, userChrome], { env }))).toMatchObject({ chemin: userChrome });
  });

  it("uses npm's Chromium on Linux x64 when no browser is installed", () => {
    expect(locateBrowser(context("linux", "x64", [], { packaged: true }))).toEqual({ trouve: true, source: "npm" });
    // The package's binary is for Linux x64 only: elsewhere it is never used, even if npm installed the package.
    expect(locateBrowser(context("linux", "arm64", [], { packaged: true })).trouve).toBe(false);
    expect(locateBrowser(context("darwin", "x64", [], { packaged: true })).trouve).toBe(false);
  });

  it("takes the browser named by OBSERVATOIRE_CHROMIUM first, and never replaces a missing one by another", () => {
    const env = { OBSERVATOIRE_CHROMIUM: "/opt/chrome/chrome" };
    expect(locateBrowser(context("linux", "x64", ["/opt/chrome/chrome", "/usr/bin/chromium"], { env, packaged: true }))).toEqual({
      trouve: true, source: "variable", chemin: "/opt/chrome/chrome",
    });
    const missing = locateBrowser(context("linux", "x64", ["/usr/bin/chromium"], { env, packaged: true }));
    expect(message(missing)).toBe(
      "Portraits PDF non produits : le navigateur indiqué par la variable OBSERVATOIRE_CHROMIUM est introuvable (/opt/chrome/chrome). " +
        "Pour les obtenir : corrigez ce chemin, ou retirez la variable pour que l'observatoire cherche lui-même un navigateur, puis relancez « npx observatoire pdf ».",
    );
  });

  it("explains in French how to get a browser, without a system package manager as the first answer", () => {
    const mac = message(locateBrowser(context("darwin", "arm64", [])));
    expect(mac).toBe(
      "Portraits PDF non produits : aucun navigateur Chrome, Chromium ou Edge n'est installé sur cet ordinateur (le Chromium fourni par npm n'existe que pour Linux x64). " +
        "Pour les obtenir : installez Google Chrome, Chromium ou Microsoft Edge à son emplacement habituel, ou indiquez le chemin d'un navigateur déjà installé dans la variable OBSERVATOIRE_CHROMIUM, puis relancez « npx observatoire pdf ».",
    );
    const linux = message(locateBrowser(context("linux", "x64", [])));
    expect(linux).toContain("le Chromium fourni par npm (paquet @sparticuz/chromium, dépendance facultative) est absent");
    expect(linux).toContain("Pour les obtenir : relancez « npm install » dans le dossier du projet, sans l'option --omit=optional");
    for (const text of [mac, linux, message(locateBrowser(context("win32", "x64", [], { env: { PROGRAMFILES: "C:\\Program Files" } })))]) {
      expect(text).not.toMatch(/apt|sudo|brew/);
    }
  });
});
