import { describe, expect, it } from 'vitest';
import { createRng } from '@initlab/tensor';
import { closestNames, didYouMean, quotedList } from '../src/index.js';

/** Levenshtein distance by the plain recursive definition, memoised: an independent reference. */
function referenceDistance(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const value = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
    memo.set(key, value);
    return value;
  };
  return d(a.length, b.length);
}

describe('closestNames', () => {
  const initializers = ['xavier', 'he', 'glorotUniform', 'glorotNormal', 'kaimingNormal', 'kaimingUniform', 'normal'];

  it('suggests the name a typo away, ignoring case, `_`, `-` and spaces', () => {
    expect(closestNames('xaviar', initializers)).toEqual(['xavier']);
    expect(closestNames('glorot_uniform', initializers)).toEqual(['glorotUniform']);
    expect(closestNames('HE', initializers)).toEqual(['he']);
    expect(closestNames('Kaiming-Normal', initializers, { limit: 1 })).toEqual(['kaimingNormal']);
  });

  it('suggests the names a prefix of 3 letters or more begins', () => {
    expect(closestNames('kaiming', initializers)).toEqual(['kaimingNormal', 'kaimingUniform']);
    expect(closestNames('glo', initializers)).toEqual(['glorotNormal', 'glorotUniform']);
  });

  it('suggests nothing far off unless asked for every candidate', () => {
    expect(closestNames('swish', initializers)).toEqual([]);
    expect(closestNames('swish', ['relu', 'tanh', 'sigmoid'], { reach: 'all', limit: 2 })).toHaveLength(2);
  });

  it('keeps the order of the candidates among equally close names', () => {
    expect(closestNames('cat', ['car', 'bat', 'cab'])).toEqual(['car', 'bat', 'cab']);
    expect(closestNames('cat', ['cab', 'bat', 'car'], { limit: 2 })).toEqual(['cab', 'bat']);
  });

  it('ranks every candidate by edit distance, ties in their order, up to the limit', () => {
    const rng = createRng(7);
    const word = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + rng.nextInt(4))).join('');
    for (let trial = 0; trial < 50; trial++) {
      const name = word(1 + rng.nextInt(6));
      const candidates = Array.from({ length: 8 }, () => word(1 + rng.nextInt(7)));
      const expected = [...candidates]
        .sort((x, y) => referenceDistance(name, x) - referenceDistance(name, y))
        .slice(0, 5);
      expect(closestNames(name, candidates, { reach: 'all', limit: 5 })).toEqual(expected);
    }
  });
});

describe('quotedList', () => {
  it('quotes names and joins them as a sentence', () => {
    expect(quotedList([])).toBe('');
    expect(quotedList(['a'])).toBe("'a'");
    expect(quotedList(['a', 'b'])).toBe("'a' or 'b'");
    expect(quotedList(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'");
  });
});

describe('didYouMean', () => {
  it('asks about the close names, or says nothing when none is close', () => {
    expect(didYouMean('xaviar', ['xavier', 'he'])).toBe("did you mean 'xavier'?");
    expect(didYouMean('kaiming', ['kaimingNormal', 'kaimingUniform', 'he'])).toBe(
      "did you mean 'kaimingNormal' or 'kaimingUniform'?",
    );
    expect(didYouMean('swish', ['xavier', 'he'])).toBe('');
    expect(didYouMean('swish', ['relu', 'tanh', 'sigmoid'], { reach: 'all', limit: 1 })).toMatch(
      /^did you mean '\w+'\?$/,
    );
  });
});
