import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec headlessly to SVG text (in Node and in a browser alike). Vega loads on the first
 * call, so importing the package (e.g. for the run summary while training) costs nothing of its size.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
