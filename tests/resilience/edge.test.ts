/**
 * What reaches the production server from the internet, as an outside test sent it (issue #9): headers
 * only Next.js may set, request targets and paths that are not the site's, bodies framed to trip the
 * parser, and streams of distinct URLs. Each case is the request the test sent; each assertion is what
 * a reader, or the attacker, observes.
 */
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../../scripts/lib/nginx';
import { freePort, type RunningApp } from './support/app';
import { appWithDatabase } from './support/lifecycle';
import { ARTICLE, mapBounded, request, type Answer } from './support/visitor';

const site = appWithDatabase();
const TITLE = 'Russia warns that Japan';
/** What the tester's curl sent with the poisoning header. */
const CURL_ENCODING = 'gzip, deflate, br, zstd';

/** Request headers that only Next.js itself sets, or its client router: none may turn a reader's page into something else. */
const INTERNAL_HEADERS: Record<string, string>[] = [
  { 'x-middleware-prefetch': '1' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'x-nextjs-data': '1' },
  { 'x-middleware-invoke': '1' },
  { 'x-invoke-path': '/admin/comments' },
  { 'x-now-route-matches': 'slug=x' },
  { rsc: '1' },
  { rsc: '1', 'next-router-prefetch': '1' },
  { rsc: '1', 'next-router-state-tree': '%5B%22%22%2C%7B%7D%5D' },
  { 'next-url': '/admin' },
];

function expectArticle(answer: Answer, what: string): void {
  expect(answer.status, what).toBe(200);
  expect(String(answer.headers['content-type']), what).toMatch(/^text\/html/);
  expect(answer.html, what).toContain(TITLE);
}

/** The resident memory of a process, in MB. */
function residentMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

describe('a request with a header only Next.js may set', () => {
  for (const page of ['/', ARTICLE]) {
    it(`cannot blank ${page} for the readers after it (finding 1)`, async () => {
      for (const headers of INTERNAL_HEADERS) {
        const label = `${page} after ${JSON.stringify(headers)}`;
        const poisoned = await request(site.app, page, { headers: { ...headers, 'accept-encoding': CURL_ENCODING } });
        // The answer to it is the page, or a router payload marked for nobody else to keep.
        if (!poisoned.headers['content-type']?.startsWith('text/html')) expect(String(poisoned.headers['cache-control']), label).not.toContain('public');
        const readers = await Promise.all([1, 2, 3].map(() => request(site.app, page, { headers: { 'accept-encoding': CURL_ENCODING } })));
        for (const reader of readers) {
          expect(reader.status, label).toBe(200);
          expect(String(reader.headers['content-type']), label).toMatch(/^text\/html/);
          expect(reader.html, label).toContain(page === '/' ? 'Latest articles' : TITLE);
        }
      }
    });
  }

  it('is answered with a page whose Vary names what it varies on', async () => {
    const answer = await request(site.app, ARTICLE, { headers: { 'accept-encoding': 'gzip' } });
    expectArticle(answer, 'the article');
    expect(String(answer.headers['cache-control'])).toMatch(/^public, .*s-maxage=\d+/);
    const vary = String(answer.headers.vary).toLowerCase().split(/,\s*/);
    for (const name of ['accept-encoding', 'cookie', 'rsc', 'next-router-state-tree', 'next-router-prefetch']) expect(vary).toContain(name);
  });

  describe('through deploy/nginx.conf', () => {
    let nginx: RunningNginx;
    let viaNginx: RunningApp;

    beforeAll(async () => {
      nginx = startNginx({ appPort: site.app.port, port: await freePort() });
      viaNginx = { ...site.app, port: nginx.port };
    });
    afterAll(() => nginx?.stop());

    it('cannot blank the article for nginx’s readers either', async () => {
      for (const headers of INTERNAL_HEADERS) {
        const label = `via nginx after ${JSON.stringify(headers)}`;
        await request(viaNginx, ARTICLE, { headers: { ...headers, 'accept-encoding': CURL_ENCODING } });
        for (const reader of await Promise.all([1, 2].map(() => request(viaNginx, ARTICLE, { headers: { 'accept-encoding': CURL_ENCODING } })))) {
          expectArticle(reader, label);
        }
      }
      // And nginx does cache the page for its readers: the recipe still does its job.
      const statuses = new Set<string>();
      for (let i = 0; i < 5; i++) statuses.add(String((await request(viaNginx, ARTICLE)).headers['x-cache-status']));
      expect([...statuses]).toContain('HIT');
    });
  });
});

