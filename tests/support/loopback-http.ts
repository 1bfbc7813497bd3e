// Loopback HTTP servers for the download tests: a file server that replays fixtures and can misbehave on cue, and a
// forward proxy. Both listen on 127.0.0.1 only, and the proxy refuses to go anywhere but the loopback address.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

/** Answers one request; `n` counts the requests to this path, from 1. */
export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, n: number) => void;

export interface LoopbackServer {
  base: string;
  requests: SeenRequest[];
  requestsTo(pathname: string): SeenRequest[];
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function trackSockets(server: http.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

async function closeAll(server: http.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function startServer(routes: Record<string, Handler>): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url!, "http://127.0.0.1").pathname;
    requests.push({ path: pathname, headers: request.headers });
    const n = (counts.get(pathname) ?? 0) + 1;
    counts.set(pathname, n);
    const handler = routes[pathname];
    if (!handler) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("absent");
      return;
    }
    handler(request, response, n);
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (pathname) => requests.filter((request) => request.path === pathname),
    close: () => closeAll(server, sockets),
  };
}

export interface FileOptions {
  etag?: string;
  lastModified?: string;
  /** Answer Range requests with 206 (default) or ignore them and send the whole file with 200. */
  ranges?: boolean;
}

/** Serves bytes as a static file server does: Content-Length, validators, Range, If-None-Match. */
export function serveFile(bytes: Buffer, options: FileOptions = {}): Handler {
  return (request, response) => {
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/octet-stream" };
    if (options.etag) headers.etag = options.etag;
    if (options.lastModified) headers["last-modified"] = options.lastModified;
    if (options.etag && request.headers["if-none-match"] === options.etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    const range = request.headers.range?.match(/^bytes=(\d+)-$/);
    const ifRange = request.headers["if-range"];
    const rangeValid = !ifRange || ifRange === options.etag || ifRange === options.lastModified;
    if (range && options.ranges !== false && rangeValid) {
      const start = Number(range[1]);
      if (start >= bytes.length) {
        response.writeHead(416, { "content-range": `bytes */${bytes.length}` });
        response.end();
        return;
      }
      response.writeHead(206, { ...headers, "content-length": bytes.length - start, "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}` });
      response.end(bytes.subarray(start));
      return;
    }
    response.writeHead(200, { ...headers, "content-length": bytes.length });
    response.end(bytes);
  };
}

/** Sends the headers and the first `cut` bytes, then drops the connection: a transfer broken half-way. */
export function cutAfter(bytes: Buffer, cut: number, options: FileOptions = {}): Handler {
  return (_request, response) => {
    response.writeHead(200, {
      "content-type": "application/octet-stream", "content-length": bytes.length,
      ...(options.etag ? { etag: options.etag } : {}), ...(options.lastModified ? { "last-modified": options.lastModified } : {}),
    });
    response.write(bytes.subarray(0, cut));
    // Long enough for the client to write what it received before the connection goes.
    setTimeout(() => response.socket?.destroy(), 100);
  };
}

export interface LoopbackProxy {
  url: string;
  /** "CONNECT host:port" for tunnels, "GET http://…" for absolute-form requests. */
  seen: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost"]);

/**
 * A forward proxy: tunnels (CONNECT) and absolute-URI requests. It records every request and answers 502 to any
 * target off the loopback address, so that a test through it never reaches the internet.
 */
export async function startProxy(): Promise<LoopbackProxy> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const target = new URL(request.url!);
    if (!LOOPBACK.has(target.hostname)) {
      response.writeHead(502);
      response.end();
      return;
    }
    const upstream = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  const tunnels = new Set<net.Socket>();
  server.on("connect", (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${request.url}`);
    tunnels.add(socket);
    const separator = request.url!.lastIndexOf(":");
    const host = request.url!.slice(0, separator);
    const port = Number(request.url!.slice(separator + 1));
    if (!LOOPBACK.has(host)) {
      socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      return;
    }
    const upstream = net.connect(port, host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of tunnels) socket.destroy();
      await closeAll(server, sockets);
    },
  };
}
