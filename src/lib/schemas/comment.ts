import { z } from 'zod';

/** WordPress's limits, so comments imported from or exported to it fit. */
export const COMMENT_LIMITS = { body: 65_525, authorName: 245, authorEmail: 100, authorUrl: 200 } as const;

export const commentFields = ['postId', 'body', 'authorName', 'authorEmail', 'authorUrl'] as const;
export type CommentField = (typeof commentFields)[number];

/** "example.com/me" → "https://example.com/me"; anything but http(s) stays as typed and is refused below. */
export function normaliseWebsite(raw: string): string {
  const value = raw.trim();
  if (!value) return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value.replace(/^\/\//, '')}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : value;
  } catch {
    return value;
  }
}

const websiteSchema = z
  .string()
  .transform(normaliseWebsite)
  .pipe(
    z.union([
      z.literal(''),
      z
        .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'Please enter a website address starting with http:// or https://.' })
        .max(COMMENT_LIMITS.authorUrl, `Your website address can be at most ${COMMENT_LIMITS.authorUrl} characters.`),
    ], { error: 'Please enter a website address starting with http:// or https://.' }),
  )
  .transform((url) => url || null);

/** The comment form, validated the same way in the browser (instant feedback) and in the action (authoritative). */
export const commentInputSchema = z.object({
  postId: z.coerce.number({ error: 'This article could not be found.' }).int().positive(),
  body: z
    .string()
    .trim()
    .min(1, 'Please type your comment.')
    .max(COMMENT_LIMITS.body, `Your comment can be at most ${COMMENT_LIMITS.body.toLocaleString('en')} characters.`),
  authorName: z
    .string()
    .trim()
    .min(1, 'Please enter your name.')
    .max(COMMENT_LIMITS.authorName, `Your name can be at most ${COMMENT_LIMITS.authorName} characters.`),
  authorEmail: z
    .string()
    .trim()
    .min(1, 'Please enter your email address.')
    .max(COMMENT_LIMITS.authorEmail, `Your email address can be at most ${COMMENT_LIMITS.authorEmail} characters.`)
    .pipe(z.email('Please enter a valid email address.')),
  authorUrl: websiteSchema,
});

export type CommentInput = z.infer<typeof commentInputSchema>;

/** Takes exactly the form's fields from a FormData; anything else a client sends is ignored. */
export function readCommentForm(formData: FormData): Record<CommentField, string> {
  const entries = commentFields.map((field) => {
    const value = formData.get(field);
    return [field, typeof value === 'string' ? value : ''] as const;
  });
  return Object.fromEntries(entries) as Record<CommentField, string>;
}
