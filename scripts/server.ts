/**
 * The production web server, in one process:
 *  - Next.js serves the app on a private unix socket (only this process's user can connect);
 *  - the edge (lib/edge.ts) listens on the public port and is the only way in: it checks and cleans
 *    each request, serves public pages from the page cache (lib/page-cache.ts), and answers in words
 *    where Next.js would leave a browser without JavaScript with nothing readable;
 *  - on SIGTERM/SIGINT it stops accepting connections, lets in-flight requests finish, exits 0.
 * The edge talks to Next.js over plain HTTP, through Node's public APIs only: no part of Next.js or
 * of Node's request and response objects is patched, so an upgrade of either cannot break it silently.
 *
 * Production runs it compiled (scripts/lib/compile-server.mjs, part of every build):
 *   node <distDir>/web-server/server.mjs [port]      (what the e2e and resilience suites run)
 * `npm start` (scripts/start.mjs) imports it and calls startServer() itself.
 */
import { chmodSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import next from 'next';
import { SERVER_ACTION_BODY_LIMIT } from '../next.config.mjs';
import { connectPageCache } from '../src/server/page-cache-link';
import { createEdge } from './lib/edge';
import { PageCache } from './lib/page-cache';
import { ROOT } from './lib/root';

const DRAIN_TIMEOUT_MS = 15_000;
// Together with the page cache's grace, at most one second: another instance shows a write within a second.
const PAGE_CACHE_MS = Number(process.env.PAGE_CACHE_MS ?? 500);
// Next.js counts the server action's body; the edge counts the whole request body, which also
// carries the multipart framing (boundaries and part headers) around the fields.
const MULTIPART_FRAMING_BYTES = 10 * 1024;
const MAX_BODY_BYTES = SERVER_ACTION_BODY_LIMIT + MULTIPART_FRAMING_BYTES;

export interface ServerOptions {
  port: number;
  /** Runs once the last request is answered, before the process exits (npm start stops its embedded database here). */
  afterDrain?: () => Promise<void>;
}

/** Resolves once the server listens; rejects when it cannot start (e.g. the port is taken). */
export async function startServer({ port, afterDrain }: ServerOptions): Promise<void> {
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
  try {
    await new Promise<void>((resolve, reject) => {
      edge.once('error', reject);
      edge.listen(port, () => {
        edge.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    nextServer.close();
    rmSync(socketPath, { force: true });
    throw error;
  }
  console.log(`[app] ready on http://localhost:${port}`);

  let stopping = false;
  let exiting = false;
  async function exit(): Promise<void> {
    if (exiting) return;
    exiting = true;
    rmSync(socketPath, { force: true });
    try {
      await afterDrain?.();
      process.exit(0);
    } catch (error) {
      console.error('[app] stopping failed:', error);
      process.exit(1);
    }
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[app] ${signal}: no new connections; finishing in-flight requests`);
      edge.close(() => void exit());
      edge.closeIdleConnections();
      setTimeout(() => {
        console.warn('[app] requests still running after 15 s; closing them');
        edge.closeAllConnections();
        void exit();
      }, DRAIN_TIMEOUT_MS).unref();
    });
  }
}

// Run directly (the compiled file, or this one through tsx); scripts/start.mjs imports it instead.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await startServer({ port: Number(process.argv[2] ?? process.env.PORT ?? 3000) });
}
