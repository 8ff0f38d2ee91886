import { db } from '@/server/db';
import { purgeOldBins } from './service';
import { getSettings } from './settings';

export async function purgeExpiredComments(): Promise<number> {
  const { purgeAfterDays } = await getSettings();
  const purged = await purgeOldBins(purgeAfterDays);
  // Expired rate-limit rows are dead weight; rate-limiter-flexible ignores them but never deletes them.
  await db.rateLimit.deleteMany({ where: { expire: { lt: BigInt(Date.now()) } } });
  return purged;
}
