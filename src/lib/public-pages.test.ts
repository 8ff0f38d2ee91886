import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasPrivateCookie, PRIVATE_COOKIES, publicPageKey } from './public-pages';

describe('public pages', () => {
  it('key a page on its path and the parameters that change it, nothing else', () => {
    const key = (path: string) => publicPageKey(new URL(path, 'http://localhost'));
    expect(key('/posts/a-post?z=1&cpage=2&utm_source=x')).toBe('/posts/a-post?cpage=2');
    expect(key('/posts/a-post?z=2')).toBe('/posts/a-post');
    expect(key('/?page=3&cpage=9')).toBe('/?page=3');
    // The same page number the page itself reads, however it is written.
    expect(key('/posts/a-post?cpage=1e2')).toBe('/posts/a-post?cpage=100');
    // An explicit first page is not the default page: an article may open on its newest.
    expect(key('/posts/a-post?cpage=0001')).toBe('/posts/a-post?cpage=1');
    expect(key('/posts/a-post?replytocom=7&cpage=2&comment=x')).toBe('/posts/a-post?cpage=2&replytocom=7');
    expect(key('/posts/a-post?cpage=abc')).toBe('/posts/a-post');
    expect(key('/posts/a-post?cpage=2&cpage=3')).toBe('/posts/a-post?cpage=2');
    expect(key('/admin/comments')).toBeNull();
    expect(key('/posts/a-post/feed')).toBeNull();
    expect(key('/posts/a-post/feed.xml?x=1')).toBe('/posts/a-post/feed.xml');
    expect(key('/comments/feed.xml')).toBe('/comments/feed.xml');
    expect(key('/posts/A_Post')).toBeNull();
  });

  it('know the cookies that make a page private, with or without the __Secure- prefix', () => {
    expect(hasPrivateCookie('theme=dark; pending_comments=1.abc')).toBe(true);
    expect(hasPrivateCookie('__Secure-next-auth.session-token=x')).toBe(true);
    expect(hasPrivateCookie('next-auth.csrf-token=x; xpending_comments=1')).toBe(false);
    expect(hasPrivateCookie(undefined)).toBe(false);
  });

  it('are the same pages for deploy/nginx.conf: its private-cookie map names exactly PRIVATE_COOKIES', () => {
    const conf = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');
    const map = /map \$http_cookie \$commentary_private \{[\s\S]*?"~([^"]+)" 1;/.exec(conf);
    expect(map, 'the $commentary_private map in deploy/nginx.conf').not.toBeNull();
    const names = /\(([^()]*\|[^()]*)\)=$/
      .exec(map![1]!)![1]!
      .split('|')
      .map((name) => name.replaceAll('\\.', '.'));
    expect(names.sort()).toEqual([...PRIVATE_COOKIES].sort());
    const nginxPattern = new RegExp(map![1]!.replaceAll('\\s', '\\s'));
    for (const name of PRIVATE_COOKIES) {
      for (const cookie of [`${name}=1`, `a=b; ${name}=1`, `__Secure-${name}=1`]) expect(nginxPattern.test(cookie), cookie).toBe(hasPrivateCookie(cookie));
    }
  });
});
