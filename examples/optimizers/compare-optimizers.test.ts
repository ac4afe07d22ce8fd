import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../src/context/settings.js";
import { compareOptimizers } from "./compare-optimizers.js";

afterEach(() => resetSettings());

describe("examples/optimizers/compare-optimizers", () => {
  it("MIPROv2 beats BootstrapRS on held-out data with the same LM-call budget (a rule must be stated)", async () => {
    const figures = await compareOptimizers({ seed: 1, lmCalls: 600, only: ["BootstrapRS", "MIPROv2"] });
    const [rs, mipro] = figures;
    expect(rs?.optimizer).toBe("BootstrapRS");
    expect(mipro?.optimizer).toBe("MIPROv2");
    for (const f of figures) expect(f.lmCalls).toBeLessThanOrEqual(600);
    expect(mipro!.testScore).toBeGreaterThan(rs!.testScore + 10);
  }, 60_000);
});
