/**
 * The production server (scripts/server.ts) keeps public pages in memory for a second. Any write a
 * reader should see (a new approved comment, a moderation change, settings) empties it, so this
 * instance shows the change on the next request. Elsewhere (next dev, tests) there is no cache.
 */
export function invalidatePublicPages(): void {
  (globalThis as { __commentaryPageCache?: Map<string, unknown> }).__commentaryPageCache?.clear();
}
