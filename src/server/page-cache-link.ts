import { env } from './env';

/**
 * The link between the app's writes and the production server's page cache (scripts/lib/page-cache.ts).
 * The server connects it at start (connectPageCache); every write a reader should see (an approved
 * comment, a moderation change, settings) calls invalidatePublicPages, so this instance shows the
 * change on the next request. The server and the app are compiled apart (tsx and Next.js's bundler),
 * so the link lives on globalThis under one registered symbol rather than in a module variable.
 */
const LINK = Symbol.for('commentary.page-cache');
type Link = { invalidate(): void };
const registry = globalThis as typeof globalThis & { [LINK]?: Link };

export function connectPageCache(link: Link): void {
  registry[LINK] = link;
}

/**
 * Empties the page cache. In production a missing cache means the app is not running under
 * scripts/server.ts, where readers would be served stale pages: that is an error, not a no-op.
 * Under `next dev` and in tests there is no cache to empty.
 */
export function invalidatePublicPages(): void {
  const link = registry[LINK];
  if (link) return link.invalidate();
  if (env.NODE_ENV === 'production') throw new Error('The page cache is not connected: run the production server with scripts/server.ts (npm start).');
}
