import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../src/context/settings.js";
import { main } from "./routing-feedback.js";

afterEach(() => resetSettings());

describe("examples/gepa/routing-feedback", () => {
  it("GEPA improves the seed program's held-out score within its LM-call budget, from feedback alone", async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line), ["--seed", "1", "--budget", "300"]);
    const [, before, after] = /seed program ([\d.]+) -> GEPA ([\d.]+)/.exec(lines.join("\n"))!.map(Number);
    expect(after).toBeGreaterThanOrEqual(before! + 25);
    const calls = Number(/LM calls (\d+)/.exec(lines.join("\n"))![1]);
    expect(calls).toBeLessThanOrEqual(300);
    // The rule came from the feedback: the instruction names signal words and queues.
    expect(lines.join("\n")).toMatch(/If the `message` mentions "[a-z]+".*set `route` to "[a-z]+"/);
  }, 60_000);
});
