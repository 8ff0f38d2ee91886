/**
 * What `npm start` and `npm run dev` do before the app serves: settings (.env, generated secrets), the
 * database (embedded unless DATABASE_URL is set) with its migrations, the sample content, the first
 * admin, and for `start` a build when the sources changed. Leaves the result in process.env.
 */
import { build, needsBuild } from './build';
import type { RunningPostgres } from './postgres';
import { ensureAdmin, ensureSecrets, loadDotEnv, prepareDatabase, seed } from './setup';

/** A failed step whose exit status the caller should exit with (the build's). */
export class PrepareFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Returns the embedded database when one was started (the caller stops it); on failure, stops it itself. */
export async function prepare(mode: 'start' | 'dev'): Promise<RunningPostgres | undefined> {
  loadDotEnv();
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  process.env.SITE_URL ??= `http://localhost:${process.env.PORT ?? '3000'}`;
  ensureSecrets();

  const database = await prepareDatabase();
  try {
    await seed();
    await ensureAdmin({ embedded: Boolean(database) });
    process.env.NEXTAUTH_URL ??= process.env.SITE_URL;
    if (mode === 'start' && needsBuild()) {
      const status = build();
      if (status !== 0) throw new PrepareFailed(`the build failed (exit ${status})`, status);
    }
  } catch (error) {
    await database?.stop();
    throw error;
  }
  return database;
}
