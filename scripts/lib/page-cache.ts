/**
 * Public pages (the index and articles) are the same for every reader without a session or a held
 * comment, so the production server:
 *  - marks them cacheable by shared caches for a moment (Next.js sends `no-store` for every dynamic
 *    page): SHARED_CACHE below, which bounds how stale nginx or a CDN can be;
 *  - keeps them in memory for PAGE_CACHE_MS (0.5 s), and renders each page at most once at a time:
 *    readers who arrive while it renders get the copy it replaces (if that expired less than
 *    STALE_GRACE_MS ago) or wait for it, instead of starting their own render, so a busy article
 *    costs about two renders a second, however many readers it has.
 * Every write a reader should see empties the memory cache at once (src/server/page-cache.ts calls
 * the hook installed here); a render that started before such a write is not kept, nor joined by
 * readers who arrive after it. Other instances are at most PAGE_CACHE_MS + STALE_GRACE_MS behind.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

// Readers see a moderation change within s-maxage plus one background refresh (README, "Performance").
const SHARED_CACHE = 'public, max-age=0, s-maxage=2, stale-while-revalidate=3';
const PUBLIC_PAGE = /^\/(?:\?[^#]*)?$|^\/posts\/[^/?#]+\/?(?:\?[^#]*)?$/;
const PRIVATE_COOKIE = /(?:^|;\s*)(?:__Secure-)?(?:next-auth\.session-token|pending_comments)=/;
// Together at most one second: another instance shows a write within a second (plus one render).
const PAGE_CACHE_MS = Number(process.env.PAGE_CACHE_MS ?? 500);
const STALE_GRACE_MS = 500;

interface CachedPage {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  storedAt: number;
}

const pages = new Map<string, CachedPage>();
/** Renders in progress, by cache key: readers of the same page wait for them. */
const rendering = new Map<string, Promise<CachedPage | null>>();
/** Bumped by every write: a render that began under an older generation is not kept. */
let generation = 0;

(globalThis as { __commentaryInvalidatePages?: () => void }).__commentaryInvalidatePages = () => {
  generation++;
  pages.clear();
  rendering.clear();
};

function sharedCacheable(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!PUBLIC_PAGE.test(request.url ?? '')) return false;
  // RSC payloads vary with router state headers; keep them out of shared caches.
  if (request.headers.rsc || request.headers['next-router-prefetch'] || request.headers['next-router-state-tree']) return false;
  return !PRIVATE_COOKIE.test(request.headers.cookie ?? '');
}

function send(response: ServerResponse, page: CachedPage, how: string): void {
  response.writeHead(200, { ...page.headers, 'x-page-cache': how });
  response.end(page.body);
}

/** Lets `render` answer, and hands a copy of a cacheable answer (200, no cookie) to `done`. */
function capture(response: ServerResponse, done: (page: CachedPage | null) => void): void {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    }
  };
  let finished = false;
  const finish = (page: CachedPage | null) => {
    if (finished) return;
    finished = true;
    done(page);
  };
  response.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), write(chunk as never, ...(rest as [never])))) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const cacheable = response.statusCode === 200 && !response.hasHeader('set-cookie');
    finish(cacheable ? { headers: response.getHeaders(), body: Buffer.concat(chunks), storedAt: Date.now() } : null);
    return end(chunk as never, ...(rest as [never]));
  }) as typeof response.end;
  // A reader who leaves mid-render must not leave the others waiting.
  response.once('close', () => finish(null));
}

/**
 * Answers a public page from memory, from a render already under way, or by rendering it (`render`)
 * and keeping the result. Anything else goes straight to `render`.
 */
export function servePublicPage(request: IncomingMessage, response: ServerResponse, render: () => void): void {
  if (!sharedCacheable(request)) return render();
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (this.statusCode === 200 || args[0] === 200) this.setHeader('Cache-Control', SHARED_CACHE);
    return writeHead.apply(this, args);
  } as typeof writeHead;
  if (request.method !== 'GET' || PAGE_CACHE_MS <= 0) return render();

  const key = `${request.url}|${request.headers['accept-encoding'] ?? ''}`;
  const hit = pages.get(key);
  const age = hit ? Date.now() - hit.storedAt : Infinity;
  if (hit && age < PAGE_CACHE_MS) return send(response, hit, 'hit');
  const underway = rendering.get(key);
  // While the one render of a page runs, the others get the copy it replaces, if only just expired:
  // nobody else waits for the render (the p99 stays flat), and a reader is at most STALE_GRACE_MS later.
  if (underway && hit && age < PAGE_CACHE_MS + STALE_GRACE_MS) return send(response, hit, 'stale');
  if (underway) {
    void underway.then((page) => (page ? send(response, page, 'shared') : render()));
    return;
  }

  const startedIn = generation;
  let settle!: (page: CachedPage | null) => void;
  rendering.set(key, new Promise((resolve) => (settle = resolve)));
  capture(response, (page) => {
    const current = startedIn === generation;
    if (current) rendering.delete(key);
    if (page && current) pages.set(key, page);
    settle(page);
  });
  render();
}
