'use client';

import { useActionState } from 'react';
import { PASSWORD_MIN } from '@/lib/schemas/admin';
import { changePasswordAction, type PasswordState } from '@/server/auth/actions';
import { FieldError, invalidProps } from '@/ui/field-error';
import { Notice } from '@/ui/notice';

export function PasswordForm() {
  const [state, formAction, pending] = useActionState<PasswordState, FormData>(changePasswordAction, { status: 'idle' });
  const errors = state.fieldErrors ?? {};
  const field = (name: 'currentPassword' | 'newPassword' | 'confirmPassword', label: string, autoComplete: string) => (
    <div>
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type="password" autoComplete={autoComplete} required {...invalidProps(name, errors[name])} />
      <FieldError id={name} messages={errors[name]} />
    </div>
  );
  return (
    <form action={formAction} className="stacked-form admin-form" noValidate>
      {state.message && <Notice notice={{ kind: state.status === 'error' ? 'error' : 'success', text: state.message }} />}
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', `New password (at least ${PASSWORD_MIN} characters)`, 'new-password')}
      {field('confirmPassword', 'New password again', 'new-password')}
      <p>
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </p>
    </form>
  );
}
