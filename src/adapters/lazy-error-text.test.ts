import { inspect } from "node:util";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AdapterParseError } from "../errors/adapter-parse-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { Predict } from "../predict/predict.js";
import { withSettings } from "../context/settings.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ChatAdapter } from "./chat-adapter.js";
import { JSONAdapter } from "./json-adapter.js";
import { validationMessage } from "./validation/validation-message.js";
import { XMLAdapter } from "./xml-adapter.js";

// Counts the builds of pydantic's message text (the expensive part of a reply that fails en masse).
vi.mock("./validation/validation-message.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./validation/validation-message.js")>();
  return { validationMessage: vi.fn(original.validationMessage) };
});
const builds = () => vi.mocked(validationMessage).mock.calls.length;

function caught(step: () => unknown): Error {
  try {
    step();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

const unbuilt = (error: Error) => typeof Object.getOwnPropertyDescriptor(error, "message")?.get === "function";

const PARSING = "Input should be a valid integer, unable to parse string as an integer [type=int_parsing";
const VISIT = "    For further information visit https://errors.pydantic.dev/2.13/v/int_parsing";

describe("error texts of failed parses are built when read", () => {
  beforeEach(() => {
    vi.mocked(validationMessage).mockClear();
  });

  it("ChatAdapter: 200,000 failing items throw without building pydantic's or DSPy's text", () => {
    const reply = `[[ ## d ## ]]\n${JSON.stringify(Array(200_000).fill("x"))}\n\n[[ ## completed ## ]]`;
    const error = caught(() => new ChatAdapter().parse(signature("q -> d: list[int]"), reply));
    expect(error).toBeInstanceOf(AdapterParseError);
    const cause = error.cause as ValidationError;
    expect(cause).toBeInstanceOf(ValidationError);
    expect(builds()).toBe(0);
    expect(unbuilt(error) && unbuilt(cause)).toBe(true);
    // Validation stopped at the first failing item; all 200,000 are listed when `issues` is first read.
    expect(typeof Object.getOwnPropertyDescriptor(cause, "issues")?.get).toBe("function");
    expect(cause.issues).toHaveLength(200_000);
    expect(cause.issues[199_999]).toEqual({ type: "int_parsing", loc: [199_999], msg: "Input should be a valid integer, unable to parse string as an integer", input: "x" });
    expect(Object.getOwnPropertyDescriptor(cause, "issues")?.value).toBe(cause.issues);
    expect(builds()).toBe(0);
  });

  it("a ValidationError read through util.inspect or JSON.stringify shows its issues as a plain array", () => {
    const reply = '{"d": ["x", 2, "y"]}';
    const inspected = caught(() => new JSONAdapter().parse(signature("q -> d: list[int]"), reply));
    const shown = inspect(inspected);
    expect(shown.startsWith(`ValidationError: 2 validation errors for list[int]\n0\n  ${PARSING}`)).toBe(true);
    expect(shown.includes("issues: [\n")).toBe(true);
    expect(shown.includes("[Getter")).toBe(false);
    const stringified = caught(() => new JSONAdapter().parse(signature("q -> d: list[int]"), reply));
    expect(JSON.parse(JSON.stringify(stringified))).toEqual({
      name: "ValidationError",
      title: "list[int]",
      issues: [
        { type: "int_parsing", loc: [0], msg: "Input should be a valid integer, unable to parse string as an integer", input: "x" },
        { type: "int_parsing", loc: [2], msg: "Input should be a valid integer, unable to parse string as an integer", input: "y" },
      ],
    });
    expect(Object.keys(stringified)).toEqual(["name", "title", "issues"]);
  });

  it("ChatAdapter: the text, String(), stack and util.inspect read DSPy's exact message, built once", () => {
    const reply = '[[ ## d ## ]]\n["x", 2, "y"]\n\n[[ ## completed ## ]]';
    const error = caught(() => new ChatAdapter().parse(signature("q -> d: list[int]"), reply));
    expect(builds()).toBe(0);
    const expected =
      `Failed to parse field d with value ["x", 2, "y"] from the LM response. Error message: 2 validation errors for list[int]\n` +
      `0\n  ${PARSING}, input_value='x', input_type=str]\n${VISIT}\n2\n  ${PARSING}, input_value='y', input_type=str]\n${VISIT}\n\n` +
      `Adapter ChatAdapter failed to parse the LM response. \n\nLM Response: ${reply} \n\nExpected to find output fields in the LM response: [d] \n\n`;
    expect(error.stack?.startsWith(`AdapterParseError: ${expected}\n    at `)).toBe(true);
    expect(builds()).toBe(1);
    expect(error.message).toBe(expected);
    expect(String(error)).toBe(`AdapterParseError: ${expected}`);
    const shown = inspect(error);
    expect(shown.startsWith(`AdapterParseError: ${expected}\n    at `)).toBe(true);
    expect(shown.includes("[cause]: ValidationError: 2 validation errors for list[int]\n")).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "AdapterParseError", adapterName: "ChatAdapter", expectedFields: ["d"], lmResponse: reply, parsedResult: null });
    expect(builds()).toBe(1);
  });

  it("JSONAdapter and XMLAdapter: en-masse failures throw with the text unbuilt", () => {
    const items = Array(20_000).fill("x");
    const json = caught(() => new JSONAdapter().parse(signature("q -> d: list[int]"), JSON.stringify({ d: items })));
    expect(json).toBeInstanceOf(ValidationError);
    const xml = caught(() => new XMLAdapter().parse(signature("q -> d: list[int]"), `<d>${"<item>x</item>".repeat(items.length)}</d>`));
    expect(xml).toBeInstanceOf(AdapterParseError);
    expect(builds()).toBe(0);
    expect(unbuilt(json) && unbuilt(xml)).toBe(true);
    expect(json.message.startsWith(`20000 validation errors for list[int]\n0\n  ${PARSING}`)).toBe(true);
    expect(xml.message.includes(`: 20000 validation errors for list[int]\n0\n  ${PARSING}`)).toBe(true);
  });

  it("Predict's ChatAdapter → JSONAdapter fallback never reads the discarded error's text", async () => {
    const d = Array(20_000).fill("x");
    const lm = new DummyLM([{ d }, { d }]);
    const failure = await withSettings({ lm }, () => new Predict("q -> d: list[int]").call({ q: "?" })).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(AdapterParseError);
    expect((failure as AdapterParseError).adapterName).toBe("JSONAdapter");
    expect(lm.history).toHaveLength(2);
    expect(builds()).toBe(0);
  });
});
