import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '@/server/db/migrate';
import { createScratchDatabase } from './helpers/scratch-database';

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratchDatabase(): Promise<string> {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const migrationRows = (url: string) => query<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
const tables = async (url: string) =>
  (await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map(
    (r) => r.table_name,
  );

/** The project's migrations, read independently of the runner: directory names and the raw bytes of each file. */
const projectMigrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => ({
    name,
    checksum: createHash('sha256')
      .update(readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql')))
      .digest('hex'),
  }));

function migrationsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blog-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migrate', () => {
  it('applies every migration to a brand-new database and records each as Prisma Migrate does', async () => {
    expect(projectMigrations.length).toBeGreaterThan(0);
    const url = await scratchDatabase();

    const applied = await migrate(url);

    expect(applied).toEqual(projectMigrations.map((m) => m.name));
    const rows = await migrationRows(url);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(projectMigrations.map((m) => [m.name, m.checksum]));
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
    expect(await tables(url)).toEqual(expect.arrayContaining(['Comment', 'Post', '_prisma_migrations']));
  });

  it('applies nothing on a second run', async () => {
    const url = await scratchDatabase();
    await migrate(url);
    const before = await migrationRows(url);

    expect(await migrate(url)).toEqual([]);
    expect(await migrationRows(url)).toEqual(before);
  });

  it('lets concurrent runs through one at a time, applying each migration once', async () => {
    const url = await scratchDatabase();

    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);

    expect(results.flat().sort()).toEqual(projectMigrations.map((m) => m.name));
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(projectMigrations.map((m) => m.name));
  });

  it('applies migrations in name order and only the new ones later', async () => {
    const url = await scratchDatabase();
    const dir = migrationsFolder({
      '2_second': 'ALTER TABLE "one" ADD COLUMN "b" INTEGER;',
      '1_first': 'CREATE TABLE "one" ("a" INTEGER);',
    });
    expect(await migrate(url, dir)).toEqual(['1_first', '2_second']);

    mkdirSync(path.join(dir, '3_third'));
    writeFileSync(path.join(dir, '3_third', 'migration.sql'), 'CREATE TABLE "three" ("c" INTEGER);');
    expect(await migrate(url, dir)).toEqual(['3_third']);
    expect(await tables(url)).toEqual(['_prisma_migrations', 'one', 'three']);
  });

  it('rolls back a failing migration whole, records nothing for it, and says which one failed', async () => {
    const url = await scratchDatabase();
    const dir = migrationsFolder({
      '1_good': 'CREATE TABLE "good" ("a" INTEGER);',
      '2_bad': 'CREATE TABLE "half" ("a" INTEGER);\nALTER TABLE "missing" ADD COLUMN "b" INTEGER;',
    });

    await expect(migrate(url, dir)).rejects.toThrow(/Migration 2_bad failed: .*"missing"/);

    expect(await tables(url)).toEqual(['_prisma_migrations', 'good']);
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(['1_good']);

    writeFileSync(path.join(dir, '2_bad', 'migration.sql'), 'CREATE TABLE "half" ("a" INTEGER);');
    expect(await migrate(url, dir)).toEqual(['2_bad']);
  });

  it('refuses to go on past a migration recorded as unfinished', async () => {
    const url = await scratchDatabase();
    const dir = migrationsFolder({ '1_first': 'CREATE TABLE "one" ("a" INTEGER);' });
    await migrate(url, dir);
    await query(url, 'UPDATE "_prisma_migrations" SET finished_at = NULL');

    await expect(migrate(url, dir)).rejects.toThrow('Migration 1_first failed earlier and is marked unfinished');
  });

  it('warns, but applies nothing, when an applied migration was edited afterwards', async () => {
    const url = await scratchDatabase();
    const dir = migrationsFolder({ '1_first': 'CREATE TABLE "one" ("a" INTEGER);' });
    await migrate(url, dir);
    writeFileSync(path.join(dir, '1_first', 'migration.sql'), 'CREATE TABLE "one" ("a" BIGINT);');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    cleanups.push(() => warn.mockRestore());

    expect(await migrate(url, dir)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('1_first was edited after it was applied'));
  });
});
