import { DSPyError } from "./dspy-error.js";

export interface AdapterParseErrorOptions {
  adapterName: string;
  /** Names of the signature's output fields. */
  expectedFields: string[];
  lmResponse: string | null;
  message?: string;
  /** Fields parsed before the failure, if a partial parse exists. */
  parsedResult?: Record<string, unknown> | null;
  cause?: unknown;
}

/** The LM reply could not be parsed into the signature's outputs; the message matches DSPy's byte for byte. */
export class AdapterParseError extends DSPyError {
  readonly adapterName: string;
  readonly expectedFields: string[];
  readonly lmResponse: string | null;
  readonly parsedResult: Record<string, unknown> | null;

  constructor(options: AdapterParseErrorOptions) {
    let message = options.message ? `${options.message}\n\n` : "";
    message +=
      `Adapter ${options.adapterName} failed to parse the LM response. \n\n` +
      `LM Response: ${options.lmResponse} \n\n` +
      `Expected to find output fields in the LM response: [${options.expectedFields.join(", ")}] \n\n`;
    if (options.parsedResult != null) {
      message += `Actual output fields parsed from the LM response: [${Object.keys(options.parsedResult).join(", ")}] \n\n`;
    }
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdapterParseError";
    this.adapterName = options.adapterName;
    this.expectedFields = options.expectedFields;
    this.lmResponse = options.lmResponse;
    this.parsedResult = options.parsedResult ?? null;
  }
}
