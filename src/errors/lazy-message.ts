/**
 * Gives `error` a `message` built by `build` on first read, then kept as an ordinary own property (writable,
 * configurable, not enumerable, as `Error` makes it). V8 formats `error.stack` on its first read from the message at
 * that time, so `stack`, `String(error)` and `util.inspect(error)` show the same text an eager message would.
 */
export function defineLazyMessage(error: Error, build: () => string): void {
  const settle = (value: string) => Object.defineProperty(error, "message", { value, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, "message", {
    configurable: true,
    enumerable: false,
    get: () => {
      const value = build();
      settle(value);
      return value;
    },
    set: (value: string) => void settle(value),
  });
}
