'use client';

import { useActionState, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import * as z from 'zod/mini';
import { postComment, type CommentFormState } from '@/server/comments/actions';
import { commentInputSchema, COMMENT_LIMITS, HONEYPOT_FIELD, type CommentField } from '@/lib/schemas/comment';
import { readForm } from '@/lib/form-data';
import { forgetSentComment, rememberSentComment, takeDraft } from '@/lib/comment-draft';
import { useReplyMover, type ReplyTarget } from './use-reply-mover';

type Values = Record<Exclude<CommentField, 'postId' | 'parentId'>, string>;
type Errors = Partial<Record<CommentField, string[]>>;

// Remembered only when the visitor ticks the box, and only in this browser (never in a cookie,
// which would carry the email to the server on every request).
const STORAGE_KEY = 'comment-author';
const rememberedSchema = z.object({ authorName: z.string(), authorEmail: z.string(), authorUrl: z.string() });

const initialState: CommentFormState = { status: 'idle' };

interface CommentFormProps {
  /** Unknown only when the article could not be loaded to show the action's answer (see page.tsx). */
  postId: number | undefined;
  formToken: string;
  /**
   * The page's own URL. Without JavaScript the form posts there, and React matches the action's answer
   * to this form by it instead of by the form's place in the tree, so the answer (message and typed
   * text) reaches the form even when the page around it renders differently.
   */
  permalink: string;
  /** The comment replied to, when the page was asked for its reply form (?replytocom=, without JavaScript). */
  replyTarget: ReplyTarget | null;
  /** The page without the reply form: "Cancel reply" without JavaScript. */
  cancelHref: string;
}

export function CommentForm({ postId, formToken, permalink, replyTarget, cancelHref }: CommentFormProps) {
  const [state, formAction, pending] = useActionState(postComment, initialState, permalink);
  const sent = state.values;
  const [values, setValues] = useState<Values>({
    body: sent?.body ?? '',
    authorName: sent?.authorName ?? '',
    authorEmail: '',
    authorUrl: sent?.authorUrl ?? '',
  });
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [remember, setRemember] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const formPostId = String(postId ?? state.values?.postId ?? '');
  const { replyTo, cancel, homeRef, respondRef } = useReplyMover(replyTarget, formRef);
  // Without JavaScript, a refused form comes back without the email: it is never sent back to a browser.
  const emailNotKept = state.status === 'error' && values.authorEmail === '';

  useEffect(() => {
    // Runs once after hydration: browser storage does not exist during the server render.
    const draft = takeDraft(formPostId);
    forgetSentComment(formPostId);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (draft) setValues((v) => (v.body ? v : { ...v, body: draft }));
    const remembered = rememberedSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    if (!remembered.success) return;
    setValues((v) => ({ ...v, ...remembered.data }));
    setRemember(true);
  }, [formPostId]);

  // The server's verdict replaces the browser's; then focus goes to the first field it rejected.
  useEffect(() => {
    if (state.status === 'idle') return;
    forgetSentComment(formPostId);
    if (state.status !== 'error') return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setClientErrors(null);
    focusFirstError(formRef.current, state.fieldErrors ?? {});
  }, [state, formPostId]);

  const errors: Errors = clientErrors ?? state.fieldErrors ?? {};

  function validate(form: HTMLFormElement): Errors {
    const result = commentInputSchema.safeParse(readForm(commentInputSchema, new FormData(form)));
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    const found = validate(event.currentTarget);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      focusFirstError(event.currentTarget, found);
      return;
    }
    rememberSentComment(formPostId, values.body);
    if (remember) {
      const { authorName, authorEmail, authorUrl } = values;
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ authorName, authorEmail, authorUrl }));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  function update(field: keyof Values, input: HTMLInputElement | HTMLTextAreaElement) {
    setValues((v) => ({ ...v, [field]: input.value }));
    // Once a field was flagged, re-check as the visitor types so the message goes away when fixed.
    if (clientErrors?.[field] && input.form) setClientErrors(validate(input.form));
  }

  const fieldProps = (field: keyof Values) => ({
    id: `comment-${field}`,
    name: field,
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => update(field, e.currentTarget),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `comment-${field}-error` : undefined,
  });

  return (
    <div ref={homeRef} className="respond-home">
      <div
        id="respond"
        ref={respondRef}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && replyTo) cancel();
        }}
      >
        <h2 id="reply-title">
          {replyTo ? `Leave a Reply to ${replyTo.authorName}` : 'Leave a comment'}{' '}
          {replyTo && (
            <small>
              <a
                id="cancel-comment-reply-link"
                href={cancelHref}
                onClick={(event) => {
                  event.preventDefault();
                  cancel();
                }}
              >
                Cancel reply
              </a>
            </small>
          )}
        </h2>
        <form ref={formRef} action={formAction} onSubmit={handleSubmit} noValidate className="stacked-form comment-form" aria-labelledby="reply-title">
          <p id="email-notes">
            Your email address will not be published. Required fields are marked{' '}
            <span className="required" aria-hidden="true">
              *
            </span>
          </p>
          {state.status === 'error' && state.message && (
            <p className="form-message" role="alert">
              {state.message}
            </p>
          )}
          <input type="hidden" name="postId" value={formPostId} />
          <input type="hidden" name="parentId" value={replyTo?.id ?? ''} />
          {/* A hidden field has no place to be marked: what was wrong with it is said here. */}
          <FieldError field="parentId" errors={errors} />
          <input type="hidden" name="formToken" value={state.values?.formToken ?? formToken} />
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="comment-fax">Leave this field empty</label>
            <input id="comment-fax" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <div>
            <label htmlFor="comment-body">Comment</label>
            <textarea {...fieldProps('body')} rows={8} maxLength={COMMENT_LIMITS.body} required />
            <FieldError field="body" errors={errors} />
          </div>
          <div>
            <label htmlFor="comment-authorName">
              Name{' '}
              <span className="required" aria-hidden="true">
                *
              </span>
            </label>
            <input {...fieldProps('authorName')} type="text" autoComplete="name" maxLength={COMMENT_LIMITS.authorName} required />
            <FieldError field="authorName" errors={errors} />
          </div>
          <div>
            <label htmlFor="comment-authorEmail">
              Email{' '}
              <span className="required" aria-hidden="true">
                *
              </span>
            </label>
            <input
              {...fieldProps('authorEmail')}
              type="email"
              autoComplete="email"
              maxLength={COMMENT_LIMITS.authorEmail}
              required
              aria-describedby={errors.authorEmail ? 'comment-authorEmail-error' : 'email-notes'}
            />
            <FieldError field="authorEmail" errors={errors} />
            {emailNotKept && !errors.authorEmail && (
              <p className="field-hint" id="comment-authorEmail-again">
                Please type your email address again: for your privacy it is never sent back to the page.
              </p>
            )}
          </div>
          <div>
            <label htmlFor="comment-authorUrl">Website</label>
            <input {...fieldProps('authorUrl')} type="url" autoComplete="url" maxLength={COMMENT_LIMITS.authorUrl} />
            <FieldError field="authorUrl" errors={errors} />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="remember" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Save my name, email, and website in this browser for the next time I comment.
          </label>
          <p>
            <button type="submit" disabled={pending}>
              {pending ? 'Posting…' : 'Post Comment'}
            </button>
          </p>
        </form>
      </div>
    </div>
  );
}

function FieldError({ field, errors }: { field: CommentField; errors: Errors }) {
  const messages = errors[field];
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={`comment-${field}-error`}>
      {messages[0]}
    </p>
  );
}

function focusFirstError(form: HTMLFormElement | null, errors: Errors) {
  // In the form's order, which is the schema's.
  const fields = Object.keys(commentInputSchema.shape) as CommentField[];
  // Hidden fields cannot take focus: the first field the visitor can correct.
  const first = fields.find((field) => errors[field]?.length && field !== 'postId' && field !== 'parentId');
  if (first) form?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}
