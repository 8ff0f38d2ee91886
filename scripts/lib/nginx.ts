/**
 * nginx (Debian's nginx-light) running deploy/nginx.conf in front of an app on this machine, in a
 * temporary folder of its own: for the bench and for the tests that check the recipe itself.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './root';

export interface RunningNginx {
  port: number;
  /** Its folder: configuration, cache, error log. */
  dir: string;
  stop(): void;
}

export function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
}

/** Starts nginx on `port` with deploy/nginx.conf, proxying to the app on `appPort`; throws when it cannot. */
export function startNginx(options: { appPort: number; port: number; extraLocation?: (dir: string) => string }): RunningNginx {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nginx-'));
  // nginx's workers run as an unprivileged user; mkdtemp makes the folder root-only.
  chmodSync(dir, 0o755);
  const site = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replaceAll('127.0.0.1:3000', `127.0.0.1:${options.appPort}`)
    .replace(/listen 80;/, `listen ${options.port};`)
    .replace('/var/cache/nginx/commentary', path.join(dir, 'cache'))
    .replace('# BENCH_FILE_LOCATION', options.extraLocation?.(dir) ?? '');
  const conf = `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\ndaemon on;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  ${site}\n}\n`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const result = spawnSync(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${result.stderr}`);
  }
  return {
    port: options.port,
    dir,
    stop() {
      const pidFile = path.join(dir, 'nginx.pid');
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGQUIT');
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
    },
  };
}
