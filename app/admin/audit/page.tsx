import type { Metadata } from 'next';
import { requireAdminPage } from '@/server/auth/session';
import { listAuditLog } from '@/server/moderation/queries';
import { formatDateTime, pageParam } from '@/ui/format';
import { Pager } from '@/ui/pager';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  await requireAdminPage();
  const page = pageParam((await searchParams).page);
  const { entries, pageCount } = await listAuditLog(page);
  return (
    <>
      <h1>Audit log</h1>
      {entries.length === 0 ? (
        <p>Nothing has been changed yet.</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Comment</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time>
                </td>
                <td>{e.adminEmail}</td>
                <td>{e.action}</td>
                <td>{e.commentId ? `#${e.commentId}` : '—'}</td>
                <td>{e.fromStatus ?? '—'}</td>
                <td>{e.toStatus ?? (e.action === 'delete' ? 'deleted' : '—')}</td>
                <td>{e.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={page}
        pageCount={pageCount}
        href={(p) => `/admin/audit?page=${p}`}
        previousLabel="Newer entries"
        nextLabel="Older entries"
        label="Audit log pages"
      />
    </>
  );
}
