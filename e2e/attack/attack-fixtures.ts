import { randomBytes } from 'node:crypto';
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import { expect, randomIp, test as adminTest } from '../admin/admin-fixtures';

export { expect, randomIp };

/**
 * The attack suite's fixtures: everything of e2e/admin/admin-fixtures.ts (posts and comments that
 * clean up after themselves, a signed-in admin, the site lock held shared so no other test changes
 * the discussion settings under us) plus `http`, a bare HTTP client with no default headers, so each
 * request says itself which client address (X-Forwarded-For) and origin it comes from.
 */
export const test = adminTest.extend<{ http: APIRequestContext; origin: string }>({
  origin: async ({ baseURL }, provide) => {
    await provide(new URL(baseURL!).origin);
  },
  http: async ({ playwright, baseURL }, provide) => {
    // Connection: close on every request, so no socket is ever reused: a request sent on a kept-alive
    // socket at the moment the server closes it as idle (scripts/server.ts: keepAliveTimeout 5 s) dies
    // with ECONNRESET, a client-side race that browsers paper over by retrying and this client does not.
    const http = await playwright.request.newContext({ baseURL, timeout: 90_000, extraHTTPHeaders: { Connection: 'close' } });
    await provide(http);
    await http.dispose();
  },
});

/**
 * Retries once when a request died on a kept-alive socket the server had just closed as idle
 * (ECONNRESET before any response: the server never saw the request, so sending it again is safe).
 */
export async function retryOnReset<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return send();
  }
}

