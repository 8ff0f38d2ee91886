'use server';

import { z } from 'zod';
import { changePasswordSchema, loginSchema } from '@/lib/schemas/admin';
import { noticeAction, stateAction } from '@/server/action';
import { PublicError } from '@/server/errors';
import { requestMeta } from '@/server/request-meta';
import { verifyAdminLogin } from './login';
import { changeAdminPassword } from './password-change';
import { endSessions, startSession } from './session';

const GENERIC_FAILURE = 'The email address or password is not right.';
const LOCKED = 'Too many failed sign-in attempts. Please try again later (in 15 minutes).';

export const loginAction = stateAction({
  access: 'public',
  schema: loginSchema,
  secret: ['password'],
  // Every refusal looks the same: a malformed attempt says no more than a wrong password.
  invalid: GENERIC_FAILURE,
  failure: 'Signing in is not possible right now. Please try again.',
  async run(credentials) {
    const result = await verifyAdminLogin(credentials, (await requestMeta()).ip);
    if (!result.ok) throw new PublicError(result.reason === 'locked' ? LOCKED : GENERIC_FAILURE);
    await startSession(result.admin);
    return { redirectTo: '/admin/comments', published: false };
  },
});

export type LoginState = Awaited<ReturnType<typeof loginAction>>;

export const signOutAction = noticeAction({
  page: '/admin/login',
  schema: z.object({}),
  invalid: 'failed',
  refused: 'failed',
  async run(_nothing, admin) {
    await endSessions(admin.id);
    return 'signed-out';
  },
});

export const changePasswordAction = stateAction({
  access: 'admin',
  schema: changePasswordSchema,
  secret: ['currentPassword', 'newPassword', 'confirmPassword'],
  failure: 'Your password could not be changed right now. Please try again.',
  async run(passwords, admin) {
    const change = await changeAdminPassword(admin, passwords, (await requestMeta()).ip);
    if (!change.ok) throw new PublicError(change.reason === 'locked' ? LOCKED : 'Your current password is not right.', { field: 'currentPassword' });
    // Every other session ends; this browser gets a fresh one.
    await startSession({ ...admin, sessionVersion: change.sessionVersion });
    return { message: 'Password changed. Other sessions have been signed out.', published: false };
  },
});

export type PasswordState = Awaited<ReturnType<typeof changePasswordAction>>;
