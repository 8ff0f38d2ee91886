import { db } from '@/server/db';

/** For load balancers: 200 when the app can reach PostgreSQL, 503 when it cannot. */
export async function GET() {
  const started = Date.now();
  let database: 'up' | 'down' = 'up';
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    database = 'down';
  }
  const body = { status: database === 'up' ? 'ok' : 'degraded', database, latencyMs: Date.now() - started };
  return Response.json(body, { status: database === 'up' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
