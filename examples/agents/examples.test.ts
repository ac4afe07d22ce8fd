import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../src/context/settings.js";
import type { Print } from "../seed/run-example.js";

/** Every module of the agents, refinement and retrieval families runs offline in an example. */
const EXPECTED: Record<string, string> = {
  "agents/react":
    'capital({"country":"France"}) -> "Paris"\npopulation({"city":"Paris"}) -> 2102650\nfinish({}) -> "Completed."\nanswer: Paris, with about 2.1 million people',
  "agents/react-v2": 'turn: Compute both parts at once. -> add=5, multiply=20\nturn: 5 + 20 = 25. -> submit={"answer":25}\nanswer: 25 (submit)',
  "agents/mcp":
    "add, whose description is <desc>Add two numbers.</desc>. It takes arguments {'a': {'type': 'number', 'description': 'First'}, 'b': {'type': 'number'}}.\n" +
    "weather, whose description is <desc>Weather of a city.</desc>. It takes arguments {'city': {'type': 'string'}, 'unit': {'type': 'string', 'enum': ['C', 'F']}}.\n" +
    'observations: ["Sunny in Oslo","42"]\nanswer: Sunny in Oslo; 42',
  "agents/refine":
    "BestOfN: Brussels\nRefine: Brussels (hint given: Answer with the city name only.)\nMultiChainComparison: Brussels — Two of three say Brussels, correctly.",
  "agents/two-step": 'main LM saw: "word: strawberry\\n\\nletter: r"\ncount: 3 (number)',
  "retrieval/embeddings":
    "Embeddings: 2, 3 — Damaged items: damaged items are replaced free of charge; send a photo within 14 days.\n" +
    "Retrieve (BM25): Refund timing: refunds reach the original payment method in 3 to 5 business days.\nreloaded: 2, 3",
  "retrieval/multi-hop":
    "hops: 2, passages per hop: 3\nresolution: Your parcel is over 5 days late, so we refund your shipping fee in full (Late deliveries policy); it reaches your card in 3 to 5 business days (Refund timing).\n" +
    "predictors: generate_query[0].predict, generate_query[1].predict, generate_resolution.predict",
};

const LOADERS: Record<string, () => Promise<{ main: (print: Print) => Promise<void> }>> = {
  "agents/react": () => import("./react.js"),
  "agents/react-v2": () => import("./react-v2.js"),
  "agents/mcp": () => import("./mcp.js"),
  "agents/refine": () => import("./refine.js"),
  "agents/two-step": () => import("./two-step.js"),
  "retrieval/embeddings": () => import("../retrieval/embeddings.js"),
  "retrieval/multi-hop": () => import("../retrieval/multi-hop.js"),
};

afterEach(() => resetSettings());

describe("agents, refinement and retrieval examples", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name} runs offline and prints what it should`, async () => {
      const { main } = await LOADERS[name]!();
      const lines: string[] = [];
      await main((line) => lines.push(line));
      expect(lines.join("\n")).toBe(expected);
    });
  }
});

/** The docs show the examples' `#region snippet` code verbatim, so every snippet there is code these tests run. */
describe("docs snippets are the examples' code", () => {
  const region = (file: string) => {
    const text = readFileSync(new URL(`../${file}.ts`, import.meta.url), "utf8");
    const body = text.split("// #region snippet\n")[1]!.split("// #endregion")[0]!;
    const lines = body.replace(/\n$/, "").split("\n");
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    return lines.map((l) => l.slice(indent)).join("\n");
  };
  const PAGES: Record<string, string[]> = {
    "tools-and-agents": ["agents/react", "agents/react-v2", "agents/mcp", "agents/two-step"],
    refinement: ["agents/refine"],
    retrieval: ["retrieval/embeddings"],
  };
  for (const [page, files] of Object.entries(PAGES)) {
    it(`docs/${page}.md`, () => {
      const doc = readFileSync(new URL(`../../docs/${page}.md`, import.meta.url), "utf8");
      for (const file of files) expect(doc, `${file} snippet`).toContain(`\`\`\`ts\n${region(file)}\n\`\`\``);
    });
  }
});
