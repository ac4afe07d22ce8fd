/** What `readKeyOrMissing` returns for a key the record does not have. */
export const MISSING: unique symbol = Symbol("tsdspy.missing");

/** Whether a demo/input record has `key`: an own property (also of record proxies such as `Example`), or a property other than Object's. */
export function hasKey(record: object, key: string): boolean {
  return Object.hasOwn(record, key) || (key in record && !(key in Object.prototype));
}

/**
 * `record[key]` as `readKey` reads it, or `MISSING` when `hasKey(record, key)` is false: one lookup where
 * `hasKey` then `readKey` would make three (each a trap on a record proxy).
 */
export function readKeyOrMissing(record: object, key: string): unknown {
  const own = Object.getOwnPropertyDescriptor(record, key);
  let value: unknown;
  if (own !== undefined) value = "value" in own ? own.value : (record as Record<string, unknown>)[key];
  else if (key in record && !(key in Object.prototype)) value = (record as Record<string, unknown>)[key];
  else return MISSING;
  return value === undefined ? null : value;
}

/**
 * `record[key]` as Python's `record.get(key)`: own data properties first (so an `Example` field named like one of
 * its methods reads the field), `undefined` read as `null` (None).
 */
export function readKey(record: object, key: string): unknown {
  const value = readKeyOrMissing(record, key);
  return value === MISSING ? null : value;
}
