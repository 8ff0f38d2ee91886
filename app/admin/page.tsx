import { redirect } from 'next/navigation';
import { requireAdminPage } from '@/server/auth/session';

export default async function AdminHome() {
  await requireAdminPage();
  redirect('/admin/comments');
}
