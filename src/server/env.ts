import { z } from 'zod';
import { adminEmailSchema, newPasswordSchema } from '@/lib/schemas/admin';

/**
 * Every environment variable the app and its scripts read, declared and validated here and mirrored in
 * .env.example (env.test.ts compares the two). Nothing else in app/ or src/ reads process.env.
 *
 *  - siteEnv: public settings with defaults and no secrets, validated when this module loads. So they
 *    can be read anywhere: at `next build` (which prerenders /_not-found, and with it the layout) and in
 *    unit tests without any environment; a bad value still stops the build or the server at once.
 *  - env: the site settings plus the secrets and server settings, validated on first use, so `next build`
 *    (which imports route modules) needs no database settings. `scripts/run.ts` fills DATABASE_URL
 *    (embedded PostgreSQL) and AUTH_SECRET (generated once into the data folder) before it starts
 *    Next.js, so in the running app both are always present.
 *  - parseScriptsEnv(): what scripts/ (and Next.js or next-auth themselves) read, never the app.
 *
 * An empty value counts as unset, as `AUTH_SECRET=` copied from .env.example should.
 */

type Source = Record<string, string | undefined>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "is not set" for a missing required value, `message` for a wrong one. */
const required = (message?: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is not set' : message) });
const postgresUrl = () => z.url({ protocol: /^postgres(ql)?$/, ...required('must be a postgresql:// address') });
const port = z.coerce.number().int().min(1).max(65535);

const siteSchema = z.object({
  /** Canonical URLs; an https:// address makes cookies Secure. `npm start` sets http://localhost:$PORT. */
  SITE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. https://blog.example.com' }).default('http://localhost:3000'),
  SITE_NAME: z.string().default('Commentary'),
  /** An IANA zone for the dates pages show. */
  SITE_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Madrid').default('UTC'),
});

const serverSchema = z.object({
  DATABASE_URL: postgresUrl(),
  AUTH_SECRET: z.string(required()).min(32, 'must be at least 32 characters'),
  /** Keep rate-limit counters in Redis instead of PostgreSQL. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// address' }).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(1000).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // The production server (scripts/server.ts) reads these three, in the app's own process.
  PORT: port.default(3000),
  /** A reverse proxy you control sets X-Forwarded-For/-Host/-Proto: believe them. */
  TRUST_PROXY: z
    .enum(['0', '1'], 'must be 1 (behind a proxy you control) or 0')
    .default('0')
    .transform((value) => value === '1'),
  /** How long the production server keeps a public page in memory; 0 turns that cache off. */
  PAGE_CACHE_MS: z.coerce.number().int().min(0).default(500),
});

// Read only by scripts/ (and by Next.js or next-auth themselves): declared so that the list is complete.
const scriptsSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  ADMIN_EMAIL: adminEmailSchema.optional(),
  ADMIN_PASSWORD: newPasswordSchema.optional(),
  /** Read by Next.js: fixes the server action ids a build writes into its forms. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .base64('must be base64: openssl rand -base64 32')
    .refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes: openssl rand -base64 32')
    .optional(),
  /** Read by next-auth; `npm start` sets it to SITE_URL. */
  NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
  /** Next.js's build folder (next.config.mjs); the e2e and resilience suites build into their own. */
  NEXT_DIST_DIR: z.string().default('.next'),
  /** Set by scripts/with-test-db.ts for the integration tests. */
  TEST_DATABASE_SERVER_URL: postgresUrl().optional(),
});

function parse<Schema extends z.ZodObject>(schema: Schema, source: Source, hint = 'See .env.example.'): z.output<Schema> {
  const values = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, source[name] || undefined]));
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}\n${hint}`);
  }
  return parsed.data;
}

export type SiteEnv = z.output<typeof siteSchema>;
export type Env = SiteEnv & z.output<typeof serverSchema>;
export type ScriptsEnv = z.output<typeof scriptsSchema>;

export const parseSiteEnv = (source: Source): SiteEnv => parse(siteSchema, source);
export const parseServerEnv = (source: Source): z.output<typeof serverSchema> =>
  parse(serverSchema, source, 'Start the app with "npm start" (it sets DATABASE_URL and AUTH_SECRET) or see .env.example.');
export const parseScriptsEnv = (source: Source = process.env): ScriptsEnv => parse(scriptsSchema, source);

/** Every name declared here, for the comparison with .env.example. */
export const declaredEnvNames: readonly string[] = [siteSchema, serverSchema, scriptsSchema].flatMap((schema) => Object.keys(schema.shape));

export const siteEnv: Readonly<SiteEnv> = Object.freeze(parseSiteEnv(process.env));

let cached: Env | undefined;
export const env = new Proxy({} as Readonly<Env>, {
  get(_target, key: string) {
    cached ??= { ...siteEnv, ...parseServerEnv(process.env) };
    return cached[key as keyof Env];
  },
});
