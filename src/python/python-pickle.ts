import { PythonTypeError } from "../errors/python-type-error.js";
import { PyFloat } from "./py-float.js";

/**
 * One Python object shared by reference: every occurrence of the same `PyRef` pickles as a memo reference after the
 * first, as one CPython object would. A plain JavaScript string stands for a fresh `str` object (CPython's cached
 * empty and one-character Latin-1 strings are always shared).
 */
export class PyRef<T = unknown> {
  constructor(readonly value: T) {}
}

/** An instance of a Python class, pickled by `__reduce_ex__(4)` (`copyreg.__newobj__`) with `state` as its `__dict__`. */
export class PickleInstance {
  constructor(
    readonly module: string,
    readonly qualname: string,
    /** The instance `__dict__`, in attribute order; keys may be `PyRef`s to share them. */
    readonly state: Map<string | PyRef<string>, unknown>,
  ) {}
}

/** A Python dict whose keys may be shared `PyRef` strings (plain objects pickle as dicts with fresh keys). */
export class PyDict {
  constructor(readonly entries: ReadonlyArray<readonly [string | PyRef<string>, unknown]>) {}
}

const FRAME_SIZE_TARGET = 64 * 1024;
const FRAME_SIZE_MIN = 4;
const BATCH = 1000;
const OP = {
  MARK: 0x28, STOP: 0x2e, NONE: 0x4e, NEWTRUE: 0x88, NEWFALSE: 0x89, BININT: 0x4a, BININT1: 0x4b, BININT2: 0x4d,
  LONG1: 0x8a, LONG4: 0x8b, BINFLOAT: 0x47, SHORT_BINUNICODE: 0x8c, BINUNICODE: 0x58, BINUNICODE8: 0x8d,
  EMPTY_LIST: 0x5d, APPEND: 0x61, APPENDS: 0x65, EMPTY_DICT: 0x7d, SETITEM: 0x73, SETITEMS: 0x75,
  EMPTY_TUPLE: 0x29, TUPLE: 0x74, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87, MEMOIZE: 0x94, BINGET: 0x68, LONG_BINGET: 0x6a,
  STACK_GLOBAL: 0x93, NEWOBJ: 0x81, BUILD: 0x62, PROTO: 0x80, FRAME: 0x95,
} as const;

/** A Python tuple (a JavaScript array pickles as a list). */
export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}

class Output {
  private readonly chunks: Uint8Array[] = [];
  private frame: number[] = [];
  constructor() {
    this.chunks.push(Uint8Array.of(OP.PROTO, 4));
  }
  write(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.frame.push(bytes[i] as number);
  }
  /** pickle.py's `_Framer.commit_frame`: a frame is closed once it reaches 64 KiB (or at the end). */
  commit(force = false): void {
    if (this.frame.length === 0 || (!force && this.frame.length < FRAME_SIZE_TARGET)) return;
    if (this.frame.length >= FRAME_SIZE_MIN) {
      const header = new Uint8Array(9);
      header[0] = OP.FRAME;
      new DataView(header.buffer).setBigUint64(1, BigInt(this.frame.length), true);
      this.chunks.push(header);
    }
    this.chunks.push(Uint8Array.from(this.frame));
    this.frame = [];
  }
  /** pickle.py's `write_large_bytes`: a payload of 64 KiB or more is written outside any frame. */
  large(header: ArrayLike<number>, payload: Uint8Array): void {
    this.commit(true);
    this.chunks.push(Uint8Array.from(header as number[]));
    this.chunks.push(payload);
  }
  bytes(): Uint8Array {
    this.commit(true);
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

const le32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, true);
  return b;
};

/** Python's `encode_long`: two's complement, little-endian, as few bytes as possible. */
function encodeLong(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const bitLength = (value < 0n ? -value : value).toString(2).length;
  let n = (bitLength >> 3) + 1;
  const mod = 1n << BigInt(8 * n);
  let v = ((value % mod) + mod) % mod;
  const bytes: number[] = [];
  for (let i = 0; i < n; i++) {
    bytes.push(Number(v & 0xffn));
    v >>= 8n;
  }
  if (value < 0n && n > 1 && bytes[n - 1] === 0xff && ((bytes[n - 2] as number) & 0x80) !== 0) bytes.pop();
  return Uint8Array.from(bytes);
}

const isCachedString = (text: string) => text.length === 0 || (text.length === 1 && text.charCodeAt(0) < 256);

/**
 * `pickle.dumps(value, protocol=4)` as CPython writes it, for the values tsdspy models: None, bools, ints (numbers
 * and bigints), floats (`PyFloat` or non-integral numbers), strings, lists (arrays), tuples (`PyTuple`), dicts (plain
 * objects or `PyDict`) and `PickleInstance`s. Object identity — what CPython's memo sees — comes from JavaScript object
 * identity and `PyRef`. Anything else throws `PythonTypeError`.
 *
 * @example
 * sha256Hex(pickleDumps(new PyTuple([1, "a"])))
 */
