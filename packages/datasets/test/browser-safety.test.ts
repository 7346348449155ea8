import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as browserEntry from '../src/browser.js';
import * as nodeEntry from '../src/index.js';

const SOURCE = new URL('../src/', import.meta.url);

/** Specifiers of a module's static value imports/re-exports (type-only ones are erased; `import()` is not static). */
function staticImports(file: string): string[] {
  const text = readFileSync(new URL(file, SOURCE), 'utf8');
  return [...text.matchAll(/^(import|export)\s(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)].map((match) => match[2]);
}

/** Every source file a module reaches statically, and the packages it imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('./')) pending.push(specifier.slice(2).replace(/\.js$/, '.ts'));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('browser safety', () => {
  it('the main entry reaches the file reader only through the dynamic import in loadMnist', () => {
    const { files, packages } = reach('index.ts');
    expect(files.has('load.ts')).toBe(true);
    expect(files.has('mnist-node.ts')).toBe(false);
    expect([...packages]).toEqual(['@initlab/tensor']);
    expect(readFileSync(new URL('load.ts', SOURCE), 'utf8')).toContain("await import('./mnist-node.js')");
  });

  it('the browser entry does not reach it at all', () => {
    const { files, packages } = reach('browser.ts');
    expect(files.has('load.ts')).toBe(false);
    expect(files.has('mnist-node.ts')).toBe(false);
    expect([...packages]).toEqual(['@initlab/tensor']);
  });

  it('the walk would catch a Node import', () => {
    expect(staticImports('mnist-node.ts')).toContain('node:fs/promises');
  });

  it('both entries export the same names; the browser loadMnist points to parseMnist', async () => {
    expect(Object.keys(browserEntry).sort()).toEqual(Object.keys(nodeEntry).sort());
    const error = await browserEntry.loadMnist().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(nodeEntry.DatasetError);
    expect((error as Error).message).toMatch(/runs only in Node; in a browser, .* call parseMnist/);
  });
});
