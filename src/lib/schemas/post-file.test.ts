import { describe, expect, it } from 'vitest';
import { postFrontMatterSchema } from './post-file';

const minimal = { title: 'A title', slug: 'a-title', dateline: 'MADRID 29 Nov.' };
const parse = (extra: Record<string, unknown>) => postFrontMatterSchema.safeParse({ ...minimal, ...extra });
const issuePaths = (extra: Record<string, unknown>) => {
  const result = parse(extra);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('postFrontMatterSchema', () => {
  it('accepts the three required fields; without publishedAt the post is a draft', () => {
    const result = parse({});
    expect(result.success).toBe(true);
    expect(result.data?.publishedAt).toBeUndefined();
    expect(result.data?.commentsOpen).toBeUndefined();
  });

  it('accepts every field and trims the text ones', () => {
    const result = parse({
      title: '  Spaced  ',
      source: ' Europa Press ',
      sourceUrl: 'https://www.europapress.es/',
      excerpt: ' Short. ',
      publishedAt: new Date('2022-11-29T10:00:00Z'),
      commentsOpen: false,
    });
    expect(result.data).toEqual({
      ...minimal,
      title: 'Spaced',
      source: 'Europa Press',
      sourceUrl: 'https://www.europapress.es/',
      excerpt: 'Short.',
      publishedAt: new Date('2022-11-29T10:00:00Z'),
      commentsOpen: false,
    });
  });

  it('reads publishedAt from a YAML date or an ISO string', () => {
    expect(parse({ publishedAt: '2022-11-29T10:00:00Z' }).data?.publishedAt).toEqual(new Date('2022-11-29T10:00:00Z'));
    expect(parse({ publishedAt: new Date('2022-11-20') }).data?.publishedAt).toEqual(new Date('2022-11-20T00:00:00Z'));
  });

  it('refuses a publishedAt that is not a date', () => {
    expect(issuePaths({ publishedAt: 'next Tuesday' })).toEqual(['publishedAt']);
  });

  it('requires title, slug and dateline', () => {
    expect(
      postFrontMatterSchema
        .safeParse({})
        .error?.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['dateline', 'slug', 'title']);
    expect(issuePaths({ title: '   ' })).toEqual(['title']);
  });

  it('takes slugs of lowercase words joined by single hyphens', () => {
    for (const slug of ['a', 'a-b', 'post-2022-11-29', 'abc123']) expect(issuePaths({ slug }), slug).toEqual([]);
    for (const slug of ['A-b', 'a b', 'a_b', '-a', 'a-', 'a--b', 'ä', 'a/b', '']) expect(issuePaths({ slug }), slug).toEqual(['slug']);
  });

  it('keeps to the database column lengths', () => {
    expect(issuePaths({ title: 't'.repeat(300) })).toEqual([]);
    expect(issuePaths({ title: 't'.repeat(301) })).toEqual(['title']);
    expect(issuePaths({ slug: 's'.repeat(201) })).toEqual(['slug']);
    expect(issuePaths({ dateline: 'd'.repeat(201) })).toEqual(['dateline']);
    expect(issuePaths({ source: 's'.repeat(201) })).toEqual(['source']);
    expect(issuePaths({ excerpt: 'e'.repeat(600) })).toEqual([]);
    expect(issuePaths({ excerpt: 'e'.repeat(601) })).toEqual(['excerpt']);
    expect(issuePaths({ sourceUrl: `https://example.com/${'u'.repeat(481)}` })).toEqual(['sourceUrl']);
  });

  it('takes only http(s) source links', () => {
    for (const sourceUrl of ['javascript:alert(1)', 'ftp://example.com/', 'example.com', 'data:text/html,x']) {
      expect(issuePaths({ sourceUrl }), sourceUrl).toEqual(['sourceUrl']);
    }
  });

  it('takes commentsOpen only as a YAML boolean', () => {
    expect(issuePaths({ commentsOpen: 'false' })).toEqual(['commentsOpen']);
  });

  it('refuses unknown keys, so a misspelt one is not silently ignored', () => {
    const result = parse({ published_at: '2022-11-29', comments: false });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['published_at', 'comments'] })]);
  });

  it('keeps a post with an empty publishedAt as a draft', () => {
    const result = parse({ publishedAt: null });
    expect(result.success && result.data.publishedAt == null).toBe(true);
  });
});
