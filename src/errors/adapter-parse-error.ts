import { DSPyError } from "./dspy-error.js";

export interface AdapterParseErrorOptions {
  adapterName: string;
  /** Names of the signature's output fields. */
  expectedFields: string[];
  lmResponse: string | null;
  /** The reason, put before the standard text; a function is called on the message's first read (see `DSPyError`). */
  message?: string | (() => string);
  /** Fields parsed before the failure, if a partial parse exists. */
  parsedResult?: Record<string, unknown> | null;
  cause?: unknown;
}

/**
 * The LM reply could not be parsed into the signature's outputs; the message matches DSPy's byte for byte. With a
 * reason given as a function, the whole message is built on its first read.
 */
export class AdapterParseError extends DSPyError {
  readonly adapterName: string;
  readonly expectedFields: string[];
  readonly lmResponse: string | null;
  readonly parsedResult: Record<string, unknown> | null;

  constructor(options: AdapterParseErrorOptions) {
    let standard =
      `Adapter ${options.adapterName} failed to parse the LM response. \n\n` +
      `LM Response: ${options.lmResponse} \n\n` +
      `Expected to find output fields in the LM response: [${options.expectedFields.join(", ")}] \n\n`;
    if (options.parsedResult != null) {
      standard += `Actual output fields parsed from the LM response: [${Object.keys(options.parsedResult).join(", ")}] \n\n`;
    }
    const reason = options.message;
    const withReason = (text: string | undefined) => (text ? `${text}\n\n${standard}` : standard);
    super(typeof reason === "function" ? () => withReason(reason()) : withReason(reason), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdapterParseError";
    this.adapterName = options.adapterName;
    this.expectedFields = options.expectedFields;
    this.lmResponse = options.lmResponse;
    this.parsedResult = options.parsedResult ?? null;
  }
}
