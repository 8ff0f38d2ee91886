/**
 * The first admin `npm start` creates (scripts/lib/setup.ts): never at a guessable address (pen test
 * finding 3, issue #9), and the generated password is printed once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/server/auth/password';
import { ensureAdmin } from '../scripts/lib/setup';
import { testDb } from './helpers/database';

const saved = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
afterEach(() => {
  for (const [name, value] of [
    ['ADMIN_EMAIL', saved.email],
    ['ADMIN_PASSWORD', saved.password],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Runs ensureAdmin and returns what it printed. */
async function start(env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }, embedded = true): Promise<string> {
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  Object.assign(process.env, env);
  const lines: string[] = [];
  await ensureAdmin({ embedded }, (line: string) => lines.push(line));
  return lines.join('\n');
}

async function expectPrintedSignIn(printed: string, email: string): Promise<void> {
  expect(printed).toContain(`email       ${email}`);
  const password = /password {4}(\S+)/.exec(printed)?.[1];
  const admin = await testDb.adminUser.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
  expect(await verifyPassword(admin.passwordHash, password!)).toBe(true);
}

describe('ensureAdmin', () => {
  it('gives the embedded default’s first admin a random address, not admin@example.com', async () => {
    const printed = await start({});
    const admins = await testDb.adminUser.findMany({ select: { email: true } });
    expect(admins).toHaveLength(1);
    const email = admins[0]!.email;
    expect(email).not.toBe('admin@example.com');
    expect(email).toMatch(/^admin-[0-9a-f]{12}@example\.com$/);
    await expectPrintedSignIn(printed, email);

    // Another installation gets another address; a restart creates nothing more.
    expect(await start({})).toBe('');
    await testDb.adminUser.deleteMany();
    await start({});
    expect((await testDb.adminUser.findFirstOrThrow()).email).not.toBe(email);
  });

  it('creates the installer’s ADMIN_EMAIL with a generated password when ADMIN_PASSWORD is not set, once', async () => {
    const printed = await start({ ADMIN_EMAIL: 'Owner@Example.org' }, false);
    await expectPrintedSignIn(printed, 'owner@example.org');
    const { passwordHash } = await testDb.adminUser.findUniqueOrThrow({ where: { email: 'owner@example.org' } });

    // Later starts leave that admin (and the password they were given) alone.
    expect(await start({ ADMIN_EMAIL: 'owner@example.org' }, false)).toBe('');
    expect((await testDb.adminUser.findUniqueOrThrow({ where: { email: 'owner@example.org' } })).passwordHash).toBe(passwordHash);
  });

  it('still creates nothing on an external database without ADMIN_EMAIL', async () => {
    expect(await start({}, false)).toBe('');
    expect(await testDb.adminUser.count()).toBe(0);
  });
});
