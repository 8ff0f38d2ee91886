import { describe, expect, it } from 'vitest';
import { nestThreads, type ThreadNode } from './threads';

const c = (id: number, parentId: number | null = null, rootId: number | null = null) => ({ id, parentId, rootId });

/** A tree as [id, [children]] pairs, with the in-reply-to note where there is one. */
function shape(nodes: ThreadNode<ReturnType<typeof c>>[]): unknown[] {
  return nodes.map((n) => [n.comment.id, n.level, n.inReplyTo?.id ?? null, shape(n.replies)]);
}

describe('nestThreads', () => {
  it('nests replies under what they answer, in order', () => {
    const threads = nestThreads([c(1), c(5)], [c(2, 1, 1), c(3, 2, 1), c(4, 1, 1), c(6, 5, 5)], 5);
    expect(shape(threads)).toEqual([
      [
        1,
        0,
        null,
        [
          [2, 1, null, [[3, 2, null, []]]],
          [4, 1, null, []],
        ],
      ],
      [5, 0, null, [[6, 1, null, []]]],
    ]);
  });

  it('shows replies deeper than allowed at the deepest level, beside their parent, saying whom they answer', () => {
    // 1 ← 2 ← 3 ← 4, at most two levels.
    const threads = nestThreads([c(1)], [c(2, 1, 1), c(3, 2, 1), c(4, 3, 1)], 2);
    expect(shape(threads)).toEqual([
      [
        1,
        0,
        null,
        [
          [2, 1, null, []],
          [3, 1, 2, []],
          [4, 1, 3, []],
        ],
      ],
    ]);
  });

  it('with one level (replies off), every reply follows the thread’s first comment', () => {
    const threads = nestThreads([c(1)], [c(2, 1, 1), c(3, 2, 1)], 1);
    expect(shape(threads)).toEqual([
      [1, 0, null, []],
      [2, 0, 1, []],
      [3, 0, 2, []],
    ]);
  });

  it('puts a reply whose parent is not shown under the thread’s first comment', () => {
    // 2 is held: 3 answers it, and is shown under 1.
    const threads = nestThreads([c(1)], [c(3, 2, 1)], 5);
    expect(shape(threads)).toEqual([[1, 0, null, [[3, 1, null, []]]]]);
  });

  it('drops nothing and repeats nothing, whatever the order replies come in', () => {
    const threads = nestThreads([c(1)], [c(4, 3, 1), c(3, 2, 1), c(2, 1, 1)], 3);
    const ids: number[] = [];
    const walk = (nodes: ThreadNode<ReturnType<typeof c>>[]) => nodes.forEach((n) => (ids.push(n.comment.id), walk(n.replies)));
    walk(threads);
    expect(ids.sort()).toEqual([1, 2, 3, 4]);
  });
});
