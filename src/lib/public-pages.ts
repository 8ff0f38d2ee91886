/**
 * Which pages are the same for every reader, what makes a request private, and which request headers
 * belong to Next.js's own client: one list that the app, the production server (scripts/lib/edge.ts)
 * and deploy/nginx.conf follow (tests/public-pages.test.ts fails when nginx's copy disagrees).
 * Plain data, no imports: the server loads it before Next.js.
 */

/** next-auth's session cookie; on https it carries the `__Secure-` prefix. */
export const SESSION_COOKIE = 'next-auth.session-token';
/** The signed ids of a visitor's comments that await moderation (src/server/comments/visitor-cookie.ts). */
export const PENDING_COMMENTS_COOKIE = 'pending_comments';

/** A request with one of these cookies gets its own page: never stored in, or served from, a shared cache. */
export const PRIVATE_COOKIES = [SESSION_COOKIE, PENDING_COMMENTS_COOKIE] as const;
const PRIVATE_COOKIE = new RegExp(`(?:^|;\\s*)(?:__Secure-)?(?:${PRIVATE_COOKIES.map((name) => name.replace(/[.]/g, '\\.')).join('|')})=`);

export function hasPrivateCookie(cookieHeader: string | undefined): boolean {
  return PRIVATE_COOKIE.test(cookieHeader ?? '');
}

/**
 * The public pages, each with the only query parameters that change it: a page is cached under its
 * path and these, so `?z=<anything>` cannot make a new cache entry.
 */
export const PUBLIC_PAGES = [
  { path: /^\/$/, params: ['page'] },
  // cpage: a comment page (none: the page the settings open on); replytocom: the reply form without
  // JavaScript (WordPress's URL); comment: a permalink, answered with a redirect to its page.
  { path: /^\/posts\/[a-z0-9-]{1,200}\/?$/, params: ['cpage', 'replytocom', 'comment'] },
  // The feeds and the sitemap: the same for everyone, changed by the same writes.
  { path: /^\/feed\.xml$/, params: [] },
  { path: /^\/comments\/feed\.xml$/, params: [] },
  { path: /^\/posts\/[a-z0-9-]{1,200}\/feed\.xml$/, params: [] },
  { path: /^\/sitemap\.xml$/, params: [] },
] as const;

/** What a public page may be: a document, a feed or the sitemap (anything else is never kept for others). */
export const PUBLIC_CONTENT_TYPES = ['text/html', 'application/atom+xml', 'application/xml'] as const;

export function isPublicContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (PUBLIC_CONTENT_TYPES as readonly string[]).includes(type);
}

/** A positive number from the query string (a page, a comment id), as every page reads it; null for anything else. */
export function queryNumber(value: string | string[] | undefined | null): number | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null || first.trim() === '') return null;
  const number = Number(first);
  return Number.isSafeInteger(number) && number > 0 && number <= 2_147_483_647 ? number : null;
}

/** A page number from the query string: anything but a positive integer is page 1. */
export function pageNumber(value: string | string[] | undefined): number {
  return queryNumber(value) ?? 1;
}

/** How many pages `total` items fill at `perPage` a page: at least one, which then says there is nothing. */
export function pageCountOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * The cache key of a public page (its path and the numeric parameters that change it, in a fixed
 * order, as the page reads them: a parameter that is not a positive number is as good as absent),
 * or null when the URL is not one.
 */
export function publicPageKey(url: URL): string | null {
  const page = PUBLIC_PAGES.find((candidate) => candidate.path.test(url.pathname));
  if (!page) return null;
  const kept = new URLSearchParams();
  for (const name of page.params) {
    const number = queryNumber(url.searchParams.get(name));
    if (number !== null) kept.set(name, String(number));
  }
  const query = kept.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/**
 * Headers Next.js's client router sends (next/dist/client/components/app-router-headers.js). A request
 * with one of them asks for a React Server Components payload or an action, not a page: it is passed on
 * to Next.js but never cached as a page.
 */
export const NEXT_CLIENT_HEADERS = [
  'rsc',
  'next-action',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
] as const;

/** What a public page's answer varies on: the router headers above, the encoding, and the private cookies. */
export const PUBLIC_PAGE_VARY = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  'accept-encoding',
  'cookie',
].join(', ');

/** How long shared caches (nginx, a CDN) may keep a public page: a moderation change shows within s-maxage plus one refresh. */
export const SHARED_CACHE_CONTROL = 'public, max-age=0, s-maxage=2, stale-while-revalidate=3';
