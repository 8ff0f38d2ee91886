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
      <div>
        <label htmlFor="edit-authorName">Name</label>
        <input id="edit-authorName" name="authorName" type="text" defaultValue={value('authorName')} {...invalidProps('edit-authorName', errors.authorName)} />
        <FieldError id="edit-authorName" messages={errors.authorName} />
      </div>
      <div>
        <label htmlFor="edit-authorEmail">Email</label>
        <input id="edit-authorEmail" name="authorEmail" type="email" defaultValue={value('authorEmail')} {...invalidProps('edit-authorEmail', errors.authorEmail)} />
        <FieldError id="edit-authorEmail" messages={errors.authorEmail} />
      </div>
      <div>
        <label htmlFor="edit-authorUrl">Website</label>
        <input id="edit-authorUrl" name="authorUrl" type="url" defaultValue={value('authorUrl')} {...invalidProps('edit-authorUrl', errors.authorUrl)} />
        <FieldError id="edit-authorUrl" messages={errors.authorUrl} />
      </div>
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
