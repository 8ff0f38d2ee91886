/**
 * The production web server: Next.js behind a thin node:http layer that
 *  - fixes the client address: X-Forwarded-For / X-Forwarded-Host from the client are replaced by
 *    the socket's values unless TRUST_PROXY=1 (Next.js itself believes them, which would let anyone
 *    dodge rate limits or pass its Server Actions origin check with a forged X-Forwarded-Host);
 *  - refuses cross-site POSTs (Origin missing, "null" or another site) before any action runs;
 *  - marks public pages cacheable by shared caches for a moment (Next.js sends `no-store` for every
 *    dynamic page), unless the visitor has a session or a comment awaiting moderation;
 *  - keeps those public pages in memory for PAGE_CACHE_MS (1 s), so a busy article costs one render a
 *    second instead of one per reader; every write in this process empties it at once (see
 *    src/server/page-cache.ts), and other instances are at most that old;
 *  - answers in words where Next.js sends a browser without JavaScript nothing readable: 5xx pages and
 *    forms from an older build (see lib/plain-answers.ts);
 *  - on SIGTERM/SIGINT stops accepting connections, lets in-flight requests finish, exits 0.
 * Usage: tsx scripts/server.ts [port]
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import next from 'next';
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

// Readers see a moderation change within s-maxage plus one background refresh (README, "Performance").
const SHARED_CACHE = 'public, max-age=0, s-maxage=2, stale-while-revalidate=3';
const PUBLIC_PAGE = /^\/(?:\?[^#]*)?$|^\/posts\/[^/?#]+\/?(?:\?[^#]*)?$/;
const PRIVATE_COOKIE = /(?:^|;\s*)(?:__Secure-)?(?:next-auth\.session-token|pending_comments)=/;

function sharedCacheable(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!PUBLIC_PAGE.test(request.url ?? '')) return false;
  // RSC payloads vary with router state headers; keep them out of shared caches.
  if (request.headers.rsc || request.headers['next-router-prefetch'] || request.headers['next-router-state-tree']) return false;
  return !PRIVATE_COOKIE.test(request.headers.cookie ?? '');
}

interface CachedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  storedAt: number;
}
const PAGE_CACHE_MS = Number(process.env.PAGE_CACHE_MS ?? 1000);
const pageCache = new Map<string, CachedPage>();
(globalThis as { __commentaryPageCache?: Map<string, CachedPage> }).__commentaryPageCache = pageCache;

/** Serves a fresh copy, or records this response for the next readers. True when it answered. */
function fromPageCache(request: IncomingMessage, response: ServerResponse): boolean {
  const key = `${request.url}|${request.headers['accept-encoding'] ?? ''}`;
  const hit = pageCache.get(key);
  if (hit && Date.now() - hit.storedAt < PAGE_CACHE_MS) {
    response.writeHead(hit.status, { ...hit.headers, 'x-page-cache': 'hit' });
    response.end(hit.body);
    return true;
  }
  const chunks: Buffer[] = [];
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    }
  };
  response.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), write(chunk as never, ...(rest as [never])))) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    if (response.statusCode === 200 && !response.hasHeader('set-cookie')) {
      pageCache.set(key, { status: 200, headers: response.getHeaders(), body: Buffer.concat(chunks), storedAt: Date.now() });
    }
    return end(chunk as never, ...(rest as [never]));
  }) as typeof response.end;
  return false;
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
  if (sharedCacheable(request)) {
    if (request.method === 'GET' && PAGE_CACHE_MS > 0 && fromPageCache(request, response)) return;
    const writeHead = response.writeHead;
    response.writeHead = function (this: typeof response, ...args: Parameters<typeof writeHead>) {
      if (this.statusCode === 200 || args[0] === 200) this.setHeader('Cache-Control', SHARED_CACHE);
      return writeHead.apply(this, args);
    } as typeof writeHead;
  }
  void handle(request, response);
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
