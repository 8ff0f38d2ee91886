/** `npm run db:migrate` and `npm run db:seed`: the start-up steps, alone. */
import { ensureAuthSecret, loadDotEnv, prepareDatabase, seed } from './lib/setup';

const command = process.argv[2];
loadDotEnv();
ensureAuthSecret();
const database = await prepareDatabase();
try {
  if (command === 'seed') await seed();
} finally {
  await database?.stop();
}
