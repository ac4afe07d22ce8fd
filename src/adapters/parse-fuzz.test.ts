import { describe, expect, it } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { PythonTypeError } from "../errors/python-type-error.js";
import { RecursionError } from "../errors/recursion-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { ValueError } from "../errors/value-error.js";
import { PyFloat } from "../python/py-float.js";
import { signature } from "../signatures/signature.js";
import type { Adapter } from "./adapter.js";
import { ChatAdapter } from "./chat-adapter.js";
import { JSONAdapter } from "./json-adapter.js";
import { XMLAdapter } from "./xml-adapter.js";
import { type AdapterName, hostileReplies, MUTATIONS } from "./__fixtures__/hostile-replies.js";

/**
 * Seeded fuzz of the parse path of every LM call: thousands of hostile replies per adapter (every mutation kind of
 * `hostileReplies`). `parse` may only throw the classes docs/errors.md documents for that adapter (as DSPy 3.3.1 does:
 * ChatAdapter and XMLAdapter wrap everything in AdapterParseError; JSONAdapter also lets pydantic's ValidationError,
 * ValueError, RecursionError and literal_eval's TypeError through), and no reply may touch a prototype.
 */

const DOCUMENTED: Record<AdapterName, ReadonlyArray<new (...args: never[]) => Error>> = {
  chat: [AdapterParseError],
  xml: [AdapterParseError],
  json: [AdapterParseError, ValidationError, ValueError, RecursionError, PythonTypeError],
};

const ADAPTERS: Record<AdapterName, Adapter> = { chat: new ChatAdapter(), json: new JSONAdapter(), xml: new XMLAdapter() };
const REPLIES_PER_ADAPTER = 2000;

/** Every object reachable from a parsed value has a prototype a parsed value may have. */
function prototypesAreClean(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== "object" || value === null || seen.has(value)) return true;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  const allowed = [Object.prototype, null, Array.prototype, PyFloat.prototype, Set.prototype, Map.prototype, Uint8Array.prototype];
  if (!allowed.includes(proto)) return false;
  const children = value instanceof Map ? [...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  return children.every((child) => prototypesAreClean(child, seen));
}

function objectPrototypeSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype).sort().join(",");
}

describe("parse fuzz: hostile replies", () => {
  for (const name of ["chat", "json", "xml"] as const) {
    it(`${name}: ${REPLIES_PER_ADAPTER} replies, only documented errors, no prototype effects`, () => {
      const before = objectPrototypeSnapshot();
      const undocumented: string[] = [];
      const polluted: string[] = [];
      const outcomes = new Map<string, number>();
      const signatures = new Map<string, ReturnType<typeof signature>>();
      for (const reply of hostileReplies(name, REPLIES_PER_ADAPTER, 2026)) {
        let outcome = "ok";
        const sig = signatures.get(reply.signature) ?? signature(reply.signature);
        signatures.set(reply.signature, sig);
        try {
          const parsed = ADAPTERS[name].parse(sig, reply.completion);
          if (!prototypesAreClean(parsed)) polluted.push(reply.completion.slice(0, 120));
        } catch (error) {
          outcome = error instanceof Error ? error.name : typeof error;
          if (!DOCUMENTED[name].some((cls) => error instanceof cls)) {
            undocumented.push(`${reply.mutation}: ${outcome}: ${String((error as Error)?.message).slice(0, 160)}`);
          }
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      expect(undocumented).toEqual([]);
      expect(polluted).toEqual([]);
      expect(objectPrototypeSnapshot()).toBe(before);
      expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
      // The fuzz exercises both outcomes (a fuzz that only fails, or only succeeds, tests little).
      expect(outcomes.get("ok") ?? 0).toBeGreaterThan(REPLIES_PER_ADAPTER / 10);
      expect(REPLIES_PER_ADAPTER - (outcomes.get("ok") ?? 0)).toBeGreaterThan(REPLIES_PER_ADAPTER / 10);
    });
  }

  it("covers every mutation kind", () => {
    const kinds = new Set(hostileReplies("json", MUTATIONS.length * 2, 1).map((r) => r.mutation));
    expect([...kinds].sort()).toEqual([...MUTATIONS].sort());
  });
});
