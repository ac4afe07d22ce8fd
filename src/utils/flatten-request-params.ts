import { closestName } from "./closest-name.js";

/**
 * Request parameters given as typed options (`Predict`'s config, `lm.copy`'s overrides) as one record of DSPy's
 * names: `maxTokens` becomes `max_tokens` and `params` (the escape hatch for provider-specific parameters) is spread
 * in. An unknown key (a typo from untyped code) fails naming the closest known one and `params`; a value given twice
 * (`maxTokens` with `max_tokens`, a key both directly and in `params`) fails too. `where` names the API in messages;
 * `fail` makes the caller's error class.
 */
export function flattenRequestParams(
  options: Record<string, unknown> & { params?: Record<string, unknown> },
  known: ReadonlySet<string>,
  where: string,
  fail: (message: string) => Error,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || key === "params") continue;
    if (!known.has(key)) {
      const near = closestName(key, known);
      throw fail(
        `Unknown request parameter ${JSON.stringify(key)} in ${where}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}. ` +
          `A provider-specific parameter goes in params: { params: { ${key}: … } }.`,
      );
    }
    const name = key === "maxTokens" ? "max_tokens" : key;
    if (name in out) throw fail(`${where} gives both maxTokens and max_tokens; give only one.`);
    out[name] = value;
  }
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (key in out) throw fail(`${where} gives ${key} both directly and in params; give it once.`);
    out[key] = value;
  }
  return out;
}
