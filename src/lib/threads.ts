/**
 * Threads as readers see them: replies nested under what they answer, at most `maxDepth` levels
 * (WordPress's thread_comments_depth; a deeper reply is shown at the deepest level, beside its parent).
 * A reply whose parent is not shown (held, spam, trash) is shown under its thread's first comment.
 */
export interface ThreadComment {
  id: number;
  parentId: number | null;
  rootId: number | null;
}

export interface ThreadNode<C extends ThreadComment> {
  comment: C;
  /** 0 for a thread's first comment. */
  level: number;
  /** The comment it answers, when that is not the one it is shown under. */
  inReplyTo: C | null;
  replies: ThreadNode<C>[];
}

export function nestThreads<C extends ThreadComment>(roots: C[], replies: C[], maxDepth: number): ThreadNode<C>[] {
  const byId = new Map<number, C>([...roots, ...replies].map((comment) => [comment.id, comment]));
  const childrenOf = new Map<number, C[]>();
  for (const reply of replies) {
    const parentShown = reply.parentId !== null && byId.has(reply.parentId) ? reply.parentId : reply.rootId;
    if (parentShown === null || parentShown === reply.id) continue;
    const siblings = childrenOf.get(parentShown);
    if (siblings) siblings.push(reply);
    else childrenOf.set(parentShown, [reply]);
  }

  const deepest = Math.max(0, maxDepth - 1);
  function place(comment: C, level: number, shownUnder: C | null, into: ThreadNode<C>[]): void {
    const node: ThreadNode<C> = { comment, level, inReplyTo: null, replies: [] };
    const answered = comment.parentId === null ? null : (byId.get(comment.parentId) ?? null);
    if (answered && answered !== shownUnder) node.inReplyTo = answered;
    into.push(node);
    for (const child of childrenOf.get(comment.id) ?? []) {
      // At the deepest level, replies go beside their parent (into the same list), not under it.
      if (level < deepest) place(child, level + 1, comment, node.replies);
      else place(child, level, shownUnder, into);
    }
  }

  const threads: ThreadNode<C>[] = [];
  for (const root of roots) place(root, 0, null, threads);
  return threads;
}
