/**
 * Password guessing (pen test findings 2, 3 and 9, issue #9), against the store the environment
 * configures: PostgreSQL's rate_limits table, or Redis with REDIS_URL (`.ci/run` runs both).
 * - An attempt is taken from the allowances before its password is checked, so a parallel burst
 *   cannot outrun a count that was read first and written later.
 * - Refusals are per address and per address+account; per account, failures only slow sign-in
 *   down, so strangers cannot lock the owner out.
 * - The password-change form takes from the same allowances.
 */
import { describe, expect, it } from 'vitest';
import { verifyAdminLogin, type LoginResult } from '@/server/auth/login';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { changeAdminPassword, type PasswordChange } from '@/server/auth/password-change';
import { LOGIN_DELAY_MS_PER_FAILURE } from '@/server/rate-limit';
import { testDb } from './helpers/database';
import { requestMeta } from './helpers/fixtures';

const PASSWORD = 'correct horse battery staple';
const INVALID: LoginResult = { ok: false, reason: 'invalid' };
const LOCKED: LoginResult = { ok: false, reason: 'locked' };

async function createAdmin(email = 'owner@example.com') {
  return testDb.adminUser.create({ data: { email, name: 'Owner', passwordHash: await hashPassword(PASSWORD) }, select: { id: true, email: true } });
}

/** A client address no other attempt in this run uses. */
const newAddress = () => requestMeta().ip;

const signIn = (email: string, password: string, ip: string) => verifyAdminLogin({ email, password }, ip);
const answer = (result: LoginResult | PasswordChange) => (result.ok ? 'ok' : result.reason);

describe('sign-in limits', () => {
  it('let a burst of 30 parallel attempts from one address check at most 5 passwords; the right one, once they are used, is refused', async () => {
    const admin = await createAdmin();
    const ip = newAddress();
    const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong guess ${i}`), PASSWORD];

    const results = await Promise.all(passwords.map((password) => signIn(admin.email, password, ip)));

    // Every answer but 'locked' means the password was checked.
    const checked = results.filter((r) => answer(r) !== 'locked');
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.at(-1)).toEqual(LOCKED);
    expect(await signIn(admin.email, PASSWORD, ip)).toEqual(LOCKED);
  });

  it('let the owner sign in from a clean address after strangers failed from five others: slowed down, not locked out', async () => {
    const admin = await createAdmin();
    const strangers = Array.from({ length: 5 }, newAddress);
    expect(await Promise.all(strangers.map((ip, i) => signIn(admin.email, `stranger guess ${i}`, ip)))).toEqual(strangers.map(() => INVALID));

    const started = Date.now();
    expect(await signIn(admin.email, PASSWORD, newAddress())).toMatchObject({ ok: true, admin: { id: admin.id, email: admin.email } });
    // Five recent failures on the account make every attempt on it wait (timers never fire early).
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * LOGIN_DELAY_MS_PER_FAILURE - 5);
  });

  it('lock an account for the address that failed on it five times, even with the right password, and only there', async () => {
    const admin = await createAdmin();
    const other = await createAdmin('other@example.com');
    const ip = newAddress();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(answer(await signIn(admin.email, `guess ${i}`, ip)));
    expect(answers).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'locked']);
    expect(await signIn(admin.email, PASSWORD, ip)).toEqual(LOCKED);

    // The same address may still sign in to another account, and the owner from elsewhere.
    expect(answer(await signIn(other.email, PASSWORD, ip))).toBe('ok');
    expect(answer(await signIn(admin.email, PASSWORD, newAddress()))).toBe('ok');
  });

  it('lock an address out of every account after 20 failures, however they are spread', async () => {
    const admin = await createAdmin();
    const ip = newAddress();
    // Four guesses at each of five unknown accounts: under each account's limit of 5 for this address.
    const accounts = Array.from({ length: 5 }, (_, i) => `nobody${i}@example.com`);
    const answers = await Promise.all(
      accounts.map(async (email) => {
        const mine: string[] = [];
        for (let i = 0; i < 4; i++) mine.push(answer(await signIn(email, `guess ${i}`, ip)));
        return mine;
      }),
    );
    expect(answers.flat()).toEqual(Array.from({ length: 20 }, () => 'invalid'));
    expect(await signIn(admin.email, PASSWORD, ip)).toEqual(LOCKED);
  });

  it('give the attempt back on the right password, so an admin who signs in often is never locked out', async () => {
    const admin = await createAdmin();
    const ip = newAddress();
    for (let i = 0; i < 4; i++) expect(await signIn(admin.email, `typo ${i}`, ip)).toEqual(INVALID);
    for (let i = 0; i < 3; i++) expect(answer(await signIn(admin.email, PASSWORD, ip))).toBe('ok');
    expect(await signIn(admin.email, 'one more typo', ip)).toEqual(INVALID);
  });

  it('answer an unknown email like a wrong password, and count it the same', async () => {
    await createAdmin();
    const ip = newAddress();
    for (let i = 0; i < 5; i++) expect(await signIn('nobody@example.com', PASSWORD, ip)).toEqual(INVALID);
    expect(await signIn('nobody@example.com', PASSWORD, ip)).toEqual(LOCKED);
  });
});

describe('the password-change form', () => {
  const NEW_PASSWORD = 'a brand new passphrase';

  async function passwordStillWorks(id: number): Promise<boolean> {
    const { passwordHash } = await testDb.adminUser.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
    return verifyPassword(passwordHash, PASSWORD);
  }

  it('answers at most five guesses at the current password from one session; then even the right one is refused', async () => {
    const admin = await createAdmin();
    const ip = newAddress();
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) answers.push(answer(await changeAdminPassword(admin, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }, ip)));
    expect(answers).toEqual([...Array.from({ length: 5 }, () => 'invalid'), ...Array.from({ length: 7 }, () => 'locked')]);

    expect(await changeAdminPassword(admin, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, ip)).toEqual({ ok: false, reason: 'locked' });
    expect(await passwordStillWorks(admin.id)).toBe(true);
  });

  it('takes from the same allowance as signing in', async () => {
    const admin = await createAdmin();
    const ip = newAddress();
    for (let i = 0; i < 3; i++) expect(await signIn(admin.email, `guess ${i}`, ip)).toEqual(INVALID);
    for (let i = 0; i < 2; i++)
      expect(answer(await changeAdminPassword(admin, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }, ip))).toBe('invalid');
    expect(await signIn(admin.email, PASSWORD, ip)).toEqual(LOCKED);
  });

  it('still changes the password with the right current one', async () => {
    const admin = await createAdmin();
    const before = await testDb.adminUser.findUniqueOrThrow({ where: { id: admin.id }, select: { sessionVersion: true } });
    const change = await changeAdminPassword(admin, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, newAddress());
    expect(change).toEqual({ ok: true, sessionVersion: before.sessionVersion + 1 });
    expect(await passwordStillWorks(admin.id)).toBe(false);
    expect(answer(await signIn(admin.email, NEW_PASSWORD, newAddress()))).toBe('ok');
  });
});
