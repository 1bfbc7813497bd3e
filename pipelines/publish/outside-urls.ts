// Finds every address outside the site in the built files: the site must work offline and send no request
// elsewhere (CDN, fonts, telemetry, vendor links). XML namespace names are identifiers, not requests.
import fs from "node:fs";
import path from "node:path";

/** Absolute (http, https) and protocol-relative ("//cdn…") addresses; the latter only where a string or url() starts. */
const URL_PATTERN = /(?:\bhttps?:|(?<=["'(=\s]))\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)<>]*/gi;
const NAMESPACES = /^(?:https?:)?\/\/www\.w3\.org\/(?:2000\/svg|1999\/xhtml|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/?|1998\/Math\/MathML)/;
const SCANNED = /\.(html|js|css|json|svg|md)$/i;

export interface OutsideUrl {
  fichier: string;
  url: string;
}

export function findOutsideUrls(siteDir: string): OutsideUrl[] {
  const found: OutsideUrl[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SCANNED.test(entry.name)) {
        for (const match of fs.readFileSync(full, "utf8").matchAll(URL_PATTERN)) {
          if (!NAMESPACES.test(match[0])) found.push({ fichier: path.relative(siteDir, full), url: match[0] });
        }
      }
    }
  };
  walk(siteDir);
  return found;
}
