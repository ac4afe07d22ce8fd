import { invalidStateValue } from "../errors/state-file-error.js";
import type { Logger } from "./logger.js";

/** Keys that point a loaded LM at another server (DSPy drops these unless trusted). */
const ENDPOINT_KEYS = ["api_base", "base_url", "model_list"];
/** Keys that carry credentials or HTTP headers (tsdspy drops these too unless trusted). */
const CREDENTIAL_KEYS = ["api_key", "headers", "extra_headers", "organization", "project", "api_version", "azure_ad_token", "vertex_credentials"];
/** Any other key named like a credential (`aws_secret_access_key`, `client_secret`, `auth_token`, …). */
const CREDENTIAL_NAME = /(?:^|_)(?:api_?key|key_id|access_key|secret|password|credentials?|token)$/i;

/** Whether a key of an LM state may carry credentials, headers or an endpoint, and so needs the caller's consent. */
export function isUnsafeLmStateKey(key: string): boolean {
  return ENDPOINT_KEYS.includes(key) || CREDENTIAL_KEYS.includes(key) || CREDENTIAL_NAME.test(key);
}

const num = (value: unknown): number | undefined => {
  if (typeof value === "number") return value;
  const inner = (value as { value?: unknown } | null)?.value;
  return value !== null && typeof value === "object" && typeof inner === "number" && value.constructor?.name === "PyFloat" ? inner : undefined;
};
const isInt = (value: unknown) => typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));

/** What each known key of an LM state may hold, as a check and its description. */
const CHECKS: Record<string, [check: (value: unknown) => boolean, expected: string]> = {
  model: [(v) => typeof v === "string" && v.trim() !== "", "a model string such as \"openai/gpt-4o-mini\""],
  model_type: [(v) => v === "chat" || v === "text" || v === "responses", '"chat", "text" or "responses"'],
  cache: [(v) => typeof v === "boolean", "true or false"],
  num_retries: [(v) => isInt(v) && Number(v) >= 0, "an integer >= 0"],
  temperature: [(v) => v === null || (num(v) !== undefined && Number.isFinite(num(v)) && num(v)! >= 0), "null or a number >= 0"],
  max_tokens: [(v) => v === null || (isInt(v) && Number(v) >= 1), "null or an integer >= 1"],
  max_completion_tokens: [(v) => v === null || (isInt(v) && Number(v) >= 1), "null or an integer >= 1"],
  top_p: [(v) => v === null || (num(v) !== undefined && num(v)! >= 0 && num(v)! <= 1), "null or a number from 0 to 1"],
  n: [(v) => v === null || (isInt(v) && Number(v) >= 1), "null or an integer >= 1"],
  seed: [(v) => v === null || isInt(v), "null or an integer"],
  stop: [(v) => v === null || typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string")), "null, a string or a list of strings"],
  presence_penalty: [(v) => v === null || (num(v) !== undefined && Number.isFinite(num(v))), "null or a number"],
  frequency_penalty: [(v) => v === null || (num(v) !== undefined && Number.isFinite(num(v))), "null or a number"],
  rollout_id: [(v) => v === null || typeof v === "string" || isInt(v), "null, an integer or a string"],
  finetuning_model: [(v) => v === null || typeof v === "string", "null or a string"],
  launch_kwargs: [(v) => v !== null && typeof v === "object" && !Array.isArray(v), "an object"],
  train_kwargs: [(v) => v !== null && typeof v === "object" && !Array.isArray(v), "an object"],
  use_developer_role: [(v) => typeof v === "boolean", "true or false"],
  _dspy_lm_class: [(v) => typeof v === "string", "a class path string"],
};

/**
 * An LM state checked key by key (a value of the wrong kind is a `StateFileError` naming `path.key`), with every key
 * that carries credentials, headers or an endpoint removed unless the caller allowed them (then a warning names them
 * and the option, as DSPy's does for endpoints). Other keys pass through as request parameters, as in DSPy.
 */
export function checkLmState(
  state: Record<string, unknown>,
  options: { path?: string; allowUnsafeLmState?: boolean; logger: Pick<Logger, "warn">; requireModel?: boolean },
): Record<string, unknown> {
  const path = options.path ?? "lm";
  const out: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    const check = CHECKS[key];
    if (check && value !== undefined && !check[0](value)) throw invalidStateValue(`${path}.${key}`, check[1], value);
    if (!options.allowUnsafeLmState && isUnsafeLmStateKey(key)) dropped.push(key);
    else out[key] = value;
  }
  if (options.requireModel !== false && typeof out.model !== "string") throw invalidStateValue(`${path}.model`, CHECKS.model![1], state.model);
  if (dropped.length > 0) {
    options.logger.warn(
      `Ignoring unsafe LM config key(s) during state load: [${dropped.sort().map((k) => `'${k}'`).join(", ")}]. ` +
        "Pass allowUnsafeLmState: true to preserve these keys for trusted files.",
    );
  }
  return out;
}
