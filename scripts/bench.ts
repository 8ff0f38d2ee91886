/**
 * npm run bench [-- --quick]
 *
 * Serves the production build on a fresh benchmark database (embedded unless DATABASE_URL is set),
 * seeded with the article + 100 approved and 20 pending comments and a post with 10,000 approved
 * comments, started as `npm start` starts it (so the processes measured are the ones it leaves
 * running), then loads it on loopback with autocannon, interleaving every target round by round so
 * machine noise hits all alike. Baselines in the same run: the same Next.js server sending a static
 * file of the article's size (the framework's ceiling) and a bare node:http server sending those bytes
 * from memory (the machine's ceiling); through nginx too when it is installed. Prints a table and
 * prepends it to docs/benchmarks.md. A script, not a test: `npm test` times nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { build, needsBuild } from './lib/build';
import { nginxBinary, startNginx, type RunningNginx } from './lib/nginx';
import { ROOT } from './lib/root';
import { createScratchDatabase } from './lib/scratch-db';
import { ensureSecrets, loadDotEnv, seed } from './lib/setup';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 1 : 5;
const ROUNDS = quick ? 1 : 2;
const APP_PORT = 3900;
const MACHINE_PORT = 3901;
const NGINX_PORT = 3980;
const ARTICLE = '/posts/russia-warns-japan-western-policies-peace-treaty';
const BIG_POST = '/posts/bench-ten-thousand-comments';
const CEILING_FILE = path.join(ROOT, 'public', 'bench-ceiling.html');
/** Issue #10: what `npm start` leaves running, summed over its Node processes, after this load. */
const NODE_PROCESSES_TARGET_MB = 400;

interface Measure {
  target: string;
  connections: number;
  rps: number[];
  p50: number[];
  p99: number[];
  bytes: number;
  errors: number;
}

const log = (line: string) => console.log(`[bench] ${line}`);
process.env.NEXT_TELEMETRY_DISABLED = '1';
// As `npm start` does before it builds: the build and the server then share the action key.
loadDotEnv();
ensureSecrets();

if (needsBuild() && build() !== 0) process.exit(1);

const database = await createScratchDatabase('blog_bench');
const children: ChildProcess[] = [];
let nginx: RunningNginx | undefined;
try {
  process.env.DATABASE_URL = database.url;
  await seed(() => {});
  await seedBenchData(database.url);

  // First start: learn the article's bytes, for the static baselines of the same size.
  let app = await startApp();
  const articleHtml = await (await fetch(`http://localhost:${APP_PORT}${ARTICLE}`)).text();
  await stop(app);
  mkdirSync(path.dirname(CEILING_FILE), { recursive: true });
  writeFileSync(CEILING_FILE, articleHtml);
  app = await startApp();
  children.push(app);
  const machine = startMachineCeiling(Buffer.from(articleHtml));
  startBenchNginx(articleHtml);

  const targets: [string, string][] = [
    ['article (100 comments)', `http://localhost:${APP_PORT}${ARTICLE}`],
    ['post with 10,000 comments', `http://localhost:${APP_PORT}${BIG_POST}`],
    ['its last comment page (?cpage=200)', `http://localhost:${APP_PORT}${BIG_POST}?cpage=200`],
    ['index', `http://localhost:${APP_PORT}/`],
    ['framework ceiling (static file via Next.js)', `http://localhost:${APP_PORT}/bench-ceiling.html`],
    ['machine ceiling (node:http from memory)', `http://localhost:${MACHINE_PORT}/`],
  ];
  if (nginx) {
    targets.push(['article through nginx cache', `http://localhost:${NGINX_PORT}${ARTICLE}`]);
    targets.push(['nginx serving the same bytes as a file', `http://localhost:${NGINX_PORT}/bench-file.html`]);
  }

  // Untimed warm-up: a fresh server compiles and caches on its first requests of each page.
  for (const [, url] of targets) await autocannon({ url, connections: 4, amount: 200 });

  const measures = new Map<string, Measure>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, url] of targets) {
      for (const connections of [1, 32]) {
        const result = await autocannon({ url, connections, duration: SECONDS });
        const key = `${name}|${connections}`;
        const m = measures.get(key) ?? { target: name, connections, rps: [], p50: [], p99: [], bytes: 0, errors: 0 };
        m.rps.push(result.requests.average);
        m.p50.push(result.latency.p50);
        m.p99.push(result.latency.p99);
        m.bytes = Math.round(result.throughput.total / Math.max(1, result.requests.total));
        m.errors += result.errors + result.non2xx;
        measures.set(key, m);
      }
    }
    log(`round ${round}/${ROUNDS} done`);
  }

  if (!quick) await writeQueryPlans(database.url);
  const freshness = nginx ? await nginxFreshness(database.url) : null;
  const posting = await benchCommentPosts(database.url);
  const weight = await pageWeight(articleHtml);
  const memory = nodeProcessesRss(app.pid!);
  const report = formatReport([...measures.values()], posting, weight, memory, freshness);
  console.log(`\n${report}`);
  if (!quick) appendToDocs(report);
  machine.close();
} finally {
  for (const child of children) await stop(child);
  nginx?.stop();
  rmSync(CEILING_FILE, { force: true });
  await database.dispose();
}

