/**
 * The life of a resilience test file: its own PostgreSQL (created, migrated, seeded) and the production
 * server on it, started before the file's tests and stopped after them; when a test fails, the app's
 * log is kept and its last lines printed.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp, type RunningApp } from './app';
import { TestPostgres } from './database';

export interface AppWithDatabaseOptions {
  /** Extra environment for every app instance (startApp's `extraEnv`). */
  env?: Record<string, string>;
  /** Comment limits for TestPostgres.prepare (all off unless given). */
  settings?: Parameters<TestPostgres['prepare']>[0];
  /** How many app instances to start on the one database, one after the other (default 1). */
  instances?: number;
}

export interface AppWithDatabase {
  readonly postgres: TestPostgres;
  /** The first (often only) app instance. */
  readonly app: RunningApp;
  /** Every instance, in start order. */
  readonly apps: readonly RunningApp[];
}

/**
 * Registers the file's hooks; call it at the top level of a test file. The getters are valid inside
 * tests and hooks registered after this call (not at the top level, where nothing has started yet).
 */
export function appWithDatabase(options: AppWithDatabaseOptions = {}): AppWithDatabase {
  let postgres: TestPostgres | undefined;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    postgres = await TestPostgres.create();
    await postgres.prepare(options.settings);
    for (let i = 0; i < (options.instances ?? 1); i++) apps.push(await startApp(postgres.url, options.env));
  });

  afterEach(({ task }) => {
    if (task.result?.state !== 'fail' || task.fails) return;
    for (const app of apps) {
      app.keepLog = true;
      console.log(`[app output in ${app.logFile}; last lines]\n${app.output().slice(-2_000)}`);
    }
  });

  afterAll(async () => {
    try {
      await Promise.all(apps.map((app) => app.stop()));
    } finally {
      await postgres?.dispose();
    }
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not running: use it inside tests or hooks, after appWithDatabase()'s beforeAll`);
    return value;
  };
  return {
    get postgres() {
      return started(postgres, 'PostgreSQL');
    },
    get app() {
      return started(apps[0], 'the app');
    },
    get apps() {
      return apps;
    },
  };
}
