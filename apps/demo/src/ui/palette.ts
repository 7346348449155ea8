/** Colours for runs: distinguishable, and readable on white (Okabe–Ito, then Tableau). */
const COLOURS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#000000',
  '#8c564b',
  '#7f7f7f',
  '#bcbd22',
];

/** The colour of the `index`-th run. */
export function runColour(index: number): string {
  return COLOURS[index % COLOURS.length];
}
