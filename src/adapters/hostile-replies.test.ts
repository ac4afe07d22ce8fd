import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { RecursionError } from "../errors/recursion-error.js";
import { ValueError } from "../errors/value-error.js";
import { signature } from "../signatures/signature.js";
import { ChatAdapter } from "./chat-adapter.js";
import { JSONAdapter } from "./json-adapter.js";
import { XMLAdapter } from "./xml-adapter.js";

/** Replies an LM (or an attacker behind it) may send: they must parse like DSPy or fail with a documented error. */
describe("hostile replies", () => {
  it("XML entities never resolve to Object members (expat: undefined entity)", () => {
    const sig = signature("q -> answer");
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      const reply = `<answer>&${name};</answer>`;
      expect(() => new XMLAdapter().parse(sig, reply)).toThrow(AdapterParseError);
      expect(() => new XMLAdapter().parse(sig, reply)).toThrow(`Failed to parse XML: undefined entity: line 1, column 19`);
    }
    expect(new XMLAdapter().parse(sig, "<answer>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</answer>")).toEqual({ answer: "&<>\"'AB" });
  });

  it("keeps __proto__ and other Object member names as own data in parsed dicts", () => {
    const sig = signature("q -> d2: dict[str, Any]");
    const replies: Array<[string, () => Record<string, unknown>]> = [
      ["json", () => new JSONAdapter().parse(sig, '{"d2": {"__proto__": {"isAdmin": true}, "constructor": 1}}')],
      ["json repaired", () => new JSONAdapter().parse(sig, '{"d2": {"__proto__": {"isAdmin": true}, "constructor": 1')],
      ["chat json", () => new ChatAdapter().parse(sig, '[[ ## d2 ## ]]\n{"__proto__": {"isAdmin": true}, "constructor": 1}')],
      ["chat literal", () => new ChatAdapter().parse(sig, "[[ ## d2 ## ]]\n{'__proto__': {'isAdmin': True}, 'constructor': 1}")],
      ["xml", () => new XMLAdapter().parse(sig, "<d2><__proto__><isAdmin>true</isAdmin></__proto__><constructor>1</constructor></d2>")],
    ];
    for (const [name, parse] of replies) {
      const d2 = parse().d2 as Record<string, unknown>;
      expect(Object.getPrototypeOf(d2), name).toBe(Object.prototype);
      expect(Object.keys(d2), name).toEqual(["__proto__", "constructor"]);
      expect((d2 as { isAdmin?: unknown }).isAdmin, name).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(d2, "__proto__")?.value, name).toBeTypeOf("object");
    }
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });

  it("fails on replies nested 10,000 and 100,000 deep with a documented error, never by overflowing the stack", () => {
    // The fuzz nests at most 1,500 deep; a JavaScript stack overflows near 10,000 frames (issue 7, item 4: pyfmt
    // overflowed building the error text of a 10,000-deep `{"a":` reply).
    const sig = signature("q -> d: dict");
    const documented = { chat: [AdapterParseError], xml: [AdapterParseError], json: [AdapterParseError, RecursionError, ValueError] };
    const adapters = {
      chat: (body: string) => new ChatAdapter().parse(sig, `[[ ## d ## ]]\n${body}\n\n[[ ## completed ## ]]`),
      json: (body: string) => new JSONAdapter().parse(sig, body),
      xml: (body: string) => new XMLAdapter().parse(sig, `<d>${body}</d>`),
    };
    const outcomes: string[] = [];
    for (const depth of [10_000, 100_000]) {
      for (const unit of ['{"a": ', "[", "(", "<a>", "[{"]) {
        for (const [name, parse] of Object.entries(adapters) as Array<[keyof typeof adapters, (body: string) => unknown]>) {
          let error: unknown;
          try {
            parse(unit.repeat(depth));
          } catch (caught) {
            error = caught;
          }
          const ok = documented[name].some((cls) => error instanceof cls);
          if (!ok) outcomes.push(`${name} ${JSON.stringify(unit)}×${depth}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : "parsed"}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it("keeps __proto__ keys of typed dicts as data", () => {
    const parsed = new ChatAdapter().parse(signature("q -> d: dict[str, int]"), '[[ ## d ## ]]\n{"__proto__": 1, "a": 2}');
    expect(Object.entries(parsed.d as object)).toEqual([["__proto__", 1], ["a", 2]]);
  });
});
