import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The lowest versions without known advisories in this stack (SECURITY.md keeps the list and its
 * sources). The build fails here before a downgrade ships.
 */
const VERSION_FLOORS: Record<string, string> = {
  next: '16.3.3',
  react: '19.2.8',
  'react-dom': '19.2.8',
  'next-auth': '4.24.15',
};

const require = createRequire(import.meta.url);

// The copies the app resolves (some packages do not export their package.json).
function installedVersion(name: string): string {
  const manifest = path.resolve(import.meta.dirname, '../../node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
  const parts = (v: string) => v.split('-')[0]!.split('.').map(Number);
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  // A pre-release of the floor itself (16.3.3-canary) comes before the fix.
  return !version.includes('-');
}

describe('dependency versions', () => {
  it.each(Object.entries(VERSION_FLOORS))('%s is at or above %s', (name, floor) => {
    expect(atLeast(installedVersion(name), floor), `${name} ${installedVersion(name)} < ${floor}`).toBe(true);
  });

  it('nodemailer is not installed (its advisories would need nodemailer ≥ 9.0.1)', () => {
    expect(() => require.resolve('nodemailer')).toThrow();
  });

  it('compares versions the way the floors need', () => {
    expect(atLeast('16.4.6', '16.3.3')).toBe(true);
    expect(atLeast('16.3.3', '16.3.3')).toBe(true);
    expect(atLeast('16.3.2', '16.3.3')).toBe(false);
    expect(atLeast('15.9.9', '16.3.3')).toBe(false);
    expect(atLeast('16.3.3-canary.1', '16.3.3')).toBe(false);
    expect(atLeast('19.10.0', '19.2.8')).toBe(true);
  });
});
