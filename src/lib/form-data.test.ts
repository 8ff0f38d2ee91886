import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readForm } from './form-data';
import { commentInputSchema } from './schemas/comment';
import { moderateManySchema, settingsSchema } from './schemas/moderation';

const valid = { postId: '7', body: 'A fair point.', authorName: 'Ann Reader', authorEmail: 'ann@example.com', authorUrl: '' };

function formOf(entries: [string, string | Blob][]): FormData {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
}

describe('readForm', () => {
  it('takes exactly the schema’s fields and ignores anything else a client sends', () => {
    const form = formOf([...Object.entries(valid), ['status', 'APPROVED'], ['isAdmin', 'true'], ['__proto__', 'polluted'], ['constructor', 'x']]);

    const read = readForm(commentInputSchema, form);

    expect(read).toEqual(valid);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(commentInputSchema.parse(read)).not.toHaveProperty('status');
  });

  it('leaves out a missing field and a file, for the schema to say so', () => {
    const form = formOf([
      ['body', new Blob(['file content'])],
      ['authorName', 'Ann'],
    ]);
    expect(readForm(commentInputSchema, form)).toEqual({ authorName: 'Ann' });
  });

  it('takes the first value of a repeated field, and every value of an array field', () => {
    expect(
      readForm(
        commentInputSchema,
        formOf([
          ['authorName', 'First'],
          ['authorName', 'Second'],
        ]),
      ).authorName,
    ).toBe('First');
    const bulk = readForm(
      moderateManySchema,
      formOf([
        ['bulkAction', 'approve'],
        ['ids', '3'],
        ['ids', '5'],
      ]),
    );
    expect(bulk).toEqual({ bulkAction: 'approve', ids: ['3', '5'] });
    expect(moderateManySchema.parse(bulk)).toEqual({ bulkAction: 'approve', ids: [3, 5] });
    // One ticked box is still a list.
    expect(readForm(moderateManySchema, formOf([['ids', '3']])).ids).toEqual(['3']);
    expect(readForm(moderateManySchema, new FormData()).ids).toEqual([]);
  });

  it('sees an array inside optional, default and pipe wrappers', () => {
    const schema = z.object({
      a: z.array(z.string()).optional(),
      b: z.array(z.string()).default([]),
      c: z.array(z.string()).pipe(z.array(z.string())),
      d: z.string(),
    });
    expect(
      readForm(
        schema,
        formOf([
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
          ['d', '4'],
          ['d', '5'],
        ]),
      ),
    ).toEqual({ a: ['1'], b: ['2'], c: ['3'], d: '4' });
  });

  it('an unticked checkbox is absent, as the browser sends it', () => {
    const read = readForm(settingsSchema, formOf([['approvalPolicy', 'HOLD_ALL']]));
    expect(read).toEqual({ approvalPolicy: 'HOLD_ALL' });
    expect(settingsSchema.shape.commentsOpenByDefault.parse(read.commentsOpenByDefault)).toBe(false);
  });
});
