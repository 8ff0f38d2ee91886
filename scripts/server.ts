/**
 * The production web server: Next.js behind a thin node:http layer that
 *  - fixes the client address: X-Forwarded-For / X-Forwarded-Host from the client are replaced by
 *    the socket's values unless TRUST_PROXY=1 (Next.js itself believes them, which would let anyone
 *    dodge rate limits or pass its Server Actions origin check with a forged X-Forwarded-Host);
 *  - refuses cross-site POSTs (Origin missing, "null" or another site) before any action runs;
 *  - serves public pages through a sub-second memory cache that renders each page once at a time,
 *    and marks them cacheable by shared caches for a moment (lib/page-cache.ts);
 *  - answers in words where Next.js sends a browser without JavaScript nothing readable: 5xx pages and
 *    forms from an older build (see lib/plain-answers.ts);
 *  - on SIGTERM/SIGINT stops accepting connections, lets in-flight requests finish, exits 0.
 * Usage: tsx scripts/server.ts [port]
 */
import { createServer, type IncomingMessage } from 'node:http';
import next from 'next';
import { servePublicPage } from './lib/page-cache';
import { answerInWords } from './lib/plain-answers';
import { ROOT } from './lib/postgres';

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === '1';
const DRAIN_TIMEOUT_MS = 15_000;
// The server action body limit in next.config.mjs (300 kB), plus room for multipart framing.
const MAX_POST_BYTES = 310 * 1024;
const DISCARD_LIMIT_BYTES = 20 * 1024 * 1024;

const app = next({ dev: false, dir: ROOT, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  const host = (trustProxy && String(request.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim()) || request.headers.host;
  try {
    return new URL(origin).host === host || (process.env.SITE_URL !== undefined && new URL(origin).origin === new URL(process.env.SITE_URL).origin);
  } catch {
    return false;
  }
}

const server = createServer((request, response) => {
  if (!trustProxy) {
    request.headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
    delete request.headers['x-forwarded-host'];
    delete request.headers['x-real-ip'];
  }
  // Next.js's own limit answers an oversized action with a bare 500; say what is wrong instead.
  if (request.method === 'POST' && Number(request.headers['content-length'] ?? 0) > MAX_POST_BYTES) {
    // Read (and drop) the body before answering: a client still sending would otherwise see a reset,
    // not the answer. Beyond a sane size, just cut the connection.
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > DISCARD_LIMIT_BYTES) request.destroy();
    });
    request.on('end', () => {
      response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end('This form is too large to be sent. Please shorten it and try again.\n');
    });
    return;
  }
  if (request.method === 'POST' && !sameOrigin(request)) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('Cross-site form submissions are not accepted. Please submit the form from this site.\n');
    return;
  }
  answerInWords(request, response);
  servePublicPage(request, response, () => void handle(request, response));
});
// Longer than a proxy's idle keep-alive (nginx 60 s), so the proxy never reuses a socket we are closing.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[app] ready on http://localhost:${port}`));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[app] ${signal}: no new connections; finishing in-flight requests`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      console.warn('[app] requests still running after 15 s; closing them');
      server.closeAllConnections();
      process.exit(0);
    }, DRAIN_TIMEOUT_MS).unref();
  });
}
