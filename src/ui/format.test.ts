import { describe, expect, it } from 'vitest';
import { pageParam } from './format';

describe('pageParam', () => {
  it('reads a positive whole page number', () => {
    expect(pageParam('1')).toBe(1);
    expect(pageParam('12')).toBe(12);
    expect(pageParam(['3', '5'])).toBe(3);
  });

  it('falls back to page 1 for anything else', () => {
    for (const value of [undefined, '', '0', '-1', '1.5', 'abc', '1e400', '9007199254740993', []]) {
      expect(pageParam(value), JSON.stringify(value)).toBe(1);
    }
  });
});
