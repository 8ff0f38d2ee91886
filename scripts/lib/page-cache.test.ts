import { describe, expect, it } from 'vitest';
import { PageCache, type Answer } from './page-cache';

const page = (bytes: number, cacheable = true): Answer => ({ status: 200, headers: {}, body: Buffer.alloc(bytes, 'x'), cacheable, storedAt: Date.now() });

describe('the page cache', () => {
  it('stays under its cap in bytes under 10,000 distinct pages', async () => {
    const cap = 1024 * 1024;
    const cache = new PageCache(60_000, cap);
    for (let i = 0; i < 10_000; i++) {
      await cache.serve(`/posts/p?cpage=${i}`, async () => page(10 * 1024));
      expect(cache.size).toBeLessThanOrEqual(cap);
    }
    expect(cache.size).toBeGreaterThan(cap / 2);
  });

  it('drops pages once they expire', async () => {
    const cache = new PageCache(20);
    await cache.serve('/', async () => page(1000));
    expect(cache.size).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 20 + 500 + 100));
    expect(cache.size).toBe(0);
  });

  it('renders a page once for readers who arrive together, and keeps only pages', async () => {
    const cache = new PageCache(60_000);
    let renders = 0;
    const slow = () => new Promise<Answer>((resolve) => setTimeout(() => resolve(page(10, renders++ > 0)), 20));
    const answers = await Promise.all([1, 2, 3].map(() => cache.serve('/', slow)));
    // The first render was not a page (say, a 404 with a cookie): the two who waited render their own.
    expect(answers.map((a) => a.outcome)).toEqual(['miss', 'miss', 'miss']);
    expect((await cache.serve('/', slow)).outcome).toBe('hit');
  });

  it('keeps no render that began before an invalidation', async () => {
    const cache = new PageCache(60_000);
    let release!: () => void;
    const pending = cache.serve('/', () => new Promise<Answer>((resolve) => (release = () => resolve(page(10)))));
    cache.invalidate();
    release();
    await pending;
    expect(cache.size).toBe(0);
  });
});
