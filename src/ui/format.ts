// Server components only: in a client component, env.ts (and zod with it) would join the reader's bundle.
import 'server-only';
import { pageNumber } from '@/lib/public-pages';
import { siteEnv } from '@/server/env';

const timeZone = siteEnv.SITE_TIME_ZONE;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

export function formatDateTime(date: Date): string {
  return `${dateFormat.format(date)} at ${timeFormat.format(date)}`;
}

/** Page numbers from the query string: anything odd means page 1. */
/** The cache key of a public page is built from the same reading (src/lib/public-pages.ts). */
export const pageParam = pageNumber;
