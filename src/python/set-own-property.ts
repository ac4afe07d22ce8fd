/**
 * Sets `key` on a plain object as an own, enumerable data property - the way `JSON.parse` does,
 * so a `"__proto__"` key stays data instead of replacing the prototype.
 */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
