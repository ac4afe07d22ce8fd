import { createHash } from "node:crypto";

/** Hex SHA-256 of a UTF-8 string or of bytes. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}
