import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declaredEnvNames, parseScriptsEnv, parseServerEnv, parseSiteEnv } from './env';

/** Every `NAME=` or `# NAME=` line of .env.example. */
function namesInEnvExample(): string[] {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return [...text.matchAll(/^#?[ \t]*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
}

const SITE_NAMES = ['SITE_URL', 'SITE_NAME', 'SITE_TIME_ZONE'] as const;
const SERVER_MINIMUM = { DATABASE_URL: 'postgresql://blog@127.0.0.1:5432/blog', AUTH_SECRET: 'a'.repeat(32) };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('.env.example and src/server/env.ts', () => {
  it('list the same variables', () => {
    const listed = namesInEnvExample();
    expect({
      'in .env.example, not declared in env.ts': listed.filter((name) => !declaredEnvNames.includes(name)),
      'declared in env.ts, not in .env.example': declaredEnvNames.filter((name) => !listed.includes(name)),
    }).toEqual({ 'in .env.example, not declared in env.ts': [], 'declared in env.ts, not in .env.example': [] });
  });

  it('declare each variable once', () => {
    expect(declaredEnvNames.filter((name, i) => declaredEnvNames.indexOf(name) !== i)).toEqual([]);
    const listed = namesInEnvExample();
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });
});

describe('the site settings', () => {
  it('have their defaults in an empty environment, where an empty value counts as unset', () => {
    const defaults = { SITE_URL: 'http://localhost:3000', SITE_NAME: 'Commentary', SITE_TIME_ZONE: 'UTC' };
    expect(parseSiteEnv({})).toEqual(defaults);
    expect(parseSiteEnv({ SITE_URL: '', SITE_NAME: '', SITE_TIME_ZONE: '' })).toEqual(defaults);
  });

  it('take valid values', () => {
    const values = { SITE_URL: 'https://blog.example.com', SITE_NAME: 'Notes', SITE_TIME_ZONE: 'Europe/Madrid' };
    expect(parseSiteEnv(values)).toEqual(values);
    // The address npm start and the test suites use: a host without a dot, and a port.
    expect(parseSiteEnv({ SITE_URL: 'http://localhost:3100' }).SITE_URL).toBe('http://localhost:3100');
    expect(parseSiteEnv({ SITE_URL: 'http://127.0.0.1:3000' }).SITE_URL).toBe('http://127.0.0.1:3000');
  });

  it('refuse a bad time zone or address, naming the variable and pointing at .env.example', () => {
    expect(() => parseSiteEnv({ SITE_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/✖ must be an IANA time zone[^]*→ at SITE_TIME_ZONE[^]*\.env\.example/);
    for (const url of ['blog.example.com', 'ftp://blog.example.com', 'javascript:alert(1)']) {
      expect(() => parseSiteEnv({ SITE_URL: url }), url).toThrow(/✖ must be an http:\/\/ or https:\/\/ address[^\n]*\n {2}→ at SITE_URL[^]*\.env\.example/);
    }
  });

  it('are read when the module loads, without secrets; a bad one stops the import', async () => {
    for (const name of [...SITE_NAMES, 'DATABASE_URL', 'AUTH_SECRET']) vi.stubEnv(name, undefined);
    const loaded = await import('./env');
    expect(loaded.siteEnv.SITE_NAME).toBe('Commentary');
    expect(() => loaded.env.AUTH_SECRET).toThrow(/✖ is not set\n {2}→ at DATABASE_URL\n✖ is not set\n {2}→ at AUTH_SECRET/);

    vi.resetModules();
    vi.stubEnv('SITE_TIME_ZONE', 'Nowhere/Special');
    await expect(import('./env')).rejects.toThrow(/✖ must be an IANA time zone[^]*→ at SITE_TIME_ZONE/);
  });
});

describe('the server settings', () => {
  it('need DATABASE_URL and AUTH_SECRET, and have defaults for the rest', () => {
    expect(() => parseServerEnv({})).toThrow(/✖ is not set\n {2}→ at DATABASE_URL\n✖ is not set\n {2}→ at AUTH_SECRET/);
    expect(parseServerEnv(SERVER_MINIMUM)).toEqual({
      ...SERVER_MINIMUM,
      DATABASE_POOL_MAX: 10,
      NODE_ENV: 'development',
      PORT: 3000,
      TRUST_PROXY: false,
      PAGE_CACHE_MS: 500,
    });
  });

  it('refuse wrong values by name', () => {
    const wrong = { AUTH_SECRET: 'short', REDIS_URL: 'http://cache', DATABASE_POOL_MAX: '0', TRUST_PROXY: 'yes', PAGE_CACHE_MS: 'soon', PORT: '70000' };
    const error = (() => {
      try {
        parseServerEnv({ ...SERVER_MINIMUM, ...wrong });
      } catch (thrown) {
        return String(thrown);
      }
    })();
    for (const name of Object.keys(wrong)) expect(error).toMatch(new RegExp(`\n {2}→ at ${name}\\b`));
    expect(error).not.toContain('short'); // a secret's value is never echoed
    expect(parseServerEnv({ ...SERVER_MINIMUM, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
  });
});

describe('the scripts settings', () => {
  it('have their defaults, and refuse an admin password the sign-in form would refuse', () => {
    expect(parseScriptsEnv({})).toMatchObject({ DATA_DIR: '.data', EMBEDDED_PG_PORT: 54329, NEXT_DIST_DIR: '.next' });
    expect(() => parseScriptsEnv({ ADMIN_PASSWORD: 'too short' })).toThrow(/✖ Use at least 12 characters\.\n {2}→ at ADMIN_PASSWORD/);
  });
});
