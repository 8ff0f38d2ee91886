import type { Page } from '@playwright/test';
import { errorNotice, expect, notice, randomIp, sessionCookie, signIn, signOut, test, type TestAdmin } from './admin-fixtures';

// Sign-in failures are counted per client address and per account (5 per 15 minutes). Each test
// sends its own X-Forwarded-For (see admin-fixtures.ts) and uses its own accounts, so these tests
// never lock another test out.

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

test('five failures lock the account and the address out, even with the right password', async ({ page, createAdmin, newContext }) => {
  const admin = await createAdmin('Locked');
  const bystander = await createAdmin('Bystander');

  for (let attempt = 1; attempt <= 5; attempt++) {
    await tryToSignIn(page, admin.email, `wrong-${attempt}`);
    await expectRefused(page, WRONG);
  }
  await tryToSignIn(page, admin.email, admin.password);
  await expectRefused(page, LOCKED);

  // The account is locked from any address…
  const elsewhere = await (await newContext({ ip: randomIp() })).newPage();
  await tryToSignIn(elsewhere, admin.email, admin.password);
  await expectRefused(elsewhere, LOCKED);

  // …and the address for any account.
  await tryToSignIn(page, bystander.email, bystander.password);
  await expectRefused(page, LOCKED);

  // Another admin from another address is not affected.
  await signIn(elsewhere, bystander);
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
