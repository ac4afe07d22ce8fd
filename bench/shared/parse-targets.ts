// What bench/parse-sweep.bench.ts feeds hostile text to: each adapter's `parse` for a range of output field types,
// `parseValue` directly, tool-call argument decoding (direct and through a `ToolCalls` output), the text the
// TwoStepAdapter sends to its extraction LM, and the stream listener of each adapter fed the reply in small chunks.
import type { Adapter } from "../../src/adapters/adapter.js";
import { ChatAdapter } from "../../src/adapters/chat-adapter.js";
import { decodeToolArguments } from "../../src/adapters/decode-tool-arguments.js";
import { JSONAdapter } from "../../src/adapters/json-adapter.js";
import { parseValue } from "../../src/adapters/parse-value.js";
import { TwoStepAdapter } from "../../src/adapters/two-step-adapter.js";
import { XMLAdapter } from "../../src/adapters/xml-adapter.js";
import { DummyLM } from "../../src/testing/dummy-lm.js";
import { signature, type Signature } from "../../src/signatures/signature.js";
import type { ModelType } from "../../src/signatures/type-node.js";
import { StreamListener } from "../../src/streaming/stream-listener.js";

/** One thing to time: `prepare` builds the input from the body (untimed) and returns the timed step. */
export interface Target {
  readonly name: string;
  prepare(body: string): () => unknown;
}

const ITEM: ModelType = {
  kind: "model",
  name: "Item",
  fields: [
    { name: "name", type: { kind: "str" } },
    { name: "n", type: { kind: "int" } },
    { name: "tags", type: { kind: "list", item: { kind: "str" } } },
  ],
};

/** Output field types (one field `d`, except "several"). */
export const FIELD_TYPES: Record<string, Signature> = {
  dict: signature("question -> d: dict"),
  str: signature("question -> d: str"),
  int: signature("question -> d: int"),
  float: signature("question -> d: float"),
  bool: signature("question -> d: bool"),
  "list[int]": signature("question -> d: list[int]"),
  "dict[str,list[int]]": signature("question -> d: dict[str, list[int]]"),
  Literal: signature("question -> d: Literal['a', 'b']"),
  "Optional[int]": signature("question -> d: Optional[int]"),
  model: signature({ inputs: { question: "str" }, outputs: { d: "Item" }, types: { Item: ITEM } }),
  "list[model]": signature({ inputs: { question: "str" }, outputs: { d: "list[Item]" }, types: { Item: ITEM } }),
  ToolCalls: signature("question -> d: ToolCalls"),
  several: signature("question -> a: str, b: int, c: list[str], d: dict"),
};

const ADAPTERS: Record<string, { adapter: Adapter; reply: (sig: Signature, body: string) => string }> = {
  chat: {
    adapter: new ChatAdapter(),
    reply: (sig, body) => `${Object.keys(sig.outputFields).map((f) => `[[ ## ${f} ## ]]\n${body}\n\n`).join("")}[[ ## completed ## ]]`,
  },
  json: { adapter: new JSONAdapter(), reply: (_sig, body) => body },
  xml: { adapter: new XMLAdapter(), reply: (sig, body) => Object.keys(sig.outputFields).map((f) => `<${f}>${body}</${f}>`).join("\n") },
};

/** `<adapter> <type>`: the adapter's `parse` of the body as the field(s) of a signature with that output type. */
function adapterTarget(adapterName: string, typeName: string): Target {
  const { adapter, reply } = ADAPTERS[adapterName]!;
  const sig = FIELD_TYPES[typeName]!;
  return { name: `${adapterName} ${typeName}`, prepare: (body) => { const text = reply(sig, body); return () => adapter.parse(sig, text); } };
}

/**
 * The stream listener of field `d` fed the adapter's reply in chunks of `chunk` characters, then finalized; the body
 * is the field's value, or (`before`) text that comes before the field's start marker.
 */
function streamTarget(adapterName: string, chunk: number, before = false): Target {
  const { adapter } = ADAPTERS[adapterName]!;
  const field = adapterName === "json" ? (body: string) => `{"d": ${body}}` : (body: string) => ADAPTERS[adapterName]!.reply(FIELD_TYPES.dict!, body);
  const wrap = before ? (body: string) => `${body}\n${field("1")}` : field;
  return {
    name: `stream ${adapterName}${before ? " pre" : ""} /${chunk}`,
    prepare: (body) => {
      const text = wrap(body);
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
      return () => {
        const listener = new StreamListener({ signatureFieldName: "d" });
        let streamed = 0;
        for (const delta of parts) streamed += listener.receive({ type: "text-delta", index: 0, delta }, adapter)?.chunk.length ?? 0;
        return streamed + (listener.finalize()?.chunk.length ?? 0);
      };
    },
  };
}

const twoStep = new TwoStepAdapter(new DummyLM([]));
const chat = new ChatAdapter();

/** Every target; `core` marks the ones the default discovery pass screens (the rest run with `--all`). */
export function parseTargets(): Array<Target & { core: boolean }> {
  const targets: Array<Target & { core: boolean }> = [];
  const core = new Set(["dict", "str", "list[int]", "model", "several"]);
  for (const typeName of Object.keys(FIELD_TYPES)) {
    for (const adapterName of Object.keys(ADAPTERS)) targets.push({ ...adapterTarget(adapterName, typeName), core: core.has(typeName) });
  }
  for (const [typeName, sig] of Object.entries(FIELD_TYPES)) {
    if (typeName === "several") continue;
    const type = sig.outputFields.d!.type;
    targets.push({ name: `parseValue ${typeName}`, core: false, prepare: (body) => () => parseValue(body, type) });
  }
  targets.push({ name: "decodeToolArguments", core: true, prepare: (body) => () => decodeToolArguments(body) });
  targets.push({
    name: "chat ToolCalls args",
    core: true,
    prepare: (body) => {
      const text = `[[ ## d ## ]]\n${JSON.stringify({ tool_calls: [{ name: "f", args: body }] })}\n\n[[ ## completed ## ]]`;
      return () => chat.parse(FIELD_TYPES.ToolCalls!, text);
    },
  });
  targets.push({
    name: "two-step extraction format",
    core: false,
    prepare: (body) => {
      const sig = twoStep.extractorSignature(FIELD_TYPES.dict!);
      return () => chat.format(sig, [], { text: body });
    },
  });
  for (const adapterName of Object.keys(ADAPTERS)) {
    targets.push({ ...streamTarget(adapterName, 7), core: true });
    targets.push({ ...streamTarget(adapterName, 7, true), core: true });
    targets.push({ ...streamTarget(adapterName, 4096), core: false });
  }
  return targets;
}

/** The default table: the three adapters with `d: dict`, as the sweep always printed. */
export function dictTargets(): Target[] {
  return Object.keys(ADAPTERS).map((name) => adapterTarget(name, "dict"));
}