async function seedBenchData(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Post" (slug, title, dateline, excerpt, body, "publishedAt", "commentsOpen", "updatedAt")
      VALUES ('bench-ten-thousand-comments', 'A post with ten thousand comments', 'BENCHMARK', 'Load test data.',
              'A post for the benchmark.', now() - interval '1 day', true, now())`);
    const comments = (slug: string, count: number, status: string, offset: number) =>
      client.query(
        `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", "authorUrl", body, status, ip, "userAgent", "createdAt", "updatedAt")
         SELECT p.id, 'Reader ' || g, 'reader' || g || '@example.com', CASE WHEN g % 3 = 0 THEN 'https://example.com/' || g END,
                'Comment number ' || g || E'. A realistic paragraph of a few sentences, as readers write them.\nWith a second line.',
                $2::"CommentStatus", '127.0.0.1', 'bench', now() - (($3::int - g) || ' minutes')::interval, now()
         FROM "Post" p, generate_series($4::int, $4::int + $3::int - 1) g WHERE p.slug = $1`,
        [slug, status, count, offset],
      );
    await comments('russia-warns-japan-western-policies-peace-treaty', 100, 'APPROVED', 1);
    await comments('russia-warns-japan-western-policies-peace-treaty', 20, 'PENDING', 1000);
    await comments('bench-ten-thousand-comments', 10_000, 'APPROVED', 2000);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** `npm start` (with the npm that runs this, when there is one): npm → node scripts/start.mjs. */
function startApp(): Promise<ChildProcess> {
  const npm = process.env.npm_execpath;
  const child = spawn(npm ? process.execPath : 'npm', [...(npm ? [npm] : []), 'start'], {
    cwd: ROOT,
    // TRUST_PROXY lets the comment benchmark give each post its own client address (X-Forwarded-For).
    env: { ...process.env, NODE_ENV: 'production', TRUST_PROXY: '1', PORT: String(APP_PORT), SITE_URL: `http://localhost:${APP_PORT}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready on')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`app exited during start-up (${code})`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function startMachineCeiling(bytes: Buffer) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
    res.end(bytes);
  });
  server.listen(MACHINE_PORT);
  return server;
}

/** nginx (Debian package) with deploy/nginx.conf's cache settings, when installed. */
function startBenchNginx(html: string): boolean {
  if (!nginxBinary()) {
    log('nginx not installed: skipping the cache measurements (apt-get install nginx-light)');
    return false;
  }
  nginx = startNginx({
    appPort: APP_PORT,
    port: NGINX_PORT,
    extraLocation: (dir) => {
      writeFileSync(path.join(dir, 'bench-file.html'), html);
      return `location = /bench-file.html { root ${dir}; }`;
    },
  });
  return true;
}

/**
 * How long after a comment is approved readers behind nginx see it: approves held comments in the
 * database, one at a time, and polls the article through nginx every 100 ms until its count shows it.
 */
