'use client';

import { useActionState } from 'react';
import { loginAction, type LoginState } from '@/server/auth/actions';

export function LoginForm() {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, { status: 'idle' });
  return (
    <form action={formAction} className="stacked-form admin-form">
      {state.status === 'error' && (
        <p className="form-message" role="alert">
          {state.message}
        </p>
      )}
      <div>
        <label htmlFor="login-email">Email</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} />
      </div>
      <div>
        <label htmlFor="login-password">Password</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <p>
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </p>
    </form>
  );
}
