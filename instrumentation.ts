/**
 * Runs once when a server instance starts: deletes spam and trash past the configured age, now and
 * every hour. Several instances may each run it; the DELETE is idempotent.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.DATABASE_URL) return;
  const { purgeExpiredComments } = await import('./src/server/moderation/purge');
  const run = () => purgeExpiredComments().catch((error) => console.error('[purge] failed:', error.message));
  void run();
  setInterval(run, 60 * 60 * 1000).unref();
}
