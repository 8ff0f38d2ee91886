/**
 * `npm start`: the blog in one long-lived process, plain JavaScript, no TypeScript loader.
 *  1. The start-up steps (settings, database, migrations, sample content, admin, build if the
 *     sources changed) run in a short-lived child, scripts/start-prepare.ts, which exits before the
 *     web server loads, so nothing they load stays in memory here.
 *  2. This process takes the environment they produced and serves the compiled web server
 *     (scripts/server.ts, compiled into <distDir>/web-server/ by the build).
 *  3. On SIGINT/SIGTERM the server stops accepting connections and finishes in-flight requests;
 *     then the embedded PostgreSQL the child started, if any, is stopped, and this process exits.
 * package.json runs it as `exec env MALLOC_ARENA_MAX=2 node --max-old-space-size=1536 --max-semi-space-size=8`:
 *  - `exec`: npm's own process is our parent (no shell between) and passes SIGTERM on to us;
 *  - the rest keeps memory down at the same throughput (measured under the bench's load, issue #10):
 *    two malloc arenas instead of one per thread, V8's young generation at 8 MB semi-spaces instead of
 *    16, and an old-generation limit under 2 GB, which makes V8 grow the heap by less than 4× its live size.
 *    The test suites read them from package.json (lib/compile-server.mjs, serverProcess()).
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverBundle } from './lib/compile-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const STOP_TIMEOUT_MS = 60_000;

/** @type {{ env: Record<string, string>, embedded?: { pid: number, dataDir: string } }} */
const prepared = await new Promise((resolve) => {
  let message;
  const child = fork(path.join(ROOT, 'scripts/start-prepare.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  child.on('message', (value) => (message = value));
  child.on('exit', (code) => {
    if (code === 0 && message) resolve(message);
    else process.exit(code || 1);
  });
});
Object.assign(process.env, prepared.env);

let embedded = prepared.embedded;
// If this process dies before it stops the database itself, the database still gets its "fast
// shutdown" signal (as scripts/lib/postgres.ts does for the process that starts it).
process.on('exit', () => embedded && signal(embedded.pid, 'SIGINT'));

/** SIGINT ("fast shutdown"), then waits until the server is gone: its postmaster.pid is removed. */
async function stopEmbedded() {
  if (!embedded) return;
  const { pid, dataDir } = embedded;
  embedded = undefined;
  signal(pid, 'SIGINT');
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (running(pid, pidFile)) {
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL (pid ${pid}) still running after ${STOP_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log('[db] embedded PostgreSQL stopped');
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Its pid file still names it (PostgreSQL deletes the file last), and it is not a zombie left for init to reap. */
function running(pid, pidFile) {
  try {
    if (Number(readFileSync(pidFile, 'utf8').split('\n')[0]) !== pid) return false;
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (existsSync(stat)) return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

try {
  const { startServer } = await import(pathToFileURL(serverBundle()).href);
  await startServer({ port: Number(process.env.PORT ?? 3000), afterDrain: stopEmbedded });
} catch (error) {
  console.error('[app] could not start:', error);
  await stopEmbedded();
  process.exit(1);
}
