import { describe, expect, it } from 'vitest';
import { replySchema } from './moderation';

describe('an admin reply', () => {
  it('is cleaned like a reader’s comment: a NUL never reaches PostgreSQL (where it used to fail the save)', () => {
    expect(replySchema.parse({ parentId: '7', body: '  Thanks\u0000 for this.  ' })).toEqual({ parentId: 7, body: 'Thanks for this.' });
  });

  it('is refused when empty, and counted in bytes like a comment', () => {
    expect(replySchema.safeParse({ parentId: 7, body: ' \t\n ' }).success).toBe(false);
    expect(replySchema.safeParse({ parentId: 7, body: 'é'.repeat(32_763) }).success).toBe(false); // 65,526 bytes
    expect(replySchema.safeParse({ parentId: 7, body: 'é'.repeat(32_762) }).success).toBe(true);
  });
});
