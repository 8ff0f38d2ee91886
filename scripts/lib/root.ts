import path from 'node:path';

/** The repository's top folder, where package.json is: scripts resolve the app's files from here. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
