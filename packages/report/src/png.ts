import { Resvg } from '@resvg/resvg-js';

/** PNGs are drawn at twice the SVG's size so they stay sharp on high-density screens and in slides. */
const PNG_ZOOM = 2;

/** Rasterises SVG text to PNG bytes with the system fonts (DejaVu Sans first). Node only (a native module). */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
