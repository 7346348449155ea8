import { createRequire } from 'node:module';

/** The package version, read from package.json next to dist/ so it never drifts from the published one. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
