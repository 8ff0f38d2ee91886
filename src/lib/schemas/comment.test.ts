import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMENT_LIMITS, commentInputSchema, normaliseWebsite, type CommentField } from './comment';

const valid = { postId: '7', body: 'A fair point.', authorName: 'Ann Reader', authorEmail: 'ann@example.com', authorUrl: '' };

function parse(overrides: Partial<Record<CommentField, string>>) {
  return commentInputSchema.safeParse({ ...valid, ...overrides });
}

/** The messages for one field, or [] when it passed. */
function errorsFor(field: CommentField, value: string): string[] {
  const result = parse({ [field]: value });
  return result.success ? [] : (z.flattenError(result.error).fieldErrors[field] ?? []);
}

const EMOJI = '😀'; // one code point, two UTF-16 units, four UTF-8 bytes
const TOO_LONG = {
  body: 'Your comment is too long: at most 65,525 characters, fewer with emoji or accented letters.',
  authorName: 'Your name is too long: at most 245 characters, fewer with emoji or accented letters.',
};

describe('commentInputSchema', () => {
  it('accepts a plain comment and gives typed, trimmed values', () => {
    expect(parse({ postId: ' 7 ', body: '  A fair point.\n\n', authorName: '  Ann Reader ', authorEmail: ' ann@example.com ' })).toEqual({
      success: true,
      data: { postId: 7, parentId: null, body: 'A fair point.', authorName: 'Ann Reader', authorEmail: 'ann@example.com', authorUrl: null },
    });
  });

  it('takes the comment replied to, and refuses an id that cannot be one', () => {
    expect(parse({ parentId: '12' }).data?.parentId).toBe(12);
    expect(parse({ parentId: ' ' }).data?.parentId).toBeNull();
    for (const parentId of ['0', '-3', '1.5', 'abc', '99999999999'])
      expect(errorsFor('parentId', parentId), parentId).toEqual(['The comment you are replying to could not be found on this article.']);
  });

  it('keeps the inside of a comment as typed (line breaks, inner spaces, markup as text)', () => {
    const body = 'First line\n  indented\n\n<b>not bold</b>';
    expect(parse({ body: `\n${body}\n` }).data?.body).toBe(body);
  });

  describe('the comment', () => {
    it(`accepts ${COMMENT_LIMITS.body} characters and refuses one more`, () => {
      expect(COMMENT_LIMITS.body).toBe(65_525);
      expect(errorsFor('body', 'a'.repeat(65_525))).toEqual([]);
      expect(errorsFor('body', 'a'.repeat(65_526))).toEqual([TOO_LONG.body]);
    });

    it('measures after trimming', () => {
      expect(errorsFor('body', `  ${'a'.repeat(65_525)}\n `)).toEqual([]);
    });

    it('is refused when empty or only white space', () => {
      for (const body of ['', ' ', '\n\n', '\t \r\n ']) expect(errorsFor('body', body), JSON.stringify(body)).toEqual(['Please type your comment.']);
    });
  });

  describe('text is stored clean', () => {
    it('turns CRLF and CR line breaks into LF, keeping tabs', () => {
      expect(parse({ body: 'One\r\ntwo\rthree\n\tfour' }).data?.body).toBe('One\ntwo\nthree\n\tfour');
    });

    it('drops NUL and other control characters, which PostgreSQL refuses or which hide text', () => {
      expect(parse({ body: 'a\u0000b\u0007c\u001Bd\u007Fe\u0085f' }).data?.body).toBe('abcdef');
      expect(errorsFor('body', '\u0000\u0001 \u0002')).toEqual(['Please type your comment.']);
    });

    it('replaces a lone surrogate (not valid UTF-8) with U+FFFD', () => {
      expect(parse({ body: 'a\uD83Db' }).data?.body).toBe('a\uFFFDb');
    });

    it('normalises to NFC before counting', () => {
      const decomposed = 'e\u0301'; // e + combining acute: three bytes, two once composed
      expect(parse({ body: decomposed }).data?.body).toBe('\u00E9');
      expect(errorsFor('authorName', decomposed.repeat(122))).toEqual([]); // 366 bytes as sent, 244 stored
    });

    it('removes invisible and direction-changing characters from names and collapses their white space', () => {
      expect(parse({ authorName: ' Ann\u202E \u200Bthe\u202C\n\n Reader\t' }).data?.authorName).toBe('Ann the Reader');
      expect(errorsFor('authorName', '\u200B\u202E\uFEFF')).toEqual(['Please enter your name.']);
    });
  });

  // WordPress counts bytes (mb_strlen(…, '8bit')): a comment we accept must fit there on export.
  describe('lengths count bytes of UTF-8, as WordPress does', () => {
    const bytes = (v: string) => new TextEncoder().encode(v).length;

    it('a comment of 65,525 bytes is accepted, one byte more refused', () => {
      const longest = EMOJI.repeat(16_381) + 'a';
      expect(bytes(longest)).toBe(65_525);
      expect(errorsFor('body', longest)).toEqual([]);
      expect(errorsFor('body', longest + 'a')).toEqual([TOO_LONG.body]);
      // 16,382 emoji are far fewer than 65,525 characters, and still too long.
      expect(errorsFor('body', EMOJI.repeat(16_382))).toEqual([TOO_LONG.body]);
    });

    it('a name of 245 bytes is accepted: 61 emoji and a letter; 62 emoji (248 bytes) are refused', () => {
      expect(errorsFor('authorName', EMOJI.repeat(61) + 'a')).toEqual([]);
      expect(errorsFor('authorName', EMOJI.repeat(62))).toEqual([TOO_LONG.authorName]);
      expect(errorsFor('authorName', '\u00E9'.repeat(122) + 'a')).toEqual([]);
      expect(errorsFor('authorName', '\u00E9'.repeat(123))).toEqual([TOO_LONG.authorName]);
    });

    it('an email of 100 characters with an accented letter is 101 bytes: refused', () => {
      const email = `\u00E9${'e'.repeat(87)}@example.com`;
      expect(email).toHaveLength(100);
      expect(errorsFor('authorEmail', email)).toContain('Your email address can be at most 100 characters.');
    });
  });

  describe('the name', () => {
    it('accepts 245 characters and refuses 246', () => {
      expect(errorsFor('authorName', 'n'.repeat(245))).toEqual([]);
      expect(errorsFor('authorName', 'n'.repeat(246))).toEqual([TOO_LONG.authorName]);
    });

    it('is required', () => {
      expect(errorsFor('authorName', '   ')).toEqual(['Please enter your name.']);
    });
  });

  describe('the email', () => {
    const email = (length: number) => `${'e'.repeat(length - '@example.com'.length)}@example.com`;

    it('accepts 100 characters and refuses 101', () => {
      expect(errorsFor('authorEmail', email(100))).toEqual([]);
      expect(errorsFor('authorEmail', email(101))).toContain('Your email address can be at most 100 characters.');
    });

    it('is required', () => {
      expect(errorsFor('authorEmail', ' ')).toEqual(['Please enter your email address.']);
    });

    it('must look like an address', () => {
      for (const value of ['ann', 'ann@', '@example.com', 'ann@example', 'ann@@example.com', 'ann smith@example.com', 'ann@exa mple.com', 'ann@example.com>']) {
        expect(errorsFor('authorEmail', value), value).toEqual(['Please enter a valid email address.']);
      }
      for (const value of ['ann@example.com', 'ann.o-neil+blog@mail.example.co.uk', "o'brien@example.ie"]) {
        expect(errorsFor('authorEmail', value), value).toEqual([]);
      }
    });

    it('is trimmed and lower-cased, so one person is one author to the approval rule', () => {
      expect(parse({ authorEmail: ' Ann@Example.COM ' }).data?.authorEmail).toBe('ann@example.com');
    });
  });

  describe('the website', () => {
    const website = (value: string) => parse({ authorUrl: value });
    const refused = ['Please enter a website address starting with http:// or https://.'];

    it('gets https:// when typed without a scheme', () => {
      expect(website('example.com').data?.authorUrl).toBe('https://example.com/');
      expect(website('  www.example.com/me ').data?.authorUrl).toBe('https://www.example.com/me');
      expect(website('//example.com/x').data?.authorUrl).toBe('https://example.com/x');
    });

    it('keeps http and https addresses (normalised by the URL parser)', () => {
      expect(website('http://x.org/a').data?.authorUrl).toBe('http://x.org/a');
      expect(website('HTTPS://Example.COM/Path?q=1#top').data?.authorUrl).toBe('https://example.com/Path?q=1#top');
      expect(website('https://例え.jp').data?.authorUrl).toBe('https://xn--r8jz45g.jp/');
    });

    it('refuses other schemes', () => {
      for (const value of [
        'javascript:alert(1)',
        'JavaScript:alert(1)',
        'data:text/html,x',
        'ftp://x.org',
        'mailto:ann@example.com',
        'file:///etc/passwd',
        'vbscript:msgbox(1)',
      ]) {
        expect(errorsFor('authorUrl', value), value).toEqual(refused);
      }
    });

    it('refuses what is not a public host name', () => {
      for (const value of ['http://exa mple.com', 'localhost', 'http://127.0.0.1/', 'https://', 'example']) {
        expect(errorsFor('authorUrl', value), value).toEqual(refused);
      }
    });

    it('is optional: empty or blank becomes null', () => {
      expect(website('').data?.authorUrl).toBeNull();
      expect(website('   ').data?.authorUrl).toBeNull();
    });

    it('accepts 200 characters after normalising and refuses 201', () => {
      const base = 'https://example.com/'; // 20 characters
      expect(errorsFor('authorUrl', base + 'a'.repeat(180))).toEqual([]);
      expect(errorsFor('authorUrl', base + 'a'.repeat(181))).toEqual(['Your website address can be at most 200 characters.']);
      // 193 characters as typed, 201 once "https://" is added.
      const typed = 'example.com/' + 'a'.repeat(181);
      expect(typed).toHaveLength(193);
      expect(errorsFor('authorUrl', typed)).toEqual(['Your website address can be at most 200 characters.']);
      // An emoji in a path becomes 12 characters of percent-encoding: 20 + 15 × 12 = 200.
      expect(website('example.com/' + EMOJI.repeat(15)).data?.authorUrl).toHaveLength(200);
      expect(errorsFor('authorUrl', 'example.com/' + EMOJI.repeat(16))).toEqual(['Your website address can be at most 200 characters.']);
    });
  });

  describe('the article id', () => {
    it('is coerced from the form string', () => {
      expect(parse({ postId: '42' }).data?.postId).toBe(42);
    });

    it('must be a positive whole number', () => {
      for (const postId of ['', '0', '-3', '1.5', 'abc']) expect(parse({ postId }).success, postId).toBe(false);
    });
  });

  it('drops keys it does not know', () => {
    const result = commentInputSchema.safeParse({ ...valid, status: 'APPROVED', isAdmin: true, isAdminReply: true });
    expect(Object.keys(result.data ?? {}).sort()).toEqual(['authorEmail', 'authorName', 'authorUrl', 'body', 'parentId', 'postId']);
  });
});

describe('normaliseWebsite', () => {
  it('leaves what it cannot make into an http(s) address as typed, for the schema to refuse', () => {
    expect(normaliseWebsite('  javascript:alert(1) ')).toBe('javascript:alert(1)');
    expect(normaliseWebsite('http://exa mple.com')).toBe('http://exa mple.com');
    expect(normaliseWebsite('   ')).toBe('');
  });
});

describe('a field the form did not send', () => {
  it('gets the words the visitor would see for an empty one, and no website means none', () => {
    const result = commentInputSchema.safeParse({ postId: '7' });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      body: ['Please type your comment.'],
      authorName: ['Please enter your name.'],
      authorEmail: ['Please enter your email address.'],
    });
    const { authorUrl: _url, ...withoutWebsite } = valid;
    expect(commentInputSchema.parse(withoutWebsite).authorUrl).toBeNull();
  });
});
