/**
 * The production web server, in one process:
 *  - Next.js serves the app on a private unix socket (only this process's user can connect);
 *  - the edge (lib/edge.ts) listens on the public port and is the only way in: it checks and cleans
 *    each request, serves public pages from the page cache (lib/page-cache.ts), and answers in words
 *    where Next.js would leave a browser without JavaScript with nothing readable;
 *  - on SIGTERM/SIGINT it stops accepting connections, lets in-flight requests finish, exits 0.
 * The edge talks to Next.js over plain HTTP, through Node's public APIs only: no part of Next.js or
 * of Node's request and response objects is patched, so an upgrade of either cannot break it silently.
 * Usage: tsx scripts/server.ts [port]
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import next from 'next';
import { connectPageCache } from '../src/server/page-cache-link';
import { createEdge } from './lib/edge';
import { PageCache } from './lib/page-cache';
import { ROOT } from './lib/root';

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const DRAIN_TIMEOUT_MS = 15_000;
// Together with the page cache's grace, at most one second: another instance shows a write within a second.
const PAGE_CACHE_MS = Number(process.env.PAGE_CACHE_MS ?? 500);
// The server action body limit in next.config.mjs (300 kB), plus room for multipart framing.
const MAX_BODY_BYTES = 310 * 1024;

const app = next({ dev: false, dir: ROOT, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const socketPath = path.join(os.tmpdir(), `commentary-next-${process.pid}.sock`);
rmSync(socketPath, { force: true });
const nextServer = createServer((request, response) => void handle(request, response));
nextServer.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => nextServer.listen(socketPath, resolve));
chmodSync(socketPath, 0o600);

const pageCache = PAGE_CACHE_MS > 0 ? new PageCache(PAGE_CACHE_MS) : null;
// Every write a reader should see empties the cache (src/server/page-cache-link.ts).
connectPageCache({ invalidate: () => pageCache?.invalidate() });

const edge = createServer(
  createEdge({ socketPath, trustProxy: process.env.TRUST_PROXY === '1', siteUrl: process.env.SITE_URL, pageCache, maxBodyBytes: MAX_BODY_BYTES }),
);
// Longer than a proxy's idle keep-alive (nginx 60 s), so the proxy never reuses a socket we are closing.
edge.keepAliveTimeout = 65_000;
edge.headersTimeout = 66_000;
edge.listen(port, () => console.log(`[app] ready on http://localhost:${port}`));

let stopping = false;
function exit(): never {
  rmSync(socketPath, { force: true });
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[app] ${signal}: no new connections; finishing in-flight requests`);
    edge.close(() => exit());
    edge.closeIdleConnections();
    setTimeout(() => {
      console.warn('[app] requests still running after 15 s; closing them');
      edge.closeAllConnections();
      exit();
    }, DRAIN_TIMEOUT_MS).unref();
  });
}
