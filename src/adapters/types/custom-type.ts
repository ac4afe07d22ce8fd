import type { ContentPart } from "../../lm/message.js";
import { pyJsonDumps } from "../../python/pyfmt.js";

export const CUSTOM_TYPE_START = "<<CUSTOM-TYPE-START-IDENTIFIER>>";
export const CUSTOM_TYPE_END = "<<CUSTOM-TYPE-END-IDENTIFIER>>";

/**
 * Base of DSPy's custom value types (`dspy.Type`): `Image`, `Code`, `ToolCalls`, `Tool` …
 * `format()` gives content parts (sent as multimodal message parts) or a plain value rendered as text.
 */
export abstract class CustomType {
  /** The DSPy type name (`Image`, `Code`, …). */
  abstract readonly typeName: string;

  /**
   * Content parts (e.g. an image; provider-specific blocks such as Anthropic documents are allowed) or a
   * JSON-able value / string rendered in the prompt.
   */
  abstract format(): ReadonlyArray<ContentPart | Record<string, unknown>> | string | Record<string, unknown>;

  /**
   * The value pydantic dumps in JSON mode: content parts are wrapped in DSPy's markers so that message
   * formatting can split the text around them later.
   */
  toPyJson(): unknown {
    const formatted = this.format();
    if (Array.isArray(formatted)) return `${CUSTOM_TYPE_START}${pyJsonDumps(formatted, { ensureAscii: false })}${CUSTOM_TYPE_END}`;
    return formatted;
  }

  /** Python's `str()` of the value: the text it renders as. */
  toPyStr(): string {
    const json = this.toPyJson();
    return typeof json === "string" ? json : pyJsonDumps(json, { ensureAscii: false });
  }
}