/** Text a server must never send to a browser: pieces of stack traces, driver or ORM internals. */
export const LEAK_PATTERNS: RegExp[] = [
  /\bat (?:async )?[\w$.<>[\]]+ \((?:file:|\/|node:)/, // "at fn (/path/file.js:1:2)"
  /\bat (?:file:\/\/|\/)[^\s"]+:\d+:\d+/, // "at /path/file.js:1:2"
  /node_modules\//,
  /\/work\/|\/tmp\/|\/home\//,
  /PrismaClient\w*Error|Invalid `prisma\.|prisma\.\w+\.\w+\(\)/,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /,
  /invalid byte sequence for encoding|violates (?:not-null|unique|check) constraint|duplicate key value/i,
];

export function expectNoLeak(text: string, where: string): void {
  for (const pattern of LEAK_PATTERNS) expect(text, `${where} leaks ${pattern}`).not.toMatch(pattern);
}

/** The server is still there and well: the index and the health check answer 200. */
export async function expectServerUp(http: APIRequestContext): Promise<void> {
  expect((await http.get('/', { headers: { 'X-Forwarded-For': randomIp() } })).status(), 'GET /').toBe(200);
  const health = await http.get('/api/health');
  expect(health.status(), 'GET /api/health').toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The hidden fields of a server-rendered form (React's $ACTION_* fields, postId, formToken…). */
export function hiddenFields(formHtml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of formHtml.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(input)) continue;
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (name === undefined) continue;
    fields[decodeEntities(name)] = decodeEntities(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  return fields;
}

/** A comment form as a client without JavaScript gets it: the page it is on and its hidden fields. */
export interface RawCommentForm {
  path: string;
  fields: Record<string, string>;
  /** When the server signed the form token (its first part), in ms since the epoch. */
  issuedAt: number;
}

export async function openCommentForm(http: APIRequestContext, path: string): Promise<RawCommentForm> {
  const response = await http.get(path, { headers: { 'X-Forwarded-For': randomIp() } });
  expect(response.status(), `GET ${path}`).toBe(200);
  const html = await response.text();
  const start = html.search(/<form\b[^>]*class="[^"]*\bcomment-form\b/);
  expect(start, `comment form on ${path}`).toBeGreaterThanOrEqual(0);
  const fields = hiddenFields(html.slice(start, html.indexOf('</form>', start)));
  expect(Object.keys(fields), 'the form’s hidden fields').toEqual(expect.arrayContaining(['$ACTION_KEY', 'postId', 'formToken']));
  return { path, fields, issuedAt: Number(fields.formToken!.split('.')[0]) };
}

/**
 * Waits until the form's token is older than the "minimum fill time" (a form sent back sooner is
 * silently filed as spam). The token can then be used for any number of submissions.
 */
export async function waitOutFillTime(form: RawCommentForm, minFillSeconds: number): Promise<void> {
  const wait = form.issuedAt + minFillSeconds * 1000 + 400 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export type FieldValue = string | Buffer;

/** multipart/form-data built by hand, so a test controls every byte (invalid UTF-8 included). */
export function multipart(fields: Array<[string, FieldValue]>): { body: Buffer; contentType: string } {
  const boundary = `----attack${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n`));
    parts.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface RawComment {
  body?: FieldValue;
  authorName?: FieldValue;
  authorEmail?: FieldValue;
  authorUrl?: FieldValue;
}

export interface PostOptions {
  /** The client address; a fresh one by default, so flood control never sees two posts together. */
  ip?: string;
  /** Fields sent after the form's own. */
  extra?: Array<[string, FieldValue]>;
  headers?: Record<string, string>;
}

/** Posts the comment form as a browser without JavaScript does (multipart, same-origin). */
export async function postRawComment(
  http: APIRequestContext,
  origin: string,
  form: RawCommentForm,
  comment: RawComment,
  options: PostOptions = {},
): Promise<APIResponse> {
  const fields: Array<[string, FieldValue]> = [
    ...Object.entries(form.fields),
    ['contact_me_by_fax_only', ''],
    ['body', comment.body ?? 'A comment.'],
    ['authorName', comment.authorName ?? 'Attacker'],
    ['authorEmail', comment.authorEmail ?? `attacker.${randomBytes(4).toString('hex')}@e2e.example.com`],
    ['authorUrl', comment.authorUrl ?? ''],
    ...(options.extra ?? []),
  ];
  const { body, contentType } = multipart(fields);
  return http.post(form.path, {
    data: body,
    headers: { 'Content-Type': contentType, Origin: origin, 'X-Forwarded-For': options.ip ?? randomIp(), ...options.headers },
    maxRedirects: 0,
  });
}

/** The id of the stored comment when the post succeeded (303 to `/posts/<slug>…#comment-<id>`), else null. */
export function createdCommentId(response: APIResponse, slug: string): number | null {
  if (response.status() !== 303) return null;
  const location = response.headers()['location'] ?? '';
  const match = new RegExp(`^/posts/${slug}(?:\\?cpage=\\d+)?#comment-(\\d+)$`).exec(location);
  return match ? Number(match[1]) : null;
}

/**
 * Watches a page for any sign that injected script ran or that injected markup was parsed:
 * dialogs, CSP violations (a blocked inline script or javascript: URL), the markers the payloads set.
 */
export async function watchForXss(page: Page): Promise<{ dialogs: string[]; check: (where: string) => Promise<void> }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      // zod 4 probes whether it may compile validators with `new Function('')`; the CSP says no, and
      // zod falls back. That probe is the app's own code and carries no sample; anything else counts.
      if (e.blockedURI === 'eval' && e.sample === '') return;
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return {
    dialogs,
    async check(where: string) {
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        title: document.title,
        marker: document.querySelectorAll('#xss-marker').length,
        csp: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      }));
      expect(dialogs, `dialogs on ${where}`).toEqual([]);
      expect(state.xss, `window.__xss on ${where}`).toBeUndefined();
      expect(state.title, `document.title on ${where}`).not.toBe('pwned');
      expect(state.marker, `#xss-marker on ${where}`).toBe(0);
      expect(state.csp, `CSP violations on ${where}`).toEqual([]);
    },
  };
}

export interface ScriptCensus {
  /** Same-origin script files, by path. */
  external: string[];
  /** Inline scripts that are not Next.js's own RSC payload chunks. */
  otherInline: number;
  /** Scripts that carry neither the page's nonce nor a same-origin /_next/ source. */
  unsigned: string[];
}

/** What scripts a page has: each must be Next.js's own (nonce'd, or a /_next/static file). */
export async function scriptCensus(page: Page, nonce: string): Promise<ScriptCensus> {
  return page.evaluate((nonce) => {
    const scripts = [...document.querySelectorAll('script')];
    const external = scripts
      .filter((s) => s.src)
      .map((s) => new URL(s.src).pathname)
      .sort();
    const otherInline = scripts.filter((s) => !s.src && !/^\s*\(?self\.__next_f/.test(s.textContent ?? '')).length;
    const unsigned = scripts
      .filter((s) => !(s.src ? new URL(s.src).origin === location.origin && new URL(s.src).pathname.startsWith('/_next/') : s.nonce === nonce))
      .map((s) => s.outerHTML.slice(0, 200));
    return { external, otherInline, unsigned };
  }, nonce);
}

/** The nonce of a page's CSP header. */
export function cspNonce(csp: string | undefined): string {
  const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
  expect(nonce, 'a CSP nonce').toBeTruthy();
  return nonce!;
}
