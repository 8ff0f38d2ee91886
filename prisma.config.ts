import { defineConfig } from 'prisma/config';

// The Prisma CLI is only used for `generate` here (migrations run through scripts/db.ts, offline).
// On a machine with internet `prisma migrate deploy` works too and reads the same folder.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
