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
];

export function finaliseHtml(siteDir: string): number {
  let pages = 0;
  for (const file of htmlFiles(siteDir)) {
    let text = fs.readFileSync(file, "utf8");
    for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
    fs.writeFileSync(file, text);
    pages += 1;
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
