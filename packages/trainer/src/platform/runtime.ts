/** True on Node (also inside its worker threads), false in a browser. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}
