import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serverProcess } from '../../../scripts/lib/compile-server.mjs';
import { ROOT } from '../../../scripts/lib/root';
import { ARTICLE, request } from './visitor';

/** The suite's own production build, never the one `npm start` (.next) or the e2e suite (.next-e2e) serve. */
export const DIST_DIR = '.next-resilience';

const START_TIMEOUT_MS = 120_000;

export interface RunningApp {
  /** Where the test connects, on 127.0.0.1. */
  port: number;
  /** What a browser on the site sends as Origin and Host. */
  origin: string;
  child: ChildProcess;
  /** Resolves when the process ends, with its exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
  /** The same, written as it comes to a file in the temporary folder; deleted by stop() unless keepLog is set. */
  logFile: string;
  keepLog: boolean;
  /** SIGTERM, then waits (bounded) for the exit. */
  stop(): Promise<void>;
}

/** A free loopback port, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The compiled server (`node <DIST_DIR>/web-server/server.mjs <port>`): exactly what production runs, on the suite's build. */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'REDIS_URL',
    'PORT',
    'DATABASE_POOL_MAX',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'VITEST',
    'VITEST_MODE',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
    'TEST',
  ])
    delete env[key];
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXT_DIST_DIR: DIST_DIR,
    SITE_URL: origin,
    TRUST_PROXY: '1',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  });
  const server = serverProcess(port, DIST_DIR);
  Object.assign(env, server.env, extraEnv);
  const child = spawn(process.execPath, server.args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const logFile = path.join(os.tmpdir(), `resilience-app-${port}.log`);
  const log = createWriteStream(logFile);
  const capture = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout!.on('data', capture);
  child.stderr!.on('data', capture);
  child.once('exit', () => log.end());
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not print "ready on" within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      if (!output.includes('ready on')) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve();
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the app exited during start-up (${code ?? signal}):\n${output}`));
    });
  });

  const app: RunningApp = {
    port,
    origin,
    child,
    exited,
    output: () => output,
    logFile,
    keepLog: false,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!this.keepLog) rmSync(logFile, { force: true });
    },
  };
  // The first render loads most of the app and can take many seconds on a busy machine: do it here,
  // so the tests' time bounds measure the app at work, not its start-up.
  try {
    for (const page of ['/', ARTICLE, '/api/health']) await request(app, page, { timeoutMs: START_TIMEOUT_MS });
  } catch (error) {
    app.keepLog = true;
    await app.stop();
    throw new Error(`the app did not serve its first pages (log: ${logFile}): ${(error as Error).message}`);
  }
  return app;
}