export function pickleDumps(value: unknown): Uint8Array {
  const out = new Output();
  const memo = new Map<unknown, number>();
  const classes = new Map<string, PyRef<string>>();
  const cached = new Map<string, PyRef<string>>();

  const memoize = (key: unknown) => {
    memo.set(key, memo.size);
    out.write([OP.MEMOIZE]);
  };
  const get = (index: number) => out.write(index < 256 ? [OP.BINGET, index] : [OP.LONG_BINGET, ...le32(index)]);

  const saveString = (text: string, key: unknown) => {
    const encoded = new TextEncoder().encode(text);
    const n = encoded.length;
    if (n < 256) out.write([OP.SHORT_BINUNICODE, n, ...encoded]);
    else if (n >= FRAME_SIZE_TARGET) out.large([OP.BINUNICODE, ...le32(n)], encoded);
    else {
      out.write([OP.BINUNICODE, ...le32(n)]);
      out.write(encoded);
    }
    memoize(key);
  };

  const save = (v: unknown): void => {
    out.commit();
    if (v instanceof PyRef) {
      if (memo.has(v)) return get(memo.get(v)!);
      if (typeof v.value === "string") return saveString(v.value, v);
      return save(v.value);
    }
    if (v === null || v === undefined) return out.write([OP.NONE]);
    if (v === true) return out.write([OP.NEWTRUE]);
    if (v === false) return out.write([OP.NEWFALSE]);
    if (typeof v === "string") {
      if (!isCachedString(v)) return saveString(v, Symbol());
      let ref = cached.get(v);
      if (!ref) cached.set(v, (ref = new PyRef(v)));
      return save(ref);
    }
    if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0))) {
      const n = BigInt(v);
      if (n >= 0n && n <= 0xffn) return out.write([OP.BININT1, Number(n)]);
      if (n >= 0n && n <= 0xffffn) return out.write([OP.BININT2, Number(n) & 0xff, Number(n) >> 8]);
      if (n >= -0x80000000n && n <= 0x7fffffffn) return out.write([OP.BININT, ...le32(Number(n))]);
      const bytes = encodeLong(n);
      return out.write(bytes.length < 256 ? [OP.LONG1, bytes.length, ...bytes] : [OP.LONG4, ...le32(bytes.length), ...bytes]);
    }
    if (typeof v === "number" || v instanceof PyFloat) {
      const b = new Uint8Array(9);
      b[0] = OP.BINFLOAT;
      new DataView(b.buffer).setFloat64(1, v instanceof PyFloat ? v.value : v, false);
      return out.write(b);
    }
    if (typeof v !== "object") throw new PythonTypeError(`cannot pickle '${typeof v}' object`);
    if (memo.has(v)) return get(memo.get(v)!);
    if (v instanceof PyTuple) {
      if (v.items.length === 0) return out.write([OP.EMPTY_TUPLE]);
      if (v.items.length <= 3) {
        for (const item of v.items) save(item);
        if (memo.has(v)) return get(memo.get(v)!);
        out.write([[OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][v.items.length - 1]!]);
      } else {
        out.write([OP.MARK]);
        for (const item of v.items) save(item);
        out.write([OP.TUPLE]);
      }
      return memoize(v);
    }
    if (Array.isArray(v)) {
      out.write([OP.EMPTY_LIST]);
      memoize(v);
      return batch(v.map((item) => [item]), OP.APPEND, OP.APPENDS);
    }
    if (v instanceof PickleInstance) {
      const classKey = `${v.module}\u0000${v.qualname}`;
      let cls = classes.get(classKey);
      if (!cls) classes.set(classKey, (cls = new PyRef(classKey)));
      if (memo.has(cls)) get(memo.get(cls)!);
      else {
        save(v.module);
        save(v.qualname);
        out.write([OP.STACK_GLOBAL]);
        memoize(cls);
      }
      out.write([OP.EMPTY_TUPLE, OP.NEWOBJ]);
      memoize(v);
      save(new PyDict([...v.state.entries()]));
      return out.write([OP.BUILD]);
    }
    const entries = v instanceof PyDict ? v.entries : Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null ? Object.entries(v) : null;
    if (!entries) throw new PythonTypeError(`tsdspy cannot pickle a ${(v as object).constructor?.name ?? "object"} like CPython does`);
    out.write([OP.EMPTY_DICT]);
    memoize(v);
    return batch(entries.map(([k, item]) => [k, item]), OP.SETITEM, OP.SETITEMS);
  };

  /** The C pickler's `batch_list_exact` / `batch_dict_exact`: one item alone uses the single opcode, else batches of 1000 between MARK and the batch opcode. */
  const batch = (items: unknown[][], one: number, many: number) => {
    if (items.length === 1) {
      for (const part of items[0]!) save(part);
      out.write([one]);
      return;
    }
    for (let i = 0; i < items.length; i += BATCH) {
      out.write([OP.MARK]);
      for (const parts of items.slice(i, i + BATCH)) for (const part of parts) save(part);
      out.write([many]);
    }
  };

  save(value);
  out.write([OP.STOP]);
  return out.bytes();
}
