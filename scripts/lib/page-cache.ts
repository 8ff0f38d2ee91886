/**
 * The production server's memory cache of public pages (the index and articles), which are the same
 * for every reader without a session or a held comment (src/lib/public-pages.ts says which):
 *  - a page is kept for PAGE_CACHE_MS (0.5 s), under its path and the parameters that change it;
 *  - each page renders at most once at a time: readers who arrive while it renders get the copy it
 *    replaces (if that expired less than STALE_GRACE_MS ago) or wait for the render, so a busy article
 *    costs about two renders a second, however many readers it has;
 *  - the whole cache holds at most MAX_BYTES (least recently used pages go first) and expired pages
 *    are dropped, so no stream of distinct URLs can grow it;
 *  - every write a reader should see empties it (invalidate()); a render that began before such a
 *    write is neither kept nor joined by readers who arrive after it.
 * Other instances are at most PAGE_CACHE_MS + STALE_GRACE_MS behind.
 */
import { LRUCache } from 'lru-cache';

/** A complete answer, as the server would send it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** A page: the same for every reader, so it may be kept and shared (see edge.ts). */
  cacheable: boolean;
  storedAt: number;
}

/** How a reader was answered, sent as `x-page-cache`. */
export type CacheOutcome = 'hit' | 'stale' | 'shared' | 'miss';

const STALE_GRACE_MS = 500;
const MAX_BYTES = 64 * 1024 * 1024;

export class PageCache {
  readonly #pages: LRUCache<string, Answer>;
  /** Renders in progress, by key: readers of the same page wait for them. */
  readonly #rendering = new Map<string, Promise<Answer | null>>();
  /** Bumped by every write: a render that began under an older generation is not kept. */
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    maxBytes = MAX_BYTES,
  ) {
    this.#pages = new LRUCache<string, Answer>({
      maxSize: maxBytes,
      sizeCalculation: (page, key) => page.body.length + key.length + 512,
      ttl: ttlMs + STALE_GRACE_MS,
      ttlAutopurge: true,
    });
  }

  /** Bytes held now (bodies plus a little per entry). */
  get size(): number {
    return this.#pages.calculatedSize;
  }

  invalidate(): void {
    this.#generation++;
    this.#pages.clear();
    this.#rendering.clear();
  }

  /**
   * The answer for `key`: from memory, from a render already under way, or from `render()`. Only
   * cacheable answers are kept or shared; a reader who waited for a render that was not one renders
   * their own. A render that fails (rejects) is this reader's failure alone.
   */
  async serve(key: string, render: () => Promise<Answer>): Promise<{ answer: Answer; outcome: CacheOutcome }> {
    const hit = this.#pages.get(key);
    const age = hit ? Date.now() - hit.storedAt : Infinity;
    if (hit && age < this.ttlMs) return { answer: hit, outcome: 'hit' };
    const underway = this.#rendering.get(key);
    // While the one render of a page runs, the others get the copy it replaces, if only just expired
    // (the LRU drops it STALE_GRACE_MS after its time): nobody else waits for the render, the p99 stays flat.
    if (underway && hit) return { answer: hit, outcome: 'stale' };
    if (underway) {
      const shared = await underway;
      if (shared?.cacheable) return { answer: shared, outcome: 'shared' };
      return { answer: await this.#renderAndKeep(key, render), outcome: 'miss' };
    }

    const startedIn = this.#generation;
    const rendering = this.#renderAndKeep(key, render);
    this.#rendering.set(
      key,
      rendering.catch(() => null),
    );
    try {
      return { answer: await rendering, outcome: 'miss' };
    } finally {
      if (startedIn === this.#generation) this.#rendering.delete(key);
    }
  }

  /** Renders, and keeps the answer if it is a page and no write came while it rendered. */
  async #renderAndKeep(key: string, render: () => Promise<Answer>): Promise<Answer> {
    const startedIn = this.#generation;
    const answer = await render();
    if (answer.cacheable && startedIn === this.#generation) this.#pages.set(key, answer);
    return answer;
  }
}
