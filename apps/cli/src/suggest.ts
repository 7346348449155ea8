import { closestNames, quotedList } from '@initlab/tensor';

/** "did you mean 'a', 'b' or 'c'?" */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const names = closestNames(name, candidates, { reach: 'all' });
  return names.length === 0 ? '' : `did you mean ${quotedList(names)}?`;
}
