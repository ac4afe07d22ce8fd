import { describe, expect, it } from "vitest";
import { ValueError } from "../errors/value-error.js";
import { MersenneTwister } from "./mersenne-twister.js";

describe("MersenneTwister", () => {
  it("matches the MT19937 reference outputs (mt19937ar.out) for init_by_array({0x123, 0x234, 0x345, 0x456})", () => {
    const mt = new MersenneTwister();
    mt.seedWithKey([0x123, 0x234, 0x345, 0x456]);
    expect(Array.from({ length: 5 }, () => mt.nextUint32())).toEqual([1067595299, 955945823, 477289528, 4107218783, 4228976476]);
  });

  it("matches the reference default seed 5489 and seeds itself with it when never seeded", () => {
    const seeded = new MersenneTwister();
    seeded.seedWithInteger(5489);
    expect(seeded.nextUint32()).toBe(3499211612);
    expect(new MersenneTwister().nextUint32()).toBe(3499211612);
  });

  it("exports and imports its state, and refuses malformed states", () => {
    const mt = new MersenneTwister();
    mt.seedWithKey([7]);
    mt.nextUint32();
    const state = mt.exportState();
    expect(state).toHaveLength(625);
    expect(state[624]).toBe(1);
    const next = [mt.nextUint32(), mt.nextUint32()];
    const copy = new MersenneTwister();
    copy.importState(state.slice(0, 624), state[624] as number);
    expect([copy.nextUint32(), copy.nextUint32()]).toEqual(next);
    expect(() => copy.importState(state.slice(0, 10), 0)).toThrow(new ValueError("state vector is the wrong size"));
    expect(() => copy.importState(state.slice(0, 624), 625)).toThrow(new ValueError("invalid state"));
    expect(() => copy.importState([...state.slice(0, 623), 2 ** 32], 0)).toThrow(new ValueError("invalid state"));
    expect(() => mt.seedWithKey([])).toThrow(ValueError);
  });
});
