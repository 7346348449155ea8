// How the root scripts call pnpm. pnpm sets npm_execpath to itself (a native binary in pnpm 12, a script in older
// ones), which also works when pnpm came through npx and is not on PATH.

/** The command, arguments and spawn options that run `pnpm ...args`. */
export function pnpmCommand(args) {
  const pnpm = process.env.npm_execpath;
  if (!pnpm) return { command: 'pnpm', args, options: { shell: process.platform === 'win32' } };
  if (/\.[cm]?js$/.test(pnpm)) return { command: process.execPath, args: [pnpm, ...args], options: {} };
  return { command: pnpm, args, options: {} };
}
