/**
 * Compiles the production web server (scripts/server.ts and the files of this repository it imports)
 * into one plain JavaScript module, `<distDir>/web-server/server.mjs`, next to the Next.js build it
 * serves: production runs no TypeScript loader, and each build folder (.next, .next-e2e,
 * .next-resilience) carries the server compiled from the same sources. Packages stay imports, resolved
 * from node_modules at run time. `next build` empties its folder, so this runs after it
 * (scripts/lib/build.ts).
 *   node scripts/lib/compile-server.mjs [distDir]
 *
 * Plain JavaScript, so that scripts/start.mjs can use it without a loader.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'scripts', 'server.ts');
// Besides the bundled files, what changes the output: this file and the TypeScript settings (paths).
const ALWAYS_INPUTS = [import.meta.filename, path.join(ROOT, 'tsconfig.json')];

/** The compiled server for the build in `distDir`. */
export function serverBundle(distDir = process.env.NEXT_DIST_DIR || '.next') {
  return path.join(ROOT, distDir, 'web-server', 'server.mjs');
}

/**
 * How to run the compiled server on `port` as `npm start` runs it: the Node.js flags and the
 * environment variables package.json's "start" script gives it (`exec env NAME=value node --flag
 * scripts/start.mjs`), so the test suites run the server as production does.
 */
export function serverProcess(port, distDir) {
  const start = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const words = start.slice(0, start.indexOf('scripts/start.mjs')).split(/\s+/);
  const env = Object.fromEntries(
    words.filter((word) => /^[A-Z_][A-Z0-9_]*=/.test(word)).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
  );
  const flags = words.filter((word) => word.startsWith('--'));
  return { args: [...flags, serverBundle(distDir), String(port)], env };
}

const inputsFile = (bundle) => `${bundle}.inputs.json`;

/** True when the compiled server is missing or older than any file it was compiled from. */
export function serverNeedsCompile(distDir) {
  const bundle = serverBundle(distDir);
  if (!existsSync(bundle) || !existsSync(inputsFile(bundle))) return true;
  const builtAt = statSync(bundle).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile(bundle), 'utf8'));
  } catch {
    return true;
  }
  return [...ALWAYS_INPUTS, ...inputs.map((file) => path.join(ROOT, file))].some((file) => !existsSync(file) || statSync(file).mtimeMs > builtAt);
}

/**
 * A bundled module's `import.meta` would be the bundle's: in every file but the entry (whose
 * import.meta tells whether it was run directly), `import.meta.dirname`, `.filename` and `.url` are
 * rewritten to the source file's own location, found from the bundle's, so paths computed from them
 * (scripts/lib/root.ts) stay right wherever the checkout is.
 */
function keepSourceLocation(outdir) {
  return {
    name: 'keep-source-location',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`) || args.path === ENTRY) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const file = JSON.stringify(path.relative(outdir, args.path));
        const contents = text
          .replaceAll('import.meta.dirname', `__sourcePath(${JSON.stringify(path.relative(outdir, path.dirname(args.path)))})`)
          .replaceAll('import.meta.filename', `__sourcePath(${file})`)
          .replaceAll('import.meta.url', `__sourceUrl(${file})`);
        return { contents, loader: path.extname(args.path).slice(1).replace(/^[cm]/, '') };
      });
    },
  };
}

const BANNER = [
  '// Compiled by scripts/lib/compile-server.mjs from scripts/server.ts; do not edit.',
  "import { resolve as __resolvePath } from 'node:path';",
  "import { pathToFileURL as __pathToFileURL } from 'node:url';",
  'const __sourcePath = (relative) => __resolvePath(import.meta.dirname, relative);',
  'const __sourceUrl = (relative) => __pathToFileURL(__sourcePath(relative)).href;',
].join('\n');

/** Writes `<distDir>/web-server/server.mjs` (and the list of its inputs), replacing it in one step. */
export async function compileServer(distDir) {
  // esbuild comes with tsx (a dependency): its JavaScript API works without its install script,
  // since npm installs the binary for this platform as an optional dependency (@esbuild/<platform>).
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = require('esbuild');
  const bundle = serverBundle(distDir);
  const outdir = path.dirname(bundle);
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    absWorkingDir: ROOT,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    banner: { js: BANNER },
    plugins: [keepSourceLocation(outdir)],
    metafile: true,
    write: false,
    outfile: bundle,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs); // relative to ROOT (absWorkingDir)
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(`${temporary}.inputs`, JSON.stringify(inputs, null, 1));
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(`${temporary}.inputs`, inputsFile(bundle));
  renameSync(temporary, bundle);
}

if (process.argv[1] === import.meta.filename) {
  const distDir = process.argv[2];
  await compileServer(distDir);
  console.log(`[build] compiled the web server into ${path.relative(ROOT, serverBundle(distDir))}`);
}
