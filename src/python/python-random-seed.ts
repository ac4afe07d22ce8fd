import { createHash, randomFillSync } from "node:crypto";
import { ArgumentTypeError } from "../errors/argument-type-error.js";
import { ValueError } from "../errors/value-error.js";

/** What `PythonRandom` accepts as a seed: Python `int` (number or bigint), `str`, or `bytes`. */
export type PythonRandomSeed = number | bigint | string | Uint8Array;

const MT_STATE_WORDS = 624;

/**
 * The `init_by_array` key CPython 3.11's `random.seed(a, version=2)` derives from a seed, as 32-bit words (least
 * significant first). Integers use their absolute value; `str` and `bytes` use the bytes followed by their SHA-512
 * digest, read as one big-endian integer. No seed (`undefined`/`null`, Python's `None`) draws 624 words from
 * `crypto.randomFillSync`, as CPython draws them from `os.urandom`.
 */
export function pythonSeedKey(seed: PythonRandomSeed | null | undefined): number[] {
  if (seed === undefined || seed === null) return [...randomFillSync(new Uint32Array(MT_STATE_WORDS))];
  if (typeof seed === "bigint") return wordsOfBigInt(seed < 0n ? -seed : seed);
  if (typeof seed === "number") return wordsOfBigInt(BigInt(Math.abs(checkIntegerSeed(seed))));
  if (typeof seed === "string") return wordsOfBytesSeed(utf8Strict(seed));
  if (seed instanceof Uint8Array) return wordsOfBytesSeed(seed);
  throw new ArgumentTypeError(
    `PythonRandom seeds must be integers (number or bigint), strings or Uint8Array bytes; got ${describe(seed)}.`,
  );
}

function checkIntegerSeed(seed: number): number {
  if (!Number.isInteger(seed)) {
    throw new ArgumentTypeError(
      `PythonRandom got the non-integer seed ${seed}. CPython seeds from a float's hash, which tsdspy does not ` +
        `reproduce: pass an integer, a bigint or a string.`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new ArgumentTypeError(
      `PythonRandom got the seed ${seed}, which is beyond Number.MAX_SAFE_INTEGER and may already have lost ` +
        `precision: pass it as a bigint (e.g. ${BigInt(seed)}n, or 10n ** 30n).`,
    );
  }
  return seed;
}

/** Python's `str.encode()`: UTF-8, refusing lone surrogates as CPython's strict codec does. */
function utf8Strict(text: string): Uint8Array {
  const lone = /\p{Surrogate}/u.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16);
    const position = [...text.slice(0, lone.index)].length;
    throw new ValueError(
      `'utf-8' codec can't encode character '\\u${code}' in position ${position}: surrogates not allowed. ` +
        `A string seed must be well-formed Unicode; remove or pair the lone surrogate.`,
    );
  }
  return Buffer.from(text, "utf8");
}

function wordsOfBytesSeed(bytes: Uint8Array): number[] {
  const digest = createHash("sha512").update(bytes).digest();
  const joined = new Uint8Array(bytes.length + digest.length);
  joined.set(bytes, 0);
  joined.set(digest, bytes.length);
  return wordsOfBigEndian(joined);
}

/** Splits a big-endian unsigned integer into 32-bit words, least significant first, without leading zero words. */
function wordsOfBigEndian(bytes: Uint8Array): number[] {
  const words: number[] = [];
  for (let end = bytes.length; end > 0; end -= 4) {
    let word = 0;
    for (let i = Math.max(0, end - 4); i < end; i++) word = word * 256 + bytes[i]!;
    words.push(word);
  }
  return trimHighZeroWords(words);
}

function wordsOfBigInt(value: bigint): number[] {
  const words: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 32n) words.push(Number(rest & 0xffffffffn));
  return trimHighZeroWords(words);
}

function trimHighZeroWords(words: number[]): number[] {
  while (words.length > 1 && words[words.length - 1] === 0) words.pop();
  return words.length === 0 ? [0] : words;
}

function describe(value: unknown): string {
  if (typeof value === "object") return value === null ? "null" : `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${String(value)}`;
}
