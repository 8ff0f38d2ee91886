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

/** A string cleaned by `clean` before `then` checks it; `missing` is said when the field was not sent at all. */
const cleanedString = <T extends z.core.$ZodType<unknown, string>>(clean: (value: string) => string, then: T, missing?: string) =>
  z.pipe(z.pipe(z.string({ error: missing }), z.transform(clean)), then);

const utf8 = new TextEncoder();

/** A length limit in bytes of UTF-8: an unaccented letter is one, an accented letter two, an emoji four. */
export const atMostBytes = (max: number, message: string) => z.refine<string>((v) => utf8.encode(v).length <= max, message);

/** People count characters, not bytes: the limit is said in characters, with why they may get fewer. */
export const tooLong = (what: string, max: number) =>
  `${what} is too long: at most ${max.toLocaleString('en')} characters, fewer with emoji or accented letters.`;

export const REPLY_TARGET_MISSING = 'The comment you are replying to could not be found on this article.';

const WEBSITE_MESSAGE = 'Please enter a website address starting with http:// or https://.';

const websiteSchema = z.pipe(
  z.pipe(
    // The website is optional: a form without the field (an older copy, a script) means none.
    z._default(z.string(), ''),
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
  ),
  z.transform((url: string) => url || null),
);

/**
 * The comment form, validated the same way in the browser (instant feedback) and in the action
 * (authoritative). Written with zod/mini, whose functions tree-shake: this schema is in every
 * reader's JavaScript, where classic zod would add about 30 kB gzipped.
 */
export const commentInputSchema = z.object({
  postId: z.coerce
    .number({ error: 'This article could not be found.' })
    .check(z.refine(Number.isInteger, 'This article could not be found.'), z.positive('This article could not be found.')),
  /** The comment this one replies to; empty or absent: a new thread. */
  parentId: z.pipe(
    z._default(z.string(), ''),
    z.transform((value: string, context) => {
      if (value.trim() === '') return null;
      const id = Number(value);
      if (Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647) return id;
      context.issues.push({ code: 'custom', input: value, message: REPLY_TARGET_MISSING });
      return z.NEVER;
    }),
  ),
  body: cleanedString(
    (v) => cleanText(v).trim(),
    z.string().check(atMostBytes(COMMENT_LIMITS.body, tooLong('Your comment', COMMENT_LIMITS.body)), z.minLength(1, 'Please type your comment.')),
    'Please type your comment.',
  ),
  authorName: cleanedString(
    (v) => cleanName(v).trim(),
    z.string().check(atMostBytes(COMMENT_LIMITS.authorName, tooLong('Your name', COMMENT_LIMITS.authorName)), z.minLength(1, 'Please enter your name.')),
    'Please enter your name.',
  ),
  authorEmail: z.pipe(
    z.string({ error: 'Please enter your email address.' }).check(
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
export type CommentField = keyof z.input<typeof commentInputSchema>;

/**
 * What the form posts: the comment, plus its signed token and the honeypot (see createComment).
 * Neither can fail validation: a missing or mangled one is the spam filter's business, not the visitor's.
 */
export const commentFormSchema = z.extend(commentInputSchema, {
  formToken: z.catch(z.string().check(z.maxLength(200)), ''),
  [HONEYPOT_FIELD]: z.catch(z.string(), ''),
});
