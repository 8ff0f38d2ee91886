'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { editCommentAction, type EditState } from '@/server/moderation/actions';
import { FieldError, invalidProps } from '@/ui/field-error';

interface Props {
  comment: { id: number; version: number; authorName: string; authorEmail: string; authorUrl: string | null; body: string };
  returnTo: string;
}

export function EditCommentForm({ comment, returnTo }: Props) {
  const [state, formAction, pending] = useActionState<EditState, FormData>(editCommentAction, { status: 'idle' });
  const value = (field: 'authorName' | 'authorEmail' | 'authorUrl' | 'body') => state.values?.[field] ?? comment[field] ?? '';
  const errors = state.fieldErrors ?? {};
  const field = (name: 'authorName' | 'authorEmail' | 'authorUrl', label: string, type: 'text' | 'email' | 'url') => (
    <div>
      <label htmlFor={`edit-${name}`}>{label}</label>
      <input id={`edit-${name}`} name={name} type={type} defaultValue={value(name)} {...invalidProps(`edit-${name}`, errors[name])} />
      <FieldError id={`edit-${name}`} messages={errors[name]} />
    </div>
  );
  return (
    <form action={formAction} className="stacked-form admin-form" noValidate>
      {state.status === 'error' && state.message && (
        <p className="form-message" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="id" value={comment.id} />
      <input type="hidden" name="version" value={comment.version} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {field('authorName', 'Name', 'text')}
      {field('authorEmail', 'Email', 'email')}
      {field('authorUrl', 'Website', 'url')}
      <div>
        <label htmlFor="edit-body">Comment</label>
        <textarea id="edit-body" name="body" rows={10} defaultValue={value('body')} {...invalidProps('edit-body', errors.body)} />
        <FieldError id="edit-body" messages={errors.body} />
      </div>
      <p className="row-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Update comment'}
        </button>
        <Link href={returnTo}>Cancel</Link>
      </p>
    </form>
  );
}
