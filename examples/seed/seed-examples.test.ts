import { describe, expect, it } from "vitest";
import { EXPECTED_OUTPUT, PORTED } from "./expected.js";
import type { Print } from "./run-example.js";

describe("the article's runnable snippets", () => {
  for (const name of PORTED) {
    it(`${name} prints the article's output`, async () => {
      const { main } = (await import(`./${name}.ts`)) as { main: (print: Print) => Promise<void> | void };
      const lines: string[] = [];
      await main((line) => lines.push(line));
      expect(lines.join("\n")).toBe(EXPECTED_OUTPUT[name]);
    });
  }
});
