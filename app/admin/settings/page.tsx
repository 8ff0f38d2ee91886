import type { Metadata } from 'next';
import { requireAdminPage } from '@/server/auth/session';
import { getSettings } from '@/server/moderation/settings';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Discussion settings' };

export default async function SettingsPage() {
  await requireAdminPage();
  const settings = await getSettings();
  return (
    <>
      <h1>Discussion settings</h1>
      <SettingsForm settings={settings} />
    </>
  );
}
