/**
 * The edge of the production server: every request from the internet meets this first, and Next.js
 * (listening on a private unix socket, see scripts/server.ts) sees only what passes it. It
 *  - refuses request targets that are not a plain path (absolute-form `GET http://evil/`), paths that
 *    do not decode, and paths with control characters (400), before anything is rendered;
 *  - drops request headers the app does not expect from the internet: every `x-*` and `next-*` header
 *    but Next.js's own client-router headers (src/lib/public-pages.ts), and the forwarded ones unless
 *    TRUST_PROXY=1, in which case the proxy in front set them; then sets X-Forwarded-For itself;
 *  - refuses cross-site POSTs (Origin missing, "null" or another site) before any action runs;
 *  - reads a request body itself, counting bytes as they arrive (413 past the limit, Content-Length or
 *    not) and checking that a form's multipart framing parses (400 otherwise);
 *  - serves public pages through the page cache (lib/page-cache.ts): only a complete `200 text/html`
 *    answer without cookies to a plain document request is a page; it is marked cacheable by shared
 *    caches for a moment, with a Vary that says what it varies on;
 *  - answers in words where Next.js sends a browser without JavaScript nothing readable: 5xx pages and
 *    forms from an older build (lib/plain-answers.ts);
 *  - sends HSTS only over https.
 */
