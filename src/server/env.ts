import { z } from 'zod';

/**
 * The app's environment, validated once. `scripts/run.ts` fills DATABASE_URL (embedded PostgreSQL)
 * and AUTH_SECRET (generated once into the data folder) before it starts Next.js, so in the running
 * app both are always present. Mirrored in .env.example.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters'),
  SITE_URL: z.string().url().default('http://localhost:3000'),
  SITE_NAME: z.string().min(1).default('Commentary'),
  /** An IANA zone for the dates pages show. */
  SITE_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'SITE_TIME_ZONE must be an IANA time zone, e.g. Europe/Madrid'),
  /** Keep rate-limit counters in Redis instead of PostgreSQL. */
  REDIS_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(1000).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}\nStart the app with "npm start" or see .env.example.`);
  }
  return parsed.data;
}

// Lazily validated so that `next build` (which imports route modules) needs no database settings.
let cached: Env | undefined;
export const env = new Proxy({} as Env, {
  get(_target, key: string) {
    cached ??= readEnv();
    return cached[key as keyof Env];
  },
});
