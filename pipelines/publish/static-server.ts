// A small static server for the built site, on 127.0.0.1 only: used to preview the site, print the PDFs and
// run the browser tests. Framework's links omit ".html", which is resolved here as a static host would.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".parquet": "application/octet-stream",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = resolveFile(base, pathname);
    if (!file) {
      const notFound = path.join(base, "404.html");
      response.writeHead(404, { "content-type": TYPES[".html"]! });
      response.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "Page introuvable");
      return;
    }
    // Framework names its assets by content hash: they never change, so the browser keeps them (and their
    // compiled code) from one page to the next, which matters when printing hundreds of pages.
    const immutable = /^\/_(node|observablehq|file|import|npm)\//.test(pathname);
    response.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The file for a URL path, never outside the site: "/epci/123" → epci/123.html, "/communes/" → communes/index.html. */
function resolveFile(base: string, pathname: string): string | undefined {
  const candidate = path.resolve(base, `.${pathname}`);
  if (candidate !== base && !candidate.startsWith(`${base}${path.sep}`)) return undefined;
  for (const file of [candidate, `${candidate}.html`, path.join(candidate, "index.html")]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return undefined;
}
