import { describe, expect, it } from "vitest";
import { ReflectiveMutationProposer, type ReflectiveMutationOptions } from "./reflective-mutation.js";

describe("ReflectiveMutationProposer", () => {
  it("refuses to skip perfect scores without a perfect score, naming the TypeScript options", () => {
    const options = { trainset: [], perfectScore: null, skipPerfectScore: true, log: () => {} } as unknown as ReflectiveMutationOptions<unknown>;
    expect(() => new ReflectiveMutationProposer(options)).toThrow(
      "`perfectScore` must be a number when `skipPerfectScore` is true (new GEPA({ perfectScore, ... })). If you do not have a perfect target score, set `skipPerfectScore: false`.",
    );
    expect(() => new ReflectiveMutationProposer({ ...options, skipPerfectScore: false })).not.toThrow();
  });
});
