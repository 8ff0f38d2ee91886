import pg from 'pg';
import { poolLimits } from './client';

/** A small plain pg pool for rate-limiter-flexible, which speaks to PostgreSQL directly. */
export function createSmallPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, ...poolLimits, max: 3 });
  pool.on('error', (error) => console.error('[db] idle rate-limit connection failed', error.message));
  return pool;
}
