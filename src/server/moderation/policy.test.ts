import { describe, expect, it } from 'vitest';
import { matchesWordList } from './policy';

const candidate = {
  body: 'A fair point.',
  authorName: 'Ann Reader',
  authorEmail: 'ann@example.com',
  authorUrl: 'https://ann.example.org/',
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
};

describe('matchesWordList', () => {
  it('matches a word or phrase of the list, case-insensitively, in every field WordPress looks at', () => {
    const cases: Array<[string, Partial<typeof candidate>]> = [
      ['casino', { body: 'Best CASINO online' }],
      ['cheap pills', { authorName: 'Cheap Pills Shop' }],
      ['@spam.example', { authorEmail: 'x@spam.example' }],
      ['spam.example', { authorUrl: 'https://spam.example/' }],
      ['198.51.100.', { ip: '198.51.100.7' }],
      // Pen test, issue #9 (d): WordPress matches the user agent too.
      ['sqlmap', { userAgent: 'sqlmap/1.8#stable (https://sqlmap.org)' }],
    ];
    for (const [word, fields] of cases) {
      expect(matchesWordList(`\n  ${word.toUpperCase()} \n`, { ...candidate, ...fields }), word).toBe(true);
      expect(matchesWordList(word, candidate), `${word} in a plain comment`).toBe(false);
    }
  });

  it('matches nothing with an empty list or one of blank lines', () => {
    expect(matchesWordList('', candidate)).toBe(false);
    expect(matchesWordList('\n \n\t\n', candidate)).toBe(false);
  });
});
