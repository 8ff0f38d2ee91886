import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient } from '../../../src/server/db/client';
import { migrate } from '../../../src/server/db/migrate';
import { seedPosts } from '../../../src/server/posts/seed';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '../../../scripts/lib/postgres';

const DATABASE = 'blog';

/**
 * This file's own embedded PostgreSQL in a temporary folder, which a test may stop and start again
 * (same data folder, same port) to play an outage.
 */
export class TestPostgres {
  private server: RunningPostgres | undefined;

  private constructor(
    readonly folder: string,
    readonly port: number,
  ) {}

  static async create(): Promise<TestPostgres> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'resilience-pg-'));
    // mkdtemp makes it root-only; as root, PostgreSQL runs as `postgres` and must get in.
    chmodSync(folder, 0o755);
    let lastError: unknown;
    // A random port may be taken by another test run: try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      const instance = new TestPostgres(folder, 56_000 + Math.floor(Math.random() * 4_000));
      try {
        await instance.start();
        return instance;
      } catch (error) {
        lastError = error;
      }
    }
    rmSync(folder, { recursive: true, force: true });
    throw lastError;
  }

  get dataDir(): string {
    return path.join(this.folder, 'data');
  }

  /** The app's database; the credentials are the embedded server's fixed ones. */
  get url(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/${DATABASE}`;
  }

  get serverUrl(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await withTimeout(startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port }), 60_000, 'PostgreSQL start');
  }

  /** A clean "fast" shutdown (SIGINT): sessions end, a checkpoint is written. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await withTimeout(server.stop(), 60_000, 'PostgreSQL stop');
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Creates, migrates and seeds the app's database; comment limits off unless a test wants them. */
  async prepare(settings: { minFillSeconds?: number; floodIntervalSeconds?: number; floodMaxPerHour?: number } = {}): Promise<void> {
    await ensureDatabase(this.serverUrl, DATABASE);
    await migrate(this.url);
    const db = createPrismaClient(this.url);
    try {
      await seedPosts(db);
    } finally {
      await db.$disconnect();
    }
    await this.query(
      `INSERT INTO "DiscussionSettings" (id, "updatedAt", "minFillSeconds", "floodIntervalSeconds", "floodMaxPerHour")
       VALUES (1, now(), $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET "updatedAt" = now(), "minFillSeconds" = $1, "floodIntervalSeconds" = $2, "floodMaxPerHour" = $3`,
      [settings.minFillSeconds ?? 0, settings.floodIntervalSeconds ?? 0, settings.floodMaxPerHour ?? 0],
    );
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    const client = await this.connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    await client.connect();
    return client;
  }

  /** How many rows hold each comment text that starts with `prefix`. */
  async countBodies(prefix: string): Promise<Map<string, number>> {
    const rows = await this.query<{ body: string; n: string }>(`SELECT body, count(*) AS n FROM "Comment" WHERE body LIKE $1 GROUP BY body`, [`${prefix}%`]);
    return new Map(rows.map((r) => [r.body, Number(r.n)]));
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