async function nginxFreshness(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const countShown = async () => Number(/(\d+) comments? on/.exec(await (await fetch(`http://localhost:${NGINX_PORT}${ARTICLE}`)).text())?.[1] ?? -1);
  const delays: number[] = [];
  try {
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const before = await countShown();
      await new Promise((r) => setTimeout(r, 1_000)); // the page is now in nginx's cache, mid-life
      await client.query(
        `UPDATE "Comment" SET status = 'APPROVED' WHERE id = (SELECT c.id FROM "Comment" c JOIN "Post" p ON p.id = c."postId" WHERE p.slug = $1 AND c.status = 'PENDING' ORDER BY c.id LIMIT 1)`,
        [ARTICLE.split('/').pop()],
      );
      const approvedAt = Date.now();
      while ((await countShown()) <= before) {
        if (Date.now() - approvedAt > 30_000) throw new Error('the approved comment did not show through nginx within 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      delays.push(Date.now() - approvedAt);
    }
  } finally {
    await client.end();
  }
  return delays;
}

/** Posts comments through the real server action, as a browser without JavaScript does. */
async function benchCommentPosts(url: string) {
  const page = await (await fetch(`http://localhost:${APP_PORT}${ARTICLE}`)).text();
  const form = page.slice(page.indexOf('<form'), page.indexOf('</form>'));
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value]) => [name!, decodeEntities(value ?? '')]);
  // The form token refuses forms sent back faster than a person could (3 s).
  await new Promise((r) => setTimeout(r, 3_500));
  let sequence = 0;
  const results = [];
  for (const connections of [1, 8]) {
    const result = await autocannon({
      url: `http://localhost:${APP_PORT}${ARTICLE}`,
      connections,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            sequence++;
            const boundary = `----bench${sequence}`;
            const fields = [
              ...hidden,
              ['body', `bench-comment ${sequence}`],
              ['authorName', `Bench ${sequence}`],
              ['authorEmail', `bench${sequence}@example.com`],
              ['authorUrl', ''],
            ];
            const body =
              fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
            return {
              ...request,
              body,
              headers: {
                'content-type': `multipart/form-data; boundary=${boundary}`,
                origin: `http://localhost:${APP_PORT}`,
                // A distinct client address per post: flood control stays on, each "visitor" posts once.
                'x-forwarded-for': `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
              },
            };
          },
        },
      ],
    });
    results.push({
      connections,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      sent: result.requests.total,
      redirected: result['3xx'] ?? 0,
      other: result.non2xx - (result['3xx'] ?? 0) + result.errors,
    });
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stored = Number((await client.query(`SELECT count(*) FROM "Comment" WHERE body LIKE 'bench-comment %'`)).rows[0].count);
  await client.end();
  return { results, stored, attempted: sequence };
}

/** EXPLAIN of the article page's queries (as Prisma sends them) on the post with 10,000 comments. */
async function writeQueryPlans(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT id, "publishedAt" FROM "Post" WHERE slug = 'bench-ten-thousand-comments'`);
  const { id, publishedAt } = rows[0] as { id: number; publishedAt: Date };
  const at = `'${publishedAt.toISOString()}'`;
  const queries: [string, string][] = [
    [
      'the post by slug',
      `SELECT id, slug, title FROM "Post" WHERE slug = 'bench-ten-thousand-comments' AND "publishedAt" IS NOT NULL AND "publishedAt" <= now() LIMIT 1`,
    ],
    [
      'previous post',
      `SELECT id, slug, title FROM "Post" WHERE "publishedAt" IS NOT NULL AND "publishedAt" <= now() AND ("publishedAt" < ${at} OR ("publishedAt" = ${at} AND id < ${id})) ORDER BY "publishedAt" DESC, id DESC LIMIT 1`,
    ],
    ['approved comment count', `SELECT count(*) FROM "Comment" WHERE "postId" = ${id} AND status = 'APPROVED'`],
    [
      'first page of comments',
      `SELECT id, "authorName", "authorUrl", body, "createdAt" FROM "Comment" WHERE "postId" = ${id} AND status = 'APPROVED' ORDER BY "createdAt", id LIMIT 50 OFFSET 0`,
    ],
    [
      'last page of comments',
      `SELECT id, "authorName", "authorUrl", body, "createdAt" FROM "Comment" WHERE "postId" = ${id} AND status = 'APPROVED' ORDER BY "createdAt", id LIMIT 50 OFFSET 9950`,
    ],
    ["the visitor's held comments", `SELECT id FROM "Comment" WHERE "postId" = ${id} AND id IN (1, 2, 3) AND status = 'PENDING' ORDER BY "createdAt", id`],
    [
      'index page',
      `SELECT id, slug, title FROM "Post" WHERE "publishedAt" IS NOT NULL AND "publishedAt" <= now() ORDER BY "publishedAt" DESC, id DESC LIMIT 10`,
    ],
    [
      'posting: has this author an approved comment (approval policy)',
      `SELECT id FROM "Comment" WHERE "authorEmail" = 'reader1@example.com' AND "authorName" = 'Reader 1' AND status = 'APPROVED' LIMIT 1`,
    ],
    ['posting: is this a duplicate or a resubmission', `SELECT id, status, "formNonce" FROM "Comment" WHERE "dedupeKey" = 'x' LIMIT 1`],
  ];
  const sections = [
    '# Query plans',
    '',
    `The article page's and comment posting's queries on the post with 10,000 approved comments, from \`npm run bench\` (${new Date().toISOString().slice(0, 10)}).`,
    'The benchmark has three posts, a table PostgreSQL rightly reads as one page rather than through an index; so the plans are taken',
    'with `enable_seqscan = off`, which shows the index each query uses once its table is large. None reads the comments table in full;',
    'the deepest page of comments (OFFSET 9950) walks the index up to that row; the benchmark times that page too ("its last comment page").',
    '',
  ];
  await client.query('SET enable_seqscan = off');
  for (const [name, sql] of queries) {
    const plan = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    sections.push(`## ${name}`, '', '```sql', sql, '```', '', '```', plan, '```', '');
  }
  await client.end();
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  writeFileSync(path.join(ROOT, 'docs', 'query-plans.md'), sections.join('\n'));
}

function decodeEntities(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#x27;', "'");
}

/** The scripts a current browser loads for a page; it skips `noModule` ones (polyfills for old browsers). */
function loadedScripts(html: string): string[] {
  const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  return [...new Set(tags.filter((attrs) => !/\bnomodule\b/i.test(attrs)).flatMap((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1] ?? []))];
}

async function gzipSizes(scripts: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const src of scripts) sizes.set(src, gzipSync(Buffer.from(await (await fetch(`http://localhost:${APP_PORT}${src}`)).arrayBuffer())).length);
  return sizes;
}

/**
 * The article's HTML and the JavaScript a reader's browser loads for it, gzipped, split into what the
 * index page loads too (the Next.js and React runtime: the index has no client code of ours) and the rest.
 */
async function pageWeight(html: string) {
  const indexHtml = await (await fetch(`http://localhost:${APP_PORT}/`)).text();
  const runtime = new Set(loadedScripts(indexHtml));
  const sizes = await gzipSizes(loadedScripts(html));
  const sum = (only: (src: string) => boolean) => [...sizes].filter(([src]) => only(src)).reduce((total, [, size]) => total + size, 0);
  return {
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gzipSync(html).length,
    scripts: sizes.size,
    scriptGzip: sum(() => true),
    runtimeGzip: sum((src) => runtime.has(src)),
  };
}

interface NodeProcess {
  command: string;
  rssKb: number;
  peakKb: number;
}

/**
 * The Node.js processes in the tree of `rootPid` (npm and what it started), each with its resident
 * memory now (VmRSS) and at its peak (VmHWM), from /proc.
 */
function nodeProcessesRss(rootPid: number): { totalKb: number; processes: NodeProcess[]; server: NodeProcess | undefined } {
  const childrenOf = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const node = realpathSync(process.execPath);
  const processes: NodeProcess[] = [];
  const visit = (pid: number) => {
    try {
      const exe = readlinkSync(`/proc/${pid}/exe`);
      if (exe === node || path.basename(exe) === 'node') {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const command = args
          .filter((arg) => arg && !arg.startsWith('-'))
          .map((arg) => path.basename(arg))
          .join(' ');
        processes.push({ command, rssKb: kb('VmRSS'), peakKb: kb('VmHWM') });
      }
    } catch {
      // gone meanwhile
    }
    for (const child of childrenOf.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  // The first is npm itself; the server is what it started.
  const [npm, ...started] = processes;
  const server = started.sort((a, b) => b.peakKb - a.peakKb)[0] ?? npm;
  return { totalKb: processes.reduce((total, p) => total + p.rssKb, 0), processes, server };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

function formatReport(
  measures: Measure[],
  posting: Awaited<ReturnType<typeof benchCommentPosts>>,
  weight: Awaited<ReturnType<typeof pageWeight>>,
  memory: ReturnType<typeof nodeProcessesRss>,
  freshness: number[] | null,
): string {
  const mb = (kb: number) => Math.round(kb / 1024);
  const withNginx = freshness !== null;
  const get = (target: string, c: number) => measures.find((m) => m.target.startsWith(target) && m.connections === c);
  const rps = (target: string, c: number) => median(get(target, c)?.rps ?? [0]);
  const ratio = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}%` : 'n/a');
  const lines = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, load before run ${os.loadavg()[0]!.toFixed(2)}.`,
    `Command: \`npm run bench${quick ? ' -- --quick' : ''}\`; ${ROUNDS} interleaved round(s) of ${SECONDS} s per target and concurrency, medians shown; autocannon on loopback, no compression.`,
    '',
    '| target | conc. | req/s | p50 ms | p99 ms | bytes | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measures.map(
      (m) => `| ${m.target} | ${m.connections} | ${Math.round(median(m.rps))} | ${median(m.p50)} | ${median(m.p99)} | ${m.bytes} | ${m.errors} |`,
    ),
    '',
    '| ratio (concurrency 32) | value | target |',
    '| --- | ---: | ---: |',
    `| article / framework ceiling | ${ratio(rps('article', 32), rps('framework ceiling', 32))} | ≥ 80% |`,
    `| article / machine ceiling | ${ratio(rps('article', 32), rps('machine ceiling', 32))} | |`,
    `| 10,000-comment post / article | ${ratio(rps('post with 10,000', 32), rps('article', 32))} | ≥ 90% |`,
    `| its last comment page / article | ${ratio(rps('its last comment page', 32), rps('article', 32))} | |`,
    ...(withNginx ? [`| article through nginx cache / nginx file | ${ratio(rps('article through nginx', 32), rps('nginx serving', 32))} | ≥ 80% |`] : []),
    '',
    `Article p99 at concurrency 32: ${median(get('article', 32)?.p99 ?? [0])} ms (target ≤ 50 ms).`,
    '',
    'Comment posts through the server action (no-JavaScript form post; each from its own X-Forwarded-For address, flood control on):',
    '',
    '| conc. | req/s | p50 ms | p99 ms | redirected (stored) | other |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...posting.results.map((r) => `| ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.redirected} | ${r.other} |`),
    '',
    `Rows stored: ${posting.stored} of ${posting.attempted} posts sent (answers still in flight when a run ends are counted as sent).`,
    `Page weight of the article with 100 comments: ${weight.htmlBytes} B HTML (${weight.htmlGzip} B gzipped; WordPress 6.1: 269 kB / 37 kB), ${weight.scripts} scripts, ${weight.scriptGzip} B gzipped JavaScript (target ≤ 100 kB), of which ${weight.runtimeGzip} B is the Next.js/React runtime every page loads (the index page's scripts) and ${weight.scriptGzip - weight.runtimeGzip} B the article's own (comment form).`,
    ...(freshness
      ? [
          `Freshness through nginx: a comment approved in the database (behind the app's back, so its page cache is not emptied either) showed through the nginx cache after ${freshness.map((ms) => `${ms} ms`).join(', ')} (readers polling every 100 ms; bound: app cache 1 s + s-maxage 2 s + one background refresh).`,
        ]
      : []),
    `Node processes of npm start after load: ${mb(memory.totalKb)} MB (target ≤ ${NODE_PROCESSES_TARGET_MB}): ${memory.processes.map((p) => `\`${p.command}\` ${mb(p.rssKb)} MB`).join(', ')}.`,
    `Peak RSS of the app server: ${mb(memory.server?.peakKb ?? 0)} MB.`,
  ];
  return lines.join('\n');
}

function appendToDocs(report: string): void {
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const header = '# Benchmarks\n\nNewest first. Produced by `npm run bench`; see README, "Performance".\n\n';
  const previous = existsSync(file) ? readFileSync(file, 'utf8').replace(header, '') : '';
  writeFileSync(file, `${header}${report}\n\n${previous}`.trimEnd() + '\n');
  log(`written to ${path.relative(ROOT, file)}`);
}
