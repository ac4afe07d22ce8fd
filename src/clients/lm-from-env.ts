import { LMNotConfiguredError } from "../errors/lm-errors.js";
import { LM } from "./lm.js";
import type { LMOptions } from "./lm-options.js";

/**
 * The LM named by the environment: `TSDSPY_LM` (`provider/model`), with optional `TSDSPY_API_BASE` and
 * `TSDSPY_API_KEY` overriding the provider's own base URL and key variables. Used by the demo.
 *
 * @example
 * // TSDSPY_LM=ollama/llama3.2 npm run demo
 * configure({ lm: lmFromEnv() });
 */
export function lmFromEnv(options: LMOptions = {}, env: NodeJS.ProcessEnv = process.env): LM {
  const model = env.TSDSPY_LM;
  if (!model) {
    throw new LMNotConfiguredError(
      'No LM configured: set TSDSPY_LM to a "provider/model" string (e.g. TSDSPY_LM=openai/gpt-4o-mini or ' +
        "TSDSPY_LM=ollama/llama3.2), plus TSDSPY_API_BASE / TSDSPY_API_KEY if the server needs them.",
    );
  }
  return new LM(model, {
    ...(env.TSDSPY_API_BASE ? { apiBase: env.TSDSPY_API_BASE } : {}),
    ...(env.TSDSPY_API_KEY ? { apiKey: env.TSDSPY_API_KEY } : {}),
    ...options,
  });
}
