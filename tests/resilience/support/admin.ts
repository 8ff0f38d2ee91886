/**
 * What an admin's browser without JavaScript does: sign in through the form at /admin/login, then use
 * the forms on the moderation screen. Every form is posted back as the browser would (multipart, its
 * hidden inputs, same origin, the session cookie).
 */
import type { RunningApp } from './app';
import { createPrismaClient } from '../../../src/server/db/client';
import { upsertAdmin } from '../../../src/server/auth/admins';
import { decodeEntities, formsIn, hiddenFields, request, type Answer, type HiddenFields } from './visitor';

export const ADMIN = { email: 'moderator@example.com', password: 'a long enough password' };

/** Creates the admin straight in the database, as `npm run admin:create` does. */
export async function createAdmin(databaseUrl: string): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    await upsertAdmin(db, ADMIN);
  } finally {
    await db.$disconnect();
  }
}

/** Signs in through the form; returns the `Cookie` header value the browser sends from then on. */
export async function signIn(app: RunningApp): Promise<string> {
  const page = await request(app, '/admin/login');
  const form = formsIn(page.html).find((f) => f.includes('name="password"'));
  if (page.status !== 200 || !form) throw new Error(`no sign-in form at /admin/login (${page.status}):\n${page.html.slice(0, 500)}`);
  const answer = await postForm(app, formTarget(form, '/admin/login'), [...hiddenFields(form), ['email', ADMIN.email], ['password', ADMIN.password]]);
  const cookie = [answer.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('next-auth.session-token='));
  if (answer.status !== 303 || answer.location !== '/admin/comments' || !cookie) {
    throw new Error(`signing in answered ${answer.status} to ${answer.location} with cookies ${JSON.stringify(answer.headers['set-cookie'])}`);
  }
  return cookie.split(';')[0]!;
}

/** A form on the moderation screen, ready to be posted back: where to, and its hidden inputs. */
export interface ModerationForm {
  target: string;
  fields: HiddenFields;
}

/**
 * Opens the moderation screen at `listPath` and finds, in the row of comment `id`, the form for
 * `action` (the row's buttons: "Approve", "Spam", …).
 */
export async function findModerationForm(app: RunningApp, cookie: string, listPath: string, id: number, action: string): Promise<ModerationForm> {
  const list = await request(app, listPath, { headers: { cookie } });
  if (list.status !== 200) throw new Error(`GET ${listPath} answered ${list.status} ${list.location ?? ''}`);
  const start = list.html.indexOf(`id="admin-comment-${id}"`);
  if (start === -1) throw new Error(`comment ${id} is not on ${listPath}`);
  const row = list.html.slice(start, list.html.indexOf('</li>', start));
  const form = formsIn(row).find((f) => hiddenFields(f).some(([name, value]) => name === 'action' && value === action));
  if (!form) throw new Error(`no "${action}" form in the row of comment ${id}:\n${row}`);
  return { target: formTarget(form, listPath), fields: hiddenFields(form) };
}

/** Presses the form's button: posts its hidden inputs (the button has no name, so nothing else). */
export function submitModerationForm(app: RunningApp, cookie: string, form: ModerationForm): Promise<Answer> {
  return postForm(app, form.target, form.fields, cookie);
}

/** Where a browser posts the form: its `action`, or the page's own URL when that is empty (React renders `action=""`). */
export function formTarget(formHtml: string, pagePath: string): string {
  const action = /^<form[^>]*?\saction="([^"]*)"/.exec(formHtml)?.[1];
  return action ? decodeEntities(action) : pagePath;
}

/** Posts `fields` as multipart/form-data from a page of the site. */
export function postForm(app: RunningApp, path: string, fields: HiddenFields, cookie?: string): Promise<Answer> {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return request(app, path, { method: 'POST', body: data, headers: { origin: app.origin, ...(cookie ? { cookie } : {}) } });
}
