import { expect } from "vitest";

/**
 * Asserts that the inputs where tsdspy disagrees with Python are exactly the listed known differences: no unlisted
 * disagreement, and no listed one that has started to agree (the list must be kept honest).
 */
export function expectOnlyKnownDifferences(found: ReadonlyMap<string, string>, known: Readonly<Record<string, string>>): void {
  const unexpected = [...found].filter(([input]) => !(input in known));
  expect(unexpected.map(([input, detail]) => `${JSON.stringify(input)}: ${detail}`)).toStrictEqual([]);
  expect(Object.keys(known).filter((input) => !found.has(input))).toStrictEqual([]);
}
