import { ExampleImpl, INPUT_KEYS } from "./example.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies a program's object graph: modules (anything `isModule` accepts), arrays, maps, sets, plain objects and
 * examples are copied, shared references stay shared; other class instances (LMs, signatures, tools, functions) are
 * kept by reference. Returns the copy of `root`.
 */
export function deepcopyGraph<T>(root: T, isModule: (value: unknown) => boolean): T {
  const memo = new Map<unknown, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (memo.has(value)) return memo.get(value);
    if (value instanceof ExampleImpl) {
      const copied = value.copy();
      copied[INPUT_KEYS] = value[INPUT_KEYS];
      memo.set(value, copied);
      return copied;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      memo.set(value, out);
      for (const item of value) out.push(copy(item));
      return out;
    }
    if (value instanceof Map) {
      const out = new Map();
      memo.set(value, out);
      for (const [k, v] of value) out.set(k, copy(v));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set();
      memo.set(value, out);
      for (const v of value) out.add(copy(v));
      return out;
    }
    if (isModule(value) || isPlainObject(value)) {
      const out = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
      memo.set(value, out);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
        if ("value" in descriptor) descriptor.value = copy(descriptor.value);
        Object.defineProperty(out, key, descriptor);
      }
      return out;
    }
    return value;
  };
  return copy(root) as T;
}
