/** `npm run db:migrate` and `npm run db:seed`: the start-up steps, alone. */
import { ensureSecrets, loadDotEnv, prepareDatabase, seed } from './lib/setup';

const command = process.argv[2];
loadDotEnv();
ensureSecrets();
const database = await prepareDatabase();
try {
  if (command === 'seed') await seed();
} finally {
  await database?.stop();
}
