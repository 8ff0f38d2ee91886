import type { APIRequestContext, Page } from '@playwright/test';
import { hiddenFields, multipart } from '../attack/attack-fixtures';
import { errorNotice, expect, notice, randomIp, sessionCookie, signIn, signOut, test, type TestAdmin } from './admin-fixtures';

// Sign-in attempts are refused per client address (20 per 15 minutes) and per address and account
// (5); an account's failures from every address only slow its sign-ins down (src/server/rate-limit.ts).
// Each test sends its own X-Forwarded-For (see admin-fixtures.ts) and uses its own accounts, so these
// tests never lock another test out.

const WRONG = 'The email address or password is not right.';
const LOCKED = 'Too many failed sign-in attempts. Please try again later (in 15 minutes).';

async function tryToSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectRefused(page: Page, message: string): Promise<void> {
  await expect(errorNotice(page)).toHaveText(message);
  await expect(page).toHaveURL('/admin/login');
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('next-auth.session-token');
}

/**
 * Signs in by posting the sign-in form without JavaScript, as a script would: 'signed in' when the
 * answer sets a session cookie, else the words the form shows. The server refuses POSTs without a
 * same-site Origin, so the script sends one.
 */
async function formSignIn(request: APIRequestContext, email: string, password: string): Promise<string> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const page = await (await request.get('/admin/login')).text();
  const start = page.indexOf('<form');
  const fields = Object.entries(hiddenFields(page.slice(start, page.indexOf('</form>', start))));
  const { body, contentType } = multipart([...fields, ['email', email], ['password', password]]);
  const response = await request.post('/admin/login', { data: body, headers: { 'content-type': contentType, Origin: origin }, maxRedirects: 0 });
  if ((response.headers()['set-cookie'] ?? '').includes('next-auth.session-token=')) return 'signed in';
  const alert = /role="alert"[^>]*>([^<]*)</.exec(await response.text())?.[1];
  return alert ?? `no answer (${response.status()})`;
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/admin/comments');
  await expect(page).toHaveURL('/admin/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}

test('an admin signs in, finds the admin pages, and signs out', async ({ page, createAdmin }) => {
  const admin = await createAdmin();
  await expectSignedOut(page);

  await signIn(page, admin);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'next-auth.session-token');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

  // Signed in, the sign-in page and /admin lead to the moderation screen.
  await page.goto('/admin/login');
  await expect(page).toHaveURL('/admin/comments');
  await page.goto('/admin');
  await expect(page).toHaveURL('/admin/comments');
  await page.goto('/admin/settings');
  const nav = page.getByRole('navigation', { name: 'Admin' });
  for (const link of ['Comments', 'Posts', 'Settings', 'Audit log', 'Account']) await expect(nav.getByRole('link', { name: link })).toBeVisible();
  await nav.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByText(`Signed in as ${admin.name} (${admin.email}).`)).toBeVisible();

  await signOut(page, admin);
  await expect(nav).toHaveCount(0);
  await expectSignedOut(page);
});

