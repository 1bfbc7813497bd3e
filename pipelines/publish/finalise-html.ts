// Adjusts the pages Framework writes in English: document language, a skip link for keyboard users (RGAA 12.7),
// the sidebar toggle's label, and the favicon.
import fs from "node:fs";
import path from "node:path";

const REPLACEMENTS: [RegExp, string][] = [
  [/<html>/, '<html lang="fr">'],
  // A data: favicon stops browsers from requesting /favicon.ico (a 404 and a console error).
  [/<\/head>/, '<link rel="icon" href="data:,">\n</head>'],
  [/<body>/, '<body>\n<a class="lien-evitement" href="#observablehq-main">Aller au contenu</a>'],
  [/title="Toggle sidebar"/, 'title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu"'],
  [/<nav id="observablehq-sidebar">/, '<nav id="observablehq-sidebar" aria-label="Menu principal">'],
  [/<input type="search" placeholder="Search">/, '<input type="search" placeholder="Rechercher" aria-label="Rechercher un indicateur, un EPCI, une commune">'],
];

/** The search's result lines, written in English in Framework's bundled client. */
const SCRIPT_REPLACEMENTS: [RegExp, string][] = [
  [/"<div>no results<\/div>"/g, '"<div>aucun résultat</div>"'],
  [/result\$\{([a-zA-Z_$][\w$]*)\.length===1\?"":"s"\}/g, 'résultat${$1.length===1?"":"s"}'],
  [/\.toLocaleString\("en-US"\)/g, '.toLocaleString("fr-FR")'],
];

export function finaliseHtml(siteDir: string): number {
  let pages = 0;
  for (const file of htmlFiles(siteDir)) {
    let text = fs.readFileSync(file, "utf8");
    for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
    fs.writeFileSync(file, text);
    pages += 1;
  }
  const scripts = path.join(siteDir, "_observablehq");
  if (fs.existsSync(scripts)) {
    for (const name of fs.readdirSync(scripts).filter((entry) => /^search\.[\w-]+\.js$|^search\.js$/.test(entry))) {
      const file = path.join(scripts, name);
      let text = fs.readFileSync(file, "utf8");
      for (const [pattern, replacement] of SCRIPT_REPLACEMENTS) text = text.replace(pattern, replacement);
      fs.writeFileSync(file, text);
    }
  }
  return pages;
}

export function* htmlFiles(folder: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith(".html")) yield full;
  }
}
