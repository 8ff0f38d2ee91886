import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type * as zc from 'zod/v4/core';
import type { ActionState } from '@/lib/action-state';
import { safeReturnTo, withNotice, type Notice, type NoticePage } from '@/lib/admin-notices';
import { readForm, type FormField, type FormSchema } from '@/lib/form-data';
import { requireAdmin, type Admin } from '@/server/auth/session';
import { PublicError } from '@/server/errors';
import { invalidatePublicPages } from '@/server/page-cache-link';

/**
 * The one way to write a server action. Every action is a public endpoint, so each goes through
 * the same spine: authorise (admin actions: before anything is read) → read exactly the schema's
 * fields and validate them → run the domain function → map a PublicError to its own words and
 * anything else to a generic message (logged) → refresh what readers and admins see → redirect
 * (outside any try, since redirect() throws).
 */

const INVALID = 'Please correct the fields marked below.';

type Access = 'admin' | 'public';
type Caller<A extends Access> = A extends 'admin' ? Admin : null;

/** What a domain step reports once it has succeeded. */
export interface Done {
  /** Where the browser goes next; without it the form stays and shows `message`. */
  redirectTo?: string;
  message?: string;
  /** Readers see the change (false: only its author and the admins do, e.g. a held comment). */
  published: boolean;
}

async function authorise<A extends Access>(access: A): Promise<Caller<A>> {
  return (access === 'admin' ? await requireAdmin() : null) as Caller<A>;
}

/** After a write: readers get fresh pages (the page cache is emptied), and every browser's router drops its copies. */
function refresh(published: boolean): void {
  if (published) invalidatePublicPages();
  revalidatePath('/', 'layout');
}

function withoutSecrets(input: Record<string, unknown>, secret: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) if (typeof value === 'string' && !secret.includes(name)) values[name] = value;
  return values;
}

interface StateActionSpec<S extends FormSchema, A extends Access> {
  access: A;
  schema: S;
  /** Fields never sent back to the browser, not even to the person who typed them (an email, a password). */
  secret?: readonly FormField<S>[];
  /** Instead of marking the fields: one message that tells nothing (signing in). */
  invalid?: string;
  /** Said when something that is not the user's doing went wrong (the error itself is logged). */
  failure: string;
  run(input: zc.output<S>, caller: Caller<A>): Promise<Done>;
}

/**
 * An action for a form under useActionState: what went wrong comes back into the form, with what
 * was typed (so a page re-rendered without JavaScript keeps it); success redirects or says so.
 */
export function stateAction<S extends FormSchema, A extends Access>(spec: StateActionSpec<S, A>) {
  type State = ActionState<FormField<S>>;
  return async function action(_previous: State, formData: FormData): Promise<State> {
    const caller = await authorise(spec.access);
    // A crafted call may send anything as arguments.
    if (!(formData instanceof FormData)) return { status: 'error', message: spec.invalid ?? INVALID };
    const input = readForm(spec.schema, formData);
    const values = withoutSecrets(input, spec.secret) as State['values'];
    const parsed = z.safeParse(spec.schema, input);
    if (!parsed.success) {
      if (spec.invalid) return { status: 'error', message: spec.invalid, values };
      return { status: 'error', message: INVALID, fieldErrors: z.flattenError(parsed.error).fieldErrors as State['fieldErrors'], values };
    }
    let done: Done;
    try {
      done = await spec.run(parsed.data, caller);
    } catch (error) {
      if (!(error instanceof PublicError)) {
        console.error('server action failed', error);
        return { status: 'error', message: spec.failure, values };
      }
      if (error.field) return { status: 'error', fieldErrors: { [error.field]: [error.message] } as State['fieldErrors'], values };
      return { status: 'error', message: error.message, values };
    }
    refresh(done.published);
    if (done.redirectTo) redirect(done.redirectTo);
    return { status: 'success', message: done.message };
  };
}

interface NoticeActionSpec<S extends FormSchema, P extends NoticePage> {
  schema: S;
  /** The admin page the form is on; the form's `returnTo` may add that page's query. */
  page: P;
  /** When the input fails validation. */
  invalid: Notice<P>;
  /** When the domain refuses with a PublicError (the comment changed meanwhile, …). */
  refused: Notice<P>;
  run(input: zc.output<S>, admin: Admin): Promise<Notice<P>>;
}

/**
 * An admin action for a plain form (a button in a list): every answer is a redirect back to the
 * page, with a notice the page reads. Works without JavaScript.
 */
export function noticeAction<S extends FormSchema, P extends NoticePage>(spec: NoticeActionSpec<S, P>) {
  return async function action(formData: FormData): Promise<void> {
    const admin = await authorise('admin');
    if (!(formData instanceof FormData)) redirect(withNotice(spec.page, spec.page, spec.invalid));
    const back = safeReturnTo(spec.page, formData.get('returnTo'));
    const parsed = z.safeParse(spec.schema, readForm(spec.schema, formData));
    if (!parsed.success) redirect(withNotice(spec.page, back, spec.invalid));
    let notice: Notice<P>;
    try {
      notice = await spec.run(parsed.data, admin);
    } catch (error) {
      if (!(error instanceof PublicError)) console.error('server action failed', error);
      notice = error instanceof PublicError ? spec.refused : ('failed' as Notice<P>);
    }
    // Also after a refusal or failure: the admin then sees the current state of what they acted on.
    refresh(true);
    redirect(withNotice(spec.page, back, notice));
  };
}