import { request as upstreamRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { hasPrivateCookie, isPublicContentType, NEXT_CLIENT_HEADERS, PUBLIC_PAGE_VARY, publicPageKey, SHARED_CACHE_CONTROL } from '../../src/lib/public-pages';
import type { Answer, CacheOutcome, PageCache } from './page-cache';
import { badFormPage, badRequestPage, crossSitePage, notFoundPage, serverErrorPage, staleFormPage, tooLargePage, type PlainAnswer } from './plain-answers';

export interface EdgeOptions {
  /** Where Next.js listens. */
  socketPath: string;
  /** TRUST_PROXY=1: a proxy in front sets X-Forwarded-For/-Host/-Proto, so they are believed. */
  trustProxy: boolean;
  /** The site's public address (SITE_URL): forms posted from it are same-site, whatever Host says. */
  siteUrl: string | undefined;
  /** Null turns the memory cache off (PAGE_CACHE_MS=0); pages are still marked for shared caches. */
  pageCache: PageCache | null;
  /** A request body past this is refused with 413 (next.config.mjs's action limit plus multipart framing). */
  maxBodyBytes: number;
}

/** Past this, a refused body is not even read to the end: the connection is cut. */
const DISCARD_LIMIT_BYTES = 20 * 1024 * 1024;
const HSTS = 'max-age=63072000; includeSubDomains';
// Headers of one connection, never passed on; the edge frames each message itself.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
// Request headers Next.js does not get besides: the body is read and re-sent by the edge (its own
// length, no 100-continue), and Forwarded is a second, unchecked way to claim a client address.
const REQUEST_ONLY_DROPPED = new Set(['content-length', 'expect', 'forwarded']);
const FORWARDED = new Set(['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']);
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function createEdge(options: EdgeOptions) {
  /** The headers Next.js gets: the client's, minus what it must not be able to set. */
  function upstreamHeaders(request: IncomingMessage): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || REQUEST_ONLY_DROPPED.has(name)) continue;
      if (FORWARDED.has(name)) {
        if (options.trustProxy) headers[name] = value;
        continue;
      }
      if (name.startsWith('x-')) continue;
      if (name.startsWith('next-') && !(NEXT_CLIENT_HEADERS as readonly string[]).includes(name)) continue;
      headers[name] = value;
    }
    if (!options.trustProxy) {
      headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
      headers['x-forwarded-proto'] = 'http';
    }
    return headers;
  }

  function isSecure(request: IncomingMessage): boolean {
    return (
      options.trustProxy &&
      String(request.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim() === 'https'
    );
  }

  function sameOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin || origin === 'null') return false;
    const host =
      (options.trustProxy &&
        String(request.headers['x-forwarded-host'] ?? '')
          .split(',')[0]
          ?.trim()) ||
      request.headers.host;
    try {
      const from = new URL(origin);
      return from.host === host || (options.siteUrl !== undefined && from.origin === new URL(options.siteUrl).origin);
    } catch {
      return false;
    }
  }

  function sendPlain(request: IncomingMessage, response: ServerResponse, { status, html }: PlainAnswer, extra: OutgoingHttpHeaders = {}): void {
    if (response.headersSent) return void response.destroy();
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(isSecure(request) ? { 'strict-transport-security': HSTS } : {}),
      ...extra,
    });
    response.end(request.method === 'HEAD' ? undefined : html);
  }

  /** The body, read to the end and counted as it comes; null when it was too large (and answered). */
  function readBody(request: IncomingMessage, response: ServerResponse): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      let tooLarge = declared > options.maxBodyBytes;
      let received = 0;
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > options.maxBodyBytes) tooLarge = true;
        if (received > DISCARD_LIMIT_BYTES) return request.destroy();
        if (!tooLarge) chunks.push(chunk);
      });
      request.on('end', () => {
        if (!tooLarge) return resolve(Buffer.concat(chunks));
        // Read (and dropped) to the end before answering: a client still sending would see a reset.
        sendPlain(request, response, tooLargePage(), { connection: 'close' });
        resolve(null);
      });
      request.on('error', () => resolve(null));
    });
  }

  /** The comment a no-JS form carried, or null when its multipart framing does not parse. */
  async function parseForm(contentType: string, body: Buffer): Promise<FormData | null> {
    try {
      return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    } catch {
      return null;
    }
  }

  /**
   * Sends the request on to Next.js; resolves with its answer's head and a stream of its body. With
   * `reader`, a reader who leaves before the answer is complete stops the work they asked for.
   */
  function forward(request: IncomingMessage, headers: OutgoingHttpHeaders, body: Buffer | null, reader?: ServerResponse): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (body) headers['content-length'] = String(body.length);
      const upstream = upstreamRequest({ socketPath: options.socketPath, path: request.url, method: request.method, headers }, (answer) => {
        reader?.once('close', () => {
          if (!answer.complete) upstream.destroy();
        });
        resolve(answer);
      });
      upstream.on('error', reject);
      upstream.end(body ?? undefined);
    });
  }

  /** Next.js's answer minus what described the connection between us (HSTS is added per reader, when sent). */
  function answerHeaders(upstream: IncomingMessage): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(upstream.headers as IncomingHttpHeaders)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    return headers;
  }

  /** A complete page, the same for every reader: 200, a document or feed, no cookie set. */
  function isPage(status: number, headers: OutgoingHttpHeaders): boolean {
    return status === 200 && isPublicContentType(String(headers['content-type'] ?? '')) && headers['set-cookie'] === undefined;
  }

  /** A whole answer to a public page request; not stopped when its reader leaves, since others may share it. */
  async function render(request: IncomingMessage, headers: OutgoingHttpHeaders): Promise<Answer> {
    const upstream = await forward(request, headers, null);
    const chunks: Buffer[] = [];
    for await (const chunk of upstream) chunks.push(chunk as Buffer);
    if (!upstream.complete) throw new Error('the render was cut off');
    const status = upstream.statusCode ?? 500;
    const answer = answerHeaders(upstream);
    const page = isPage(status, answer);
    if (page) Object.assign(answer, { 'cache-control': SHARED_CACHE_CONTROL, vary: PUBLIC_PAGE_VARY });
    return { status, headers: answer as Answer['headers'], body: Buffer.concat(chunks), cacheable: page, storedAt: Date.now() };
  }

  function sendAnswer(request: IncomingMessage, response: ServerResponse, answer: Answer, outcome: CacheOutcome | null): void {
    if (answer.status >= 500) return sendPlain(request, response, serverErrorPage(request.url ?? '/', answer.status));
    let body = answer.body;
    // Says when a reader got a copy; a fresh render carries no mark.
    const headers: OutgoingHttpHeaders = outcome && outcome !== 'miss' ? { ...answer.headers, 'x-page-cache': outcome } : { ...answer.headers };
    if (headers['content-encoding'] === 'gzip' && !acceptsGzip(request)) {
      body = gunzipSync(body);
      delete headers['content-encoding'];
    }
    headers['content-length'] = String(body.length);
    if (isSecure(request)) headers['strict-transport-security'] = HSTS;
    response.writeHead(answer.status, headers);
    response.end(body);
  }

  async function servePage(request: IncomingMessage, response: ServerResponse, key: string): Promise<void> {
    const headers = upstreamHeaders(request);
    // One copy per page whatever the reader accepts: Next.js compresses it, and the rare reader who
    // takes no gzip gets it unpacked here.
    headers['accept-encoding'] = 'gzip';
    const renderOnce = () => render(request, { ...headers });
    if (!options.pageCache) return sendAnswer(request, response, await renderOnce(), null);
    const { answer, outcome } = await options.pageCache.serve(key, renderOnce);
    sendAnswer(request, response, answer, outcome);
  }

  async function pass(request: IncomingMessage, response: ServerResponse, body: Buffer | null, form: FormData | null): Promise<void> {
    const upstream = await forward(request, upstreamHeaders(request), body, response);
    const status = upstream.statusCode ?? 500;
    const headers = answerHeaders(upstream);
    if (isSecure(request)) headers['strict-transport-security'] = HSTS;
    const documentRequest = !request.headers['next-action'] && !request.headers.rsc;
    const type = String(headers['content-type'] ?? '');
    let plain: PlainAnswer | null = null;
    if (documentRequest && status >= 500 && (type.startsWith('text/html') || type === '')) {
      // The app's error boundary renders only in the browser: without JavaScript the page is empty.
      plain = serverErrorPage(request.url ?? '/', status);
    } else if (documentRequest && form && status === 409 && headers['x-nextjs-action-not-found'] === '1') {
      // A form from an older build: its action id is unknown.
      const comment = form.get('body');
      plain = staleFormPage(new URL(request.url ?? '/', 'http://edge.invalid').pathname, typeof comment === 'string' ? comment : '');
    }
    if (plain) {
      upstream.resume();
      return sendPlain(request, response, plain);
    }
    response.writeHead(status, headers);
    upstream.pipe(response);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '';
    // Origin-form only: an absolute-form target would have Next.js redirect to another host.
    if (!target.startsWith('/')) return sendPlain(request, response, badRequestPage());
    let url: URL;
    try {
      url = new URL(`http://edge.invalid${target}`);
      if (CONTROL_CHARACTER.test(decodeURIComponent(url.pathname))) throw new Error('control character');
    } catch {
      return sendPlain(request, response, badRequestPage());
    }
    // Next.js's own suffixes for prefetch payloads: not URLs of this site (a form posted to one trips an invariant).
    if (/\.(?:rsc|segments)(?:\/|$)|\.segment\.rsc$/.test(url.pathname)) return sendPlain(request, response, notFoundPage());

    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      const key = request.method === 'GET' ? cacheKey(request, url) : null;
      if (key) return servePage(request, response, key);
      return pass(request, response, null, null);
    }
    if (!sameOrigin(request)) return sendPlain(request, response, crossSitePage());
    const body = await readBody(request, response);
    if (!body) return;
    const contentType = String(request.headers['content-type'] ?? '');
    let form: FormData | null = null;
    if (contentType.startsWith('multipart/form-data')) {
      form = await parseForm(contentType, body);
      if (!form) return sendPlain(request, response, badFormPage());
    }
    return pass(request, response, body, form);
  }

  return function edge(request: IncomingMessage, response: ServerResponse): void {
    handle(request, response).catch((error: unknown) => {
      console.error('[edge] could not answer', request.method, request.url, error);
      sendPlain(request, response, serverErrorPage(request.url ?? '/', 502));
    });
  };
}

/** The page-cache key of a plain document request for a public page without a private cookie, else null. */
function cacheKey(request: IncomingMessage, url: URL): string | null {
  if (NEXT_CLIENT_HEADERS.some((name) => request.headers[name] !== undefined) || url.searchParams.has('_rsc')) return null;
  if (hasPrivateCookie(request.headers.cookie)) return null;
  return publicPageKey(url);
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /(?:^|,)\s*(?:gzip|\*)\s*(?:$|,|;\s*q=(?:1|0?\.0*[1-9]))/i.test(String(request.headers['accept-encoding'] ?? ''));
}
