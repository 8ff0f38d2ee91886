import type { NoticeText } from '@/lib/admin-notices';

/** What an admin action said, on the page it came back to: read out by screen readers as it appears. */
export function Notice({ notice }: { notice: NoticeText }) {
  return (
    <p className={notice.kind === 'error' ? 'form-message' : 'notice-success'} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
