import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '../../scripts/lib/postgres';
import { serverUrl } from './database';

/** A brand-new, empty database on the test server, for tests that need one of their own (migrations). */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `blog_test_scratch_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(serverUrl(), name);
  return { url: withDatabase(serverUrl(), name), drop: () => dropDatabase(serverUrl(), name) };
}
