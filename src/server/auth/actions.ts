'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { changePasswordSchema } from '@/lib/schemas/admin';
import { requestMeta } from '@/server/request-meta';
import { verifyAdminLogin } from './login';
import { changeAdminPassword } from './password-change';
import { endSessions, requireAdmin, startSession } from './session';

export type LoginState = ActionState<'email' | 'password'>;

const GENERIC_FAILURE = 'The email address or password is not right.';
const LOCKED = 'Too many failed sign-in attempts. Please try again later (in 15 minutes).';

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get('email') ?? '');
  let result;
  try {
    result = await verifyAdminLogin({ email, password: String(formData.get('password') ?? '') }, (await requestMeta()).ip);
  } catch (error) {
    console.error('login failed', error);
    return { status: 'error', message: 'Signing in is not possible right now. Please try again.', values: { email } };
  }
  if (!result.ok) return { status: 'error', message: result.reason === 'locked' ? LOCKED : GENERIC_FAILURE, values: { email } };
  await startSession(result.admin);
  redirect('/admin/comments');
}

export async function signOutAction(): Promise<void> {
  const admin = await requireAdmin();
  await endSessions(admin.id);
  redirect('/admin/login?signedOut=1');
}

export type PasswordState = ActionState<'currentPassword' | 'newPassword' | 'confirmPassword'>;

export async function changePasswordAction(_previous: PasswordState, formData: FormData): Promise<PasswordState> {
  const admin = await requireAdmin();
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get('currentPassword') ?? '',
    newPassword: formData.get('newPassword') ?? '',
    confirmPassword: formData.get('confirmPassword') ?? '',
  });
  if (!parsed.success) return { status: 'error', message: 'Please correct the fields marked below.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const change = await changeAdminPassword(admin, parsed.data, (await requestMeta()).ip);
  if (!change.ok) {
    return { status: 'error', fieldErrors: { currentPassword: [change.reason === 'locked' ? LOCKED : 'Your current password is not right.'] } };
  }
  // Every other session ends; this browser gets a fresh one.
  await startSession({ ...admin, sessionVersion: change.sessionVersion });
  return { status: 'success', message: 'Password changed. Other sessions have been signed out.' };
}