describe('the page cache under distinct query strings (finding 4)', () => {
  it('serves 10,000 unique ?z= values from one entry, and the server does not grow with them', async () => {
    const before = residentMb(site.app.child.pid!);
    const outcomes = await mapBounded(
      Array.from({ length: 10_000 }, (_, i) => i),
      16,
      async (i) => {
        const answer = await request(site.app, `${ARTICLE}?z=${i}-${Math.random()}`);
        expect(answer.status).toBe(200);
        return String(answer.headers['x-page-cache']);
      },
    );
    const fromCache = outcomes.filter((outcome) => outcome !== 'undefined').length;
    // A render at most each PAGE_CACHE_MS: all but a few dozen come from the one cached copy.
    expect(fromCache).toBeGreaterThan(9_500);
    expect(residentMb(site.app.child.pid!) - before).toBeLessThan(60);
  });
});

/** A POST of `body` in chunks without Content-Length, as a hand-written client may send it. */
function postChunked(app: RunningApp, path: string, contentType: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: app.port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': contentType, origin: app.origin, 'x-forwarded-host': new URL(app.origin).host, 'transfer-encoding': 'chunked' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    for (let offset = 0; offset < body.length; offset += 16 * 1024) req.write(body.subarray(offset, offset + 16 * 1024));
    req.end();
  });
}

describe('bodies', () => {
  const boundary = '----edgeTestBoundary';
  const form = (size: number) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${'x'.repeat(size)}\r\n--${boundary}--\r\n`);

  it('a 400 kB form sent chunked, without Content-Length, gets the 413 sentence (finding 5)', async () => {
    const answer = await postChunked(site.app, ARTICLE, `multipart/form-data; boundary=${boundary}`, form(400 * 1024));
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('This form is too large to be sent.');
    // And with Content-Length, the same.
    const body = new FormData();
    body.append('body', 'x'.repeat(400 * 1024));
    const declared = await request(site.app, ARTICLE, { method: 'POST', body, headers: { origin: site.app.origin } });
    expect(declared.status).toBe(413);
    expect(declared.html).toContain('This form is too large to be sent.');
  });

  it('malformed multipart gets 400 with a sentence, and Next.js never tries to parse it (finding 6)', async () => {
    const cases: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--${boundary}--\r\n`],
      [
        'wrong boundary',
        `multipart/form-data; boundary=other`,
        `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      ],
      ['truncated', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhel`],
      ['empty', `multipart/form-data; boundary=${boundary}`, ''],
    ];
    const logBefore = site.app.output().length;
    for (const [label, contentType, body] of cases) {
      const answer = await postChunked(site.app, ARTICLE, contentType, Buffer.from(body));
      expect(answer.status, label).toBe(400);
      expect(answer.text, label).toContain('The form could not be read');
    }
    expect(site.app.output().slice(logBefore)).not.toContain('Failed to parse body as FormData');
  });
});

describe('request targets and paths', () => {
  it('paths that do not decode, or decode to NUL, get 400/404 without reaching PostgreSQL (finding 7)', async () => {
    const logBefore = site.app.output().length;
    for (const path of ['/posts/%ff', '/posts/%E0%A4%A', '/posts/%00', '/posts/a%00b', '/%ff']) {
      const answer = await request(site.app, path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.html, path).not.toContain('Internal Server Error');
    }
    expect(site.app.output().slice(logBefore)).not.toMatch(/invalid byte sequence|0x00/);
  });

  it('an absolute-form request is refused, not redirected to another host (finding 8)', async () => {
    const answer = await request(site.app, 'http://evil.example/', { headers: { host: new URL(site.app.origin).host } });
    expect(answer.status).toBe(400);
    expect(answer.location).toBeNull();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('an admin form posted to a .rsc path gets a 4xx, not an invariant 500 or the comment page (finding 12)', async () => {
    const body = new FormData();
    body.append('ids', '1');
    const answer = await request(site.app, '/admin/comments.rsc', { method: 'POST', body, headers: { origin: site.app.origin } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.html).not.toContain('Your comment was not posted');
    expect(site.app.output()).not.toContain('InvariantError');
  });

  it('GET of next-auth’s credentials callback answers 404, not 500: the sign-in form is the one way in (finding 12)', async () => {
    const answer = await request(site.app, '/api/auth/callback/credentials');
    expect(answer.status).toBe(404);
    expect(site.app.output()).not.toContain('CLIENT_FETCH_ERROR');
  });

  it('HSTS is sent over https only (finding 12)', async () => {
    const plain = await request(site.app, ARTICLE);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await request(site.app, ARTICLE, { headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
