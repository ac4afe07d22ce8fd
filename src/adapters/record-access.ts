/** Whether a demo/input record has `key`: an own property (also of record proxies such as `Example`), or a property other than Object's. */
export function hasKey(record: object, key: string): boolean {
  return Object.hasOwn(record, key) || (key in record && !(key in Object.prototype));
}

/**
 * `record[key]` as Python's `record.get(key)`: own data properties first (so an `Example` field named like one of
 * its methods reads the field), `undefined` read as `null` (None).
 */
export function readKey(record: object, key: string): unknown {
  if (!hasKey(record, key)) return null;
  const own = Object.getOwnPropertyDescriptor(record, key);
  const value = own && "value" in own ? own.value : (record as Record<string, unknown>)[key];
  return value === undefined ? null : value;
}
