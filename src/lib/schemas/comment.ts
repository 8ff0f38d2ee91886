import * as z from 'zod/mini';
import { cleanName, cleanText } from '../text-hygiene';

// zod would otherwise probe for eval (new Function), which our Content-Security-Policy forbids.
z.config({ jitless: true });

/**
 * WordPress's limits, in bytes of UTF-8 as it counts them (wp_get_comment_fields_max_lengths,
 * mb_strlen(…, '8bit')), so every comment we accept can be exported into it.
 */
export const COMMENT_LIMITS = { body: 65_525, authorName: 245, authorEmail: 100, authorUrl: 200 } as const;

/** A field hidden from people; bots that fill every input give themselves away. */
export const HONEYPOT_FIELD = 'contact_me_by_fax_only';

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

/** A string cleaned by `clean` before `then` checks it. */
const cleanedString = <T extends z.core.$ZodType<unknown, string>>(clean: (value: string) => string, then: T) => z.pipe(z.pipe(z.string(), z.transform(clean)), then);

const utf8 = new TextEncoder();

/** A length limit in bytes of UTF-8: an unaccented letter is one, an accented letter two, an emoji four. */
export const atMostBytes = (max: number, message: string) => z.refine<string>((v) => utf8.encode(v).length <= max, message);

/** People count characters, not bytes: the limit is said in characters, with why they may get fewer. */
export const tooLong = (what: string, max: number) => `${what} is too long: at most ${max.toLocaleString('en')} characters, fewer with emoji or accented letters.`;

const WEBSITE_MESSAGE = 'Please enter a website address starting with http:// or https://.';

const websiteSchema = z.pipe(
  cleanedString(
    normaliseWebsite,
    z.union(
      [
        z.literal(''),
        z
          .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: WEBSITE_MESSAGE })
          // Normalised to ASCII by then (punycode, percent-encoding): characters and bytes agree.
          .check(atMostBytes(COMMENT_LIMITS.authorUrl, `Your website address can be at most ${COMMENT_LIMITS.authorUrl} characters.`)),
      ],
      { error: WEBSITE_MESSAGE },
    ),
  ),
  z.transform((url: string) => url || null),
);

/**
 * The comment form, validated the same way in the browser (instant feedback) and in the action
 * (authoritative). Written with zod/mini, whose functions tree-shake: this schema is in every
 * reader's JavaScript, where classic zod would add about 30 kB gzipped.
 */
export const commentInputSchema = z.object({
  postId: z.coerce.number({ error: 'This article could not be found.' }).check(z.refine(Number.isInteger, 'This article could not be found.'), z.positive('This article could not be found.')),
  body: cleanedString(
    (v) => cleanText(v).trim(),
    z.string().check(atMostBytes(COMMENT_LIMITS.body, tooLong('Your comment', COMMENT_LIMITS.body)), z.minLength(1, 'Please type your comment.')),
  ),
  authorName: cleanedString(
    (v) => cleanName(v).trim(),
    z.string().check(atMostBytes(COMMENT_LIMITS.authorName, tooLong('Your name', COMMENT_LIMITS.authorName)), z.minLength(1, 'Please enter your name.')),
  ),
  authorEmail: z.pipe(
    z.string().check(
      z.trim(),
      // Stored lower-case: the approval rule and duplicate check treat Ann@Example.com as ann@example.com, as WordPress does.
      z.toLowerCase(),
      z.minLength(1, 'Please enter your email address.'),
      // A valid address is ASCII: characters and bytes agree.
      atMostBytes(COMMENT_LIMITS.authorEmail, `Your email address can be at most ${COMMENT_LIMITS.authorEmail} characters.`),
    ),
    z.email('Please enter a valid email address.'),
  ),
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