test('a wrong password and an unknown email get the same answer', async ({ page, createAdmin, uid }) => {
  const admin = await createAdmin();

  await tryToSignIn(page, admin.email, `${admin.password}-not`);
  await expectRefused(page, WRONG);
  // The email stays typed in; the password does not.
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(admin.email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  await tryToSignIn(page, `nobody.${uid}@admin.e2e.example.com`, admin.password);
  await expectRefused(page, WRONG);

  // Addresses are matched without regard to case, and the right password still works.
  await signIn(page, { email: admin.email.toUpperCase(), password: admin.password });
});

test('five failures lock the account for that address, even with the right password, but not for a clean one', async ({ page, createAdmin, newContext }) => {
  const admin = await createAdmin('Locked');
  const bystander = await createAdmin('Bystander');

  for (let attempt = 1; attempt <= 5; attempt++) {
    await tryToSignIn(page, admin.email, `wrong-${attempt}`);
    await expectRefused(page, WRONG);
  }
  await tryToSignIn(page, admin.email, admin.password);
  await expectRefused(page, LOCKED);

  // From an address without failures the right password still works: strangers cannot lock the owner out…
  const elsewhere = await (await newContext({ ip: randomIp() })).newPage();
  await signIn(elsewhere, admin);

  // …and five failures on one account do not lock that address out of another.
  await signIn(page, bystander);
});

test('strangers failing from five addresses do not lock the owner out: the form lets them in, in a browser and from a script at a clean address', async ({
  page,
  createAdmin,
  newContext,
}) => {
  const admin = await createAdmin('Owner');
  for (let stranger = 1; stranger <= 5; stranger++) {
    const guesser = await (await newContext({ ip: randomIp() })).newPage();
    await tryToSignIn(guesser, admin.email, `stranger-guess-${stranger}`);
    await expectRefused(guesser, WRONG);
  }

  // This test's own address has not failed: merely slowed down, the owner gets in.
  await signIn(page, admin);
  const script = (await newContext({ ip: randomIp() })).request;
  expect(await formSignIn(script, admin.email, admin.password)).toBe('signed in');
});

test('a burst of 30 parallel sign-ins from one address checks at most five passwords, and the right one among them is refused', async ({
  createAdmin,
  newContext,
}) => {
  const admin = await createAdmin('Burst');
  const attacker = (await newContext()).request;

  // 29 wrong passwords and, sent last, the right one, all at once.
  const passwords = [...Array.from({ length: 29 }, (_, i) => `guess-${i}`), admin.password];
  const answers = await Promise.all(passwords.map((password) => formSignIn(attacker, admin.email, password)));
  // Every answer but LOCKED means a password was checked.
  expect(answers).toContain(WRONG);
  expect(answers.filter((a) => a !== LOCKED).length).toBeLessThanOrEqual(5);
  expect(answers.at(-1)).toBe(LOCKED);
  expect(await formSignIn(attacker, admin.email, admin.password)).toBe(LOCKED);
});

test('next-auth’s own sign-in endpoints are not there: the form is the one way in', async ({ createAdmin, newContext }) => {
  const admin = await createAdmin('Endpoint');
  const script = (await newContext()).request;
  const origin = new URL(test.info().project.use.baseURL!).origin;
  for (const path of ['/api/auth/csrf', '/api/auth/providers', '/api/auth/signin', '/api/auth/session'])
    expect((await script.get(path)).status(), path).toBe(404);
  const callback = await script.post('/api/auth/callback/credentials', {
    form: { email: admin.email, password: admin.password, json: 'true' },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(callback.status()).toBe(404);
  expect(callback.headers()['set-cookie'] ?? '').not.toContain('next-auth.session-token');
});

test('signing out ends every session of that admin, and a saved cookie no longer works', async ({ page, createAdmin, newContext }) => {
  const admin = await createAdmin();
  await signIn(page, admin);
  const laptop = await (await newContext()).newPage();
  await signIn(laptop, admin);
  const captured = await sessionCookie(page.context());

  await signOut(page, admin);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('next-auth.session-token');

  // The other browser is signed out too.
  await expectSignedOut(laptop);

  // Replaying the cookie from before the sign-out, in a fresh browser, gets nowhere.
  const replay = await newContext();
  await replay.addCookies([{ name: 'next-auth.session-token', value: captured, url: test.info().project.use.baseURL! }]);
  const replayPage = await replay.newPage();
  for (const path of ['/admin/comments', '/admin/settings', '/admin/account']) {
    await replayPage.goto(path);
    await expect(replayPage).toHaveURL('/admin/login');
    await expect(replayPage.getByText(admin.email)).toHaveCount(0);
  }
});

test('changing the password signs out other sessions and retires the old password', async ({ page, createAdmin, newContext }) => {
  const admin: TestAdmin = await createAdmin();
  const newPassword = `${admin.password}-renewed`;
  await signIn(page, admin);
  const other = await (await newContext()).newPage();
  await signIn(other, admin);

  await page.goto('/admin/account');
  const current = page.getByLabel('Current password');
  const fresh = page.getByLabel('New password (at least 12 characters)');
  const again = page.getByLabel('New password again');
  const change = page.getByRole('button', { name: 'Change password' });

  await current.fill(admin.password);
  await fresh.fill(newPassword);
  await again.fill(`${newPassword}x`);
  await change.click();
  await expect(again).toHaveAccessibleDescription('The two new passwords differ.');

  await current.fill('not my password');
  await fresh.fill(newPassword);
  await again.fill(newPassword);
  await change.click();
  await expect(current).toHaveAccessibleDescription('Your current password is not right.');

  await current.fill(admin.password);
  await fresh.fill(newPassword);
  await again.fill(newPassword);
  await change.click();
  await expect(notice(page)).toHaveText('Password changed. Other sessions have been signed out.');

  // This browser stays signed in; the other one does not.
  await page.goto('/admin/comments');
  await expect(page).toHaveURL('/admin/comments');
  await expectSignedOut(other);

  await signOut(page, admin);
  await tryToSignIn(page, admin.email, admin.password);
  await expectRefused(page, WRONG);
  await signIn(page, { email: admin.email, password: newPassword });
});

test('guessing the current password on the account page is limited like signing in', async ({ page, createAdmin, newContext }) => {
  const admin = await createAdmin();
  const newPassword = `${admin.password}-renewed`;
  await signIn(page, admin);
  await page.goto('/admin/account');
  const current = page.getByLabel('Current password');

  async function tryCurrent(password: string, answer: string): Promise<void> {
    await current.fill(password);
    await page.getByLabel('New password (at least 12 characters)').fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    // React empties the form once the answer is in.
    await expect(current).toHaveValue('');
    await expect(current).toHaveAccessibleDescription(answer);
  }

  for (let attempt = 1; attempt <= 5; attempt++) await tryCurrent(`not-my-password-${attempt}`, 'Your current password is not right.');
  await tryCurrent(admin.password, LOCKED);

  // The password was not changed: from an address without failures, it still signs in.
  await signIn(await (await newContext({ ip: randomIp() })).newPage(), admin);
});
