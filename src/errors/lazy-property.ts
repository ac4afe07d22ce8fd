/**
 * Gives `target` an own property `key` built by `build` on first read, then kept as an ordinary data property
 * (writable, configurable; enumerable as asked: `Error` makes `message` not enumerable). Assigning it first skips the
 * build. V8 formats an error's `stack` on its first read from the message at that time, so a lazy `message` gives
 * `stack`, `String(error)` and `util.inspect(error)` the same text an eager one would.
 */
export function defineLazyProperty<T>(target: object, key: PropertyKey, build: () => T, enumerable = false): void {
  const settle = (value: T) => Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable });
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable,
    get: () => {
      const value = build();
      settle(value);
      return value;
    },
    set: (value: T) => void settle(value),
  });
}
