import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { RunningApp } from './app';

/** The seeded article every test comments on. */
export const ARTICLE = '/posts/russia-warns-japan-western-policies-peace-treaty';
export const SAVE_FAILED_MESSAGE = 'Your comment could not be saved right now, please try again.';
export const ERROR_PAGE_HEADING = 'This page could not be loaded';

/** No request of the suite may wait longer than this: the app bounds every database wait well below it. */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface Answer {
  status: number;
  location: string | null;
  headers: IncomingHttpHeaders;
  html: string;
  ms: number;
  /** The client side of the TCP connection, to find it in `ss` output. */
  localPort: number | undefined;
}

/** A request that failed without an answer: `code` is the socket error (ECONNRESET, ECONNREFUSED, …). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly localPort: number | undefined,
    readonly ms: number,
  ) {
    super(message);
  }
}

/**
 * A request from a browser on the site, over loopback, bounded in time. Each on its own connection
 * (`Connection: close`), as separate visitors would come: a pooled keep-alive socket could be reused
 * just as the server times it out, which is a client-side race, not what these tests measure.
 */
export async function request(
  app: RunningApp,
  path: string,
  init: {
    method?: string;
    body?: FormData;
    headers?: Record<string, string>;
    timeoutMs?: number;
    /** The client's own address, to be another machine as the server sees it (any 127.x.y.z works on loopback). */
    localAddress?: string;
  } = {},
): Promise<Answer> {
  let body: Buffer | undefined;
  const headers: Record<string, string> = {
    // The browser's view of the site (SITE_URL; TRUST_PROXY=1 lets the forwarded host stand for it); the socket goes to 127.0.0.1.
    'x-forwarded-host': new URL(app.origin).host,
    connection: 'close',
    ...init.headers,
  };
  if (init.body) {
    const encoded = new Request('http://localhost/', { method: 'POST', body: init.body });
    body = Buffer.from(await encoded.arrayBuffer());
    headers['content-type'] = encoded.headers.get('content-type')!;
    headers['content-length'] = String(body.length);
  }
  const started = Date.now();
  const timeoutMs = init.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise<Answer>((resolve, reject) => {
    let localPort: number | undefined;
    const fail = (error: NodeJS.ErrnoException) =>
      reject(new RequestError(`${init.method ?? 'GET'} ${path}: ${error.code ?? error.message}`, error.code, localPort, Date.now() - started));
    const options = {
      host: '127.0.0.1',
      port: app.port,
      path,
      method: init.method ?? 'GET',
      headers,
      agent: false,
      localAddress: init.localAddress,
      signal: AbortSignal.timeout(timeoutMs),
    };
    const req = httpRequest(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          location: typeof response.headers.location === 'string' ? response.headers.location : null,
          headers: response.headers,
          // What a browser shows: a compressed answer unpacked.
          html: (response.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks)).toString('utf8'),
          ms: Date.now() - started,
          localPort,
        }),
      );
    });
    req.on('socket', (socket) => socket.once('connect', () => (localPort = socket.localPort)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.name === 'AbortError' ? Object.assign(error, { code: `TIMEOUT after ${timeoutMs} ms` }) : error),
    );
    req.end(body);
  });
}

/** The hidden inputs of a form, in document order, as a browser without JavaScript would send them back. */
export type HiddenFields = [name: string, value: string][];
export type CommentForm = HiddenFields;

/** The hidden inputs in `formHtml` (one form's markup, `<form` to `</form>`). */
export function hiddenFields(formHtml: string): HiddenFields {
  return [...formHtml.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value]) => [name!, decodeEntities(value ?? '')]);
}

/** Every form in `html`, as its markup from `<form` to `</form>` (forms do not nest). */
export function formsIn(html: string): string[] {
  return [...html.matchAll(/<form[\s>][\s\S]*?<\/form>/g)].map(([form]) => form);
}

