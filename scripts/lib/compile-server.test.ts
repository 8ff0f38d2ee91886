import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileServer, serverBundle, serverNeedsCompile, serverProcess } from './compile-server.mjs';
import { ROOT } from './root';

// A build folder of its own, in the checkout (the bundle's imports resolve from node_modules above
// it) but where no build, linter or git looks.
const cache = path.join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const folder = mkdtempSync(path.join(cache, 'compile-server-test-'));
const distDir = path.relative(ROOT, folder);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the compiled web server', () => {
  it('is compiled when missing, then up to date, then stale once a source is newer than it', async () => {
    expect(serverNeedsCompile(distDir)).toBe(true);
    await compileServer(distDir);
    expect(serverNeedsCompile(distDir)).toBe(false);
    const inputs = JSON.parse(readFileSync(`${serverBundle(distDir)}.inputs.json`, 'utf8')) as string[];
    expect(inputs).toEqual(expect.arrayContaining(['scripts/server.ts', 'scripts/lib/edge.ts', 'next.config.mjs']));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(serverBundle(distDir), anHourAgo, anHourAgo);
    expect(serverNeedsCompile(distDir)).toBe(true);
  }, 30_000);

  it('finds the repository from its own folder, and runs without a TypeScript loader', async () => {
    await compileServer(distDir);
    // Loads the module as npm start does (its imports resolve, no tsx), without starting a server.
    const script = `const m = await import(${JSON.stringify(serverBundle(distDir))}); console.log(typeof m.startServer);`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: os.tmpdir(), encoding: 'utf8' }).trim()).toBe('function');
    const root = /__sourcePath\(("[^"]+")\), "\.\.\/\.\."\)/.exec(readFileSync(serverBundle(distDir), 'utf8'))?.[1];
    expect(path.resolve(path.dirname(serverBundle(distDir)), JSON.parse(root!), '../..')).toBe(ROOT);
  }, 30_000);

  it('runs with the Node.js flags and environment npm start gives it', () => {
    const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const { args, env } = serverProcess(3000, distDir);
    expect(args.slice(-2)).toEqual([serverBundle(distDir), '3000']);
    for (const flag of args.slice(0, -2)) expect(start).toContain(` ${flag} `);
    for (const [name, value] of Object.entries(env)) expect(start).toContain(` ${name}=${value} `);
    expect(args.length - 2 + Object.keys(env).length).toBe(
      start
        .split(' scripts/start.mjs')[0]!
        .split(/\s+/)
        .filter((w) => w.startsWith('--') || w.includes('=')).length,
    );
  });
});
