import { ValueError } from "../errors/value-error.js";

/** A 2-D float matrix as NumPy stores it: row-major values and a shape. */
export interface Matrix {
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** NumPy's `.npy` format 1.0 of a float32 (`<f4`) or float64 (`<f8`) matrix, as `np.save` writes it. */
export function encodeNpy(matrix: Matrix): Uint8Array {
  const descr = matrix.data instanceof Float32Array ? "<f4" : "<f8";
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${matrix.rows}, ${matrix.cols}), }`;
  // Magic (6) + version (2) + header length (2) + header + padding + "\n" is a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, " ") + "\n";
  const body = new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength);
  const out = new Uint8Array(total + body.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  out.set(new TextEncoder().encode(header), 10);
  out.set(body, total);
  return out;
}

/** Reads a little-endian float32/float64 C-order 2-D `.npy` file (what DSPy's `Embeddings.save` writes). */
export function decodeNpy(bytes: Uint8Array): Matrix {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new ValueError("Not a NumPy .npy file (bad magic bytes).");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1]?.split(",").map((s) => s.trim()).filter(Boolean).map(Number);
  if (fortran !== "False" || !shape || shape.length !== 2 || (descr !== "<f4" && descr !== "<f8")) {
    throw new ValueError(`Unsupported .npy array (${header.trim()}); expected a C-order 2-D float32 or float64 matrix.`);
  }
  const [rows, cols] = shape as [number, number];
  const offset = start + headerLength;
  const size = descr === "<f4" ? 4 : 8;
  const raw = bytes.slice(offset, offset + rows * cols * size);
  const data = descr === "<f4" ? new Float32Array(raw.buffer, raw.byteOffset, rows * cols) : new Float64Array(raw.buffer, raw.byteOffset, rows * cols);
  return { data, rows, cols };
}
