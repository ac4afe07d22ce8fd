import type { TypeNode } from "../../signatures/type-node.js";
import { pyStr } from "../../python/pyfmt.js";
import { errorText } from "../error-text.js";
import { Code, filterCode } from "../types/code.js";
import { History } from "../types/history.js";
import { Image } from "../types/image.js";
import { ToolBase } from "../types/tool-base.js";
import { ToolCalls } from "../types/tool-calls.js";
import { EXACT, fail, LAX, ok, type Outcome } from "./outcome.js";
import { isPyDict, pyTypeName } from "./py-value-kind.js";

type CustomNode = Extract<TypeNode, { kind: "custom" }>;

const valueError = (message: string, input: unknown): Outcome => fail("value_error", `Value error, ${message}`, input);

/** `dspy.Reasoning` / `dspy.Code`: a string, or a dict with the string under `key`. */
function textModel(input: unknown, key: "content" | "code", dspyName: string): { text: string } | { outcome: Outcome } {
  if (typeof input === "string") return { text: input };
  if (isPyDict(input)) {
    if (!(key in input)) return { outcome: valueError(`\`${key}\` field is required for \`dspy.${dspyName}\``, input) };
    const value = input[key];
    if (typeof value !== "string") {
      return { outcome: valueError(`\`${key}\` field must be a string, but received type: <class '${pyTypeName(value)}'>`, input) };
    }
    return { text: value };
  }
  return { outcome: valueError(`Received invalid value for \`dspy.${dspyName}\`: ${pyStr(input)}`, input) };
}

/** Tool-call arguments given as a string, when no decoder is supplied: strict JSON, else `{}`. */
function strictArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * DSPy's custom types validated from parsed values (their pydantic "before" validators). `decodeArguments`
 * reads tool-call arguments given as JSON text (DSPy uses json_repair).
 */
export function validateCustom(type: CustomNode, input: unknown, decodeArguments: (text: string) => unknown = strictArguments): Outcome {
  switch (type.name) {
    case "Reasoning": {
      const r = textModel(input, "content", "Reasoning");
      return "text" in r ? ok(r.text, LAX) : r.outcome;
    }
    case "Code": {
      if (input instanceof Code) return ok(input, EXACT);
      const r = textModel(input, "code", "Code");
      return "text" in r ? ok(new Code(filterCode(r.text), type.language ?? "python"), LAX) : r.outcome;
    }
    case "ToolCalls":
      try {
        return ok(ToolCalls.fromValue(input, decodeArguments), input instanceof ToolCalls ? EXACT : LAX);
      } catch (error) {
        return valueError(errorText(error), input);
      }
    case "Image":
      if (input instanceof Image) return ok(input, EXACT);
      if (isPyDict(input) && typeof input.url === "string") {
        try {
          return ok(new Image(input.url), LAX);
        } catch (error) {
          return valueError(errorText(error), input);
        }
      }
      return fail("model_type", "Input should be a valid dictionary or instance of Image", input);
    case "History":
      if (input instanceof History) return ok(input, EXACT);
      if (isPyDict(input) && Array.isArray(input.messages)) return ok(new History(input.messages as Array<Record<string, unknown>>), LAX);
      return fail("model_type", "Input should be a valid dictionary or instance of History", input);
    case "Tool":
      if (input instanceof ToolBase) return ok(input, EXACT);
      return fail("model_type", "Input should be a valid dictionary or instance of Tool", input);
    default:
      return ok(input, LAX);
  }
}
