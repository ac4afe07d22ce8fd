/**
 * JSON with object keys sorted at every level, so that equal values always give the same text (cache keys).
 * `undefined` members are dropped as `JSON.stringify` drops them; functions become `"<callable:name>"` as in DSPy's
 * cache key; `toJSON()` is honoured; non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? "null";
}

function write(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "undefined":
    case "symbol":
      return undefined;
    case "function":
      return JSON.stringify(`<callable:${value.name || "lambda"}>`);
  }
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(value));
  // Built by concatenation (no intermediate arrays): cache keys are computed on every LM call.
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      // A hole stays empty, as `Array.prototype.map` then `join` leave it.
      if (i in value) out += write(value[i]) ?? "null";
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  for (const key of Object.keys(record).sort()) {
    const text = write(record[key]);
    if (text === undefined) continue;
    if (out.length > 1) out += ",";
    out += JSON.stringify(key) + ":" + text;
  }
  return out + "}";
}
