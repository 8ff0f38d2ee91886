/**
 * The production server (scripts/server.ts, scripts/lib/page-cache.ts) keeps public pages in memory
 * for under a second. Any write a reader should see (a new approved comment, a moderation change, settings)
 * empties it, so this instance shows the change on the next request. Elsewhere (next dev, tests)
 * there is no cache and no hook.
 */
export function invalidatePublicPages(): void {
  (globalThis as { __commentaryInvalidatePages?: () => void }).__commentaryInvalidatePages?.();
}
