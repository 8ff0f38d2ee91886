import Link from 'next/link';
import type { Metadata } from 'next';
import { getAdmin } from '@/server/auth/session';
import { signOutAction } from '@/server/auth/actions';

export const metadata: Metadata = { title: 'Admin', robots: { index: false, follow: false } };

// Navigation only: every admin page and action checks the session itself (requireAdmin*).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await getAdmin();
  return (
    <div className="admin">
      {admin && (
        <nav className="admin-nav" aria-label="Admin">
          <Link href="/admin/comments">Comments</Link>
          <Link href="/admin/posts">Posts</Link>
          <Link href="/admin/settings">Settings</Link>
          <Link href="/admin/audit">Audit log</Link>
          <Link href="/admin/account">Account</Link>
          <form action={signOutAction} className="inline">
            <button type="submit" className="link-button">
              Sign out ({admin.name})
            </button>
          </form>
        </nav>
      )}
      {children}
    </div>
  );
}
