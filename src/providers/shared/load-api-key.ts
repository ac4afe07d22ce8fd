import { LMNotConfiguredError } from "../../errors/lm-errors.js";

export interface LoadApiKeyOptions {
  apiKey: string | undefined;
  /** Environment variables to try, in order. */
  envVars: readonly string[];
  /** Human name of the provider, for the error message. */
  description: string;
  provider: string;
}

/** The explicit key, else the first environment variable that is set; throws `LMNotConfiguredError` if none is. */
export function loadApiKey(options: LoadApiKeyOptions): string {
  if (options.apiKey) return options.apiKey;
  for (const name of options.envVars) {
    const value = process.env[name];
    if (value) return value;
  }
  throw new LMNotConfiguredError(
    `${options.description} API key is missing. Pass it as the \`apiKey\` option or set the ` +
      `${options.envVars.join(" or ")} environment variable.`,
    { provider: options.provider },
  );
}

/** The explicit key, else the first environment variable that is set, else `undefined` (for servers without keys). */
export function loadOptionalApiKey(apiKey: string | undefined, envVars: readonly string[]): string | undefined {
  if (apiKey) return apiKey;
  for (const name of envVars) {
    const value = process.env[name];
    if (value) return value;
  }
  return undefined;
}
