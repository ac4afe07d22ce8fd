import { describe, expect, it } from "vitest";
import { compare } from "./routing-feedback.js";

describe("GEPA example: a routing rule discovered from feedback, on the simulator", () => {
  it("improves the held-out score of the seed program within its LM-call budget", async () => {
    const rows = await compare({ seed: 1, lmCalls: 300, only: ["seed program", "GEPA"] });
    const [seed, gepa] = rows;
    expect(seed!.optimizer).toBe("seed program");
    expect(gepa!.optimizer).toBe("GEPA");
    expect(gepa!.lmCalls).toBeLessThanOrEqual(300);
    expect(gepa!.heldOut).toBeGreaterThanOrEqual(seed!.heldOut + 25);
  });
});
