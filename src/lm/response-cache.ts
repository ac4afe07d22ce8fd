import type { LMResponse } from "./lm-response.js";

/**
 * Where LM responses are kept between identical requests. Keys are hex SHA-256 digests of the canonical request.
 * `get` returns the stored response as stored; the caller marks it as a cache hit.
 */
export interface ResponseCache {
  get(key: string): Promise<LMResponse | undefined> | LMResponse | undefined;
  put(key: string, response: LMResponse): Promise<void> | void;
}
