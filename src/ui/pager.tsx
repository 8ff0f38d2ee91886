import Link from 'next/link';

/** Links to the pages either side of this one; plain links, so they work without JavaScript. */
export function Pager(props: { page: number; pageCount: number; href: (page: number) => string; previousLabel: string; nextLabel: string; label?: string }) {
  const { page, pageCount, href } = props;
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label={props.label ?? 'Pagination'}>
      {page > 1 ? <Link href={href(page - 1)}>← {props.previousLabel}</Link> : <span />}
      <span className="meta">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link href={href(page + 1)}>{props.nextLabel} →</Link> : <span />}
    </nav>
  );
}
