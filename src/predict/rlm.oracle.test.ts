import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import type { Logger } from "../context/logger.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { PythonInterpreter } from "../interpreters/pyodide/python-interpreter.js";
import { RecordingInterpreter } from "../interpreters/recording-interpreter.case.js";
import { parsePyJson } from "../python/py-json.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { Tool } from "../tools/tool.js";
import { RLM } from "./rlm.js";

interface RlmCase {
  case: {
    id: string;
    signature: string;
    instructions?: string;
    max_iters?: number;
    inputs: Record<string, unknown>;
    answers: Array<Record<string, unknown>>;
    sub_answers: Array<Record<string, unknown>>;
  };
  expected: {
    action_instructions: string;
    extract_instructions: string;
    prediction: Record<string, unknown>;
    executed: string[];
    lm_calls: unknown[];
    sub_lm_calls: string[];
  };
}

const cases = parsePyJson(readFileSync(new URL("./__fixtures__/rlm.oracle.json", import.meta.url), "utf8")) as RlmCase[];

// One real Pyodide interpreter for the whole file (one cold start), so outputs fed back come from real Python.
const python = new PythonInterpreter();
afterAll(() => python.shutdown());
afterEach(() => resetSettings());

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const fenced = (code: string) => `\`\`\`python\n${code}\n\`\`\``;

/**
 * Replays DSPy's RLM (make_rlm_cases.py) with the code run by Pyodide: the same instructions, the same messages on
 * every main-LM call (variable previews, REPL history, outputs and error texts), the same code executed, the same
 * sub-LM prompts and the same prediction. DSPy's llm_query_batched runs its prompts on threads, so the order its
 * sub-LM records them varies from run to run: those prompts are compared as a multiset (docs/compat.md).
 */
describe("RLM against DSPy (oracle)", () => {
  it("has the cases", { timeout: 120_000 }, async () => {
    expect(cases.length).toBe(2);
    await python.start();
  });
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const adapter = new ChatAdapter();
      const subLm = new DummyLM(c.sub_answers, { adapter });
      const sig = c.instructions ? signature(c.signature).withInstructions(c.instructions) : c.signature;
      const rlm = new RLM(sig, { maxIterations: c.max_iters ?? 20, subLm });
      expect(rlm.generate_action.signature.instructions).toBe(expected.action_instructions);
      expect(rlm.extract.signature.instructions).toBe(expected.extract_instructions);
      const interpreter = new RecordingInterpreter(python);
      const lm = new DummyLM(c.answers, { adapter });
      const prediction = await withSettings({ lm, adapter, logger: quiet }, () => rlm.call(c.inputs, { interpreter }));
      expect(lm.history.map((h) => h.messages)).toEqual(expected.lm_calls);
      expect(interpreter.executed).toEqual(expected.executed);
      expect(prediction.toDict()).toEqual(expected.prediction);
      const subPrompts = subLm.history.map((h) => (h.messages as Array<{ content: string }>)[0]!.content);
      expect([...subPrompts].sort()).toEqual([...expected.sub_lm_calls].sort());
    });
  }
});

describe("RLM on Pyodide", () => {
  const longContext = Array.from({ length: 400 }, (_, i) => `Line ${i}: ${i === 311 ? "the password is swordfish" : "nothing to see"}.`).join("\n");

  it("stops llm_query at maxLlmCalls and shows the error to the LM (on the module's warm interpreter)", async () => {
    const subLm = new DummyLM([{ response: "a" }, { response: "b" }], { adapter: new ChatAdapter() });
    const rlm = new RLM("context -> answer", { maxIterations: 2, maxLlmCalls: 1, subLm, interpreterFactory: () => new RecordingInterpreter(python) });
    expect(rlm.generate_action.signature.instructions).not.toContain("Execution environment:");
    const lm = new DummyLM([
      { reasoning: "Ask twice.", code: fenced("print(llm_query_batched(['x', 'y']))") },
      { reasoning: "Give up.", code: fenced("SUBMIT('none')") },
    ]);
    const prediction = await withSettings({ lm, logger: quiet }, () => rlm.call({ context: "abc" }));
    await rlm.shutdown();
    expect(prediction.trajectory[0]!.output).toMatch(/^\[Error\] RuntimeError: \['LlmCallLimitError: LLM call limit exceeded: 0 \+ 2 > 1\. Use Python code/);
    expect(prediction.answer).toBe("none");
    expect(subLm.history).toHaveLength(0);
  });

  it("explores a long context with a user tool, reports a missing SUBMIT field and a non-Python fence", async () => {
    const seen: string[] = [];
    const note = new Tool(({ text }: { text: string }) => (seen.push(text), "noted"), { name: "note", desc: "Keep a note.\nOne line.", argTypes: { text: "str" } });
    const rlm = new RLM("context, query -> answer, line: int", { tools: [note], maxIterations: 5 });
    expect(rlm.generate_action.signature.instructions).toContain(
      "\nAdditional tools available (use these instead of standard library equivalents):\n- `note(text: string)` - Keep a note.  One line.",
    );
    const lm = new DummyLM([
      { reasoning: "Shell?", code: "```bash\nls\n```" },
      { reasoning: "Search.", code: fenced("i = [n for n, l in enumerate(context.splitlines()) if 'password' in l][0]\nnote(text=str(i))\nprint(i)") },
      { reasoning: "Only one.", code: fenced("SUBMIT(answer='swordfish')") },
      { reasoning: "Both.", code: fenced("SUBMIT(answer='swordfish', line=i)") },
    ]);
    const prediction = await withSettings({ lm, logger: quiet }, () =>
      rlm.call({ context: longContext, query: "password?" }, { interpreter: new RecordingInterpreter(python) }),
    );
    expect(prediction.trajectory.map((s) => s.output)).toEqual([
      "[Error] Expected Python code but got ```bash fence. Write Python code, not bash.",
      "311\n",
      "[Error] TypeError: [\"SUBMIT() missing 1 required positional argument: 'line'\"]",
      "FINAL: {'answer': 'swordfish', 'line': 311}",
    ]);
    expect(seen).toEqual(["311"]);
    expect(prediction.toDict()).toMatchObject({ answer: "swordfish", line: 311, final_reasoning: "Both." });
    const firstUser = (lm.history[0]!.messages as Array<{ content: string }>)[1]!.content;
    expect(firstUser).toContain(`Total length: ${longContext.length.toLocaleString("en-US")} characters`);
    expect(firstUser).toContain("    Line 20: n...o see.\n    Line 381: nothing to see.");
  });
});
