// Child-process entry of the site build (run by framework-build.ts): Observable Framework's own build, on the whole
// site or on the pages listed in the file named by OBSERVATOIRE_SITE_PAGES. Framework's CLI cannot build a subset;
// its build function renders whatever `config.paths()` yields, and every asset it writes is named by its content
// hash, so a subset's output can be laid over the last good site (build-site.ts).
import fs from "node:fs";
import { build } from "@observablehq/framework/dist/build.js";
import { readConfig } from "@observablehq/framework/dist/config.js";
import { defaultInterpreters, LoaderResolver } from "@observablehq/framework/dist/loader.js";

const config = await readConfig();
// The site has no data loaders (one export step writes every data file). Without interpreters, Framework stops
// looking for `x.json.py`, `data.zip.sh`… beside every page and file: dozens of directory globs per page, a tenth
// of a full build. Passed to the resolver directly: the config file's `null` is turned into an empty command.
config.loaders = new LoaderResolver({ root: config.root, interpreters: Object.fromEntries(Object.keys(defaultInterpreters).map((ext) => [ext, null])) });
const list = process.env.OBSERVATOIRE_SITE_PAGES;
if (list) {
  const pages = JSON.parse(fs.readFileSync(list, "utf8")) as string[];
  config.paths = async function* () {
    yield* pages;
  };
}
await build({ config });