export function readCommentForm(html: string): CommentForm {
  const start = html.indexOf('<form');
  const fields = hiddenFields(html.slice(start, html.indexOf('</form>', start)));
  if (!fields.some(([name]) => name === 'formToken') || !fields.some(([name]) => name.startsWith('$ACTION'))) {
    throw new Error(`no comment form in the page:\n${html.slice(0, 500)}`);
  }
  return fields;
}

export async function fetchCommentForm(app: RunningApp): Promise<CommentForm> {
  const page = await request(app, ARTICLE);
  if (page.status !== 200) throw new Error(`GET ${ARTICLE} answered ${page.status}`);
  return readCommentForm(page.html);
}

export interface Comment {
  body: string;
  ip: string;
}

/** A unique, recognisable comment text and visitor address. */
export function newComment(marker: string): Comment {
  const b = randomBytes(3);
  return { body: `${marker} ${randomBytes(4).toString('hex')}`, ip: `10.${b[0]}.${b[1]}.${b[2]! || 1}` };
}

/** What a browser without JavaScript sends for the comment form: its hidden inputs, then the fields, in page order. */
export function commentFormData(form: CommentForm, comment: Comment): FormData {
  const data = new FormData();
  for (const [name, value] of form) data.append(name, value);
  data.append('contact_me_by_fax_only', '');
  data.append('body', comment.body);
  data.append('authorName', `Reader ${comment.ip}`);
  data.append('authorEmail', `reader-${comment.ip.replaceAll('.', '-')}@example.com`);
  data.append('authorUrl', '');
  return data;
}

/** POSTs the form as a browser without JavaScript does (multipart, same origin). */
export function postComment(app: RunningApp, form: CommentForm, comment: Comment, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Answer> {
  return request(app, ARTICLE, {
    method: 'POST',
    body: commentFormData(form, comment),
    timeoutMs,
    headers: { origin: app.origin, 'x-forwarded-for': comment.ip },
  });
}

export type Outcome = 'stored' | 'refused' | 'error-page' | 'other';

/**
 * stored: 303 to the comment. refused: the article again with the kind, retryable message and the text
 * kept. error-page: a 5xx HTML page (the page itself could not be rendered). other: anything else.
 */
export function outcomeOf(answer: Answer, comment: Comment): Outcome {
  if (answer.status === 303 && /^\/posts\/russia-warns-japan-western-policies-peace-treaty(\?cpage=\d+)?#comment-\d+$/.test(answer.location ?? ''))
    return 'stored';
  if (answer.status === 200 && alertText(answer.html) === SAVE_FAILED_MESSAGE && textareaText(answer.html) === comment.body) return 'refused';
  if (answer.status >= 500 && answer.html.startsWith('<!DOCTYPE html>')) return 'error-page';
  return 'other';
}

export function alertText(html: string): string | undefined {
  const match = /<[a-z]+[^>]*role="alert"[^>]*>([\s\S]*?)<\/[a-z]+>/.exec(html);
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, '').trim()) : undefined;
}

export function textareaText(html: string): string | undefined {
  const match = /<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  return match ? decodeEntities(match[1]!) : undefined;
}

/** Traces of internals that must never reach a visitor. */
export function leaks(html: string): string[] {
  const found: string[] = [];
  if (/ECONN|ETIMEDOUT|EPIPE/.test(html)) found.push('a socket error code');
  if (/prisma/i.test(html)) found.push('"prisma"');
  if (/\bpg_|PostgreSQL|postgres:\/\/|postgresql:\/\//i.test(html)) found.push('database details');
  if (/\bat [^\s<>"]+ \((?:file:\/\/|node:|\/)[^)]*:\d+:\d+\)|\bat (?:file:\/\/|node:|\/)[^\s<>"]+:\d+:\d+/.test(html)) found.push('a stack frame');
  if (/timeout exceeded|Connection terminated|terminating connection|lock timeout|canceling statement/i.test(html)) found.push('a driver message');
  return found;
}

export function decodeEntities(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Polls `check` until it returns true, at most `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
