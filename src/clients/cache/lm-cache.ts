import { homedir } from "node:os";
import { join } from "node:path";
import type { LMResponse } from "../../lm/lm-response.js";
import type { ResponseCache } from "../../lm/response-cache.js";
import { DiskCache } from "./disk-cache.js";
import { isLMResponse } from "./is-lm-response.js";
import { MemoryCache } from "./memory-cache.js";

export interface CacheOptions {
  /** In-memory LRU level. Default true. */
  enableMemory?: boolean;
  /** On-disk level. Default true. */
  enableDisk?: boolean;
  /** Disk directory. Default `TSDSPY_CACHEDIR`, else `~/.tsdspy_cache`. */
  dir?: string;
  /** Disk size bound in bytes. Default `TSDSPY_CACHE_LIMIT`, else 3e10 (30 GB, as DSPy). */
  maxBytes?: number;
  /** Memory entries kept. Default 1,000,000 (as DSPy). */
  memoryMaxEntries?: number;
  /** Bytes of responses (their JSON) the memory level keeps. Default 64 MiB, about 20,000 replies of 3 KB. */
  memoryMaxBytes?: number;
  /** Where a disk failure is reported (it never fails the LM call). */
  onDiskError?: (error: unknown) => void;
}

/** The default disk directory: `TSDSPY_CACHEDIR`, else `~/.tsdspy_cache`. */
export function defaultCacheDir(): string {
  return process.env.TSDSPY_CACHEDIR || join(homedir(), ".tsdspy_cache");
}

/** The memory level's default size: 64 MiB of serialized responses. */
export const DEFAULT_MEMORY_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * DSPy's two-level LM response cache: an in-memory LRU (bounded by entries and bytes) in front of an on-disk store.
 * Reads try memory, then disk (promoting a disk hit to memory); a disk entry that is not a well-formed response is a
 * miss and is deleted. Writes go to both, the disk write in the background (`flush()` awaits it).
 *
 * @example
 * const cache = new LMCache({ enableDisk: false });
 * const lm = new LM("openai/gpt-4o-mini", { cacheStore: cache });
 */
export class LMCache implements ResponseCache {
  readonly memory: MemoryCache<LMResponse> | null;
  readonly disk: DiskCache<LMResponse> | null;
  private readonly pending = new Set<Promise<void>>();
  private readonly onDiskError: (error: unknown) => void;

  constructor(options: CacheOptions = {}) {
    this.memory =
      options.enableMemory === false ? null : new MemoryCache(options.memoryMaxEntries, options.memoryMaxBytes ?? DEFAULT_MEMORY_CACHE_BYTES);
    const maxBytes = options.maxBytes ?? (Number(process.env.TSDSPY_CACHE_LIMIT) || 3e10);
    this.disk =
      options.enableDisk === false ? null : new DiskCache({ dir: options.dir ?? defaultCacheDir(), maxBytes, validate: isLMResponse });
    this.onDiskError = options.onDiskError ?? (() => {});
  }

  get(key: string): LMResponse | undefined | Promise<LMResponse | undefined> {
    const hit = this.memory?.get(key);
    if (hit !== undefined || !this.disk) return hit;
    return this.disk.get(key).then((value) => {
      if (value !== undefined) this.memory?.set(key, value, JSON.stringify(value).length);
      return value;
    });
  }

  put(key: string, response: LMResponse): void {
    const json = JSON.stringify(response);
    this.memory?.set(key, response, json.length);
    if (!this.disk) return;
    const write = this.disk.setJson(key, json).catch(this.onDiskError);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Waits for background disk writes. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Empties the memory level (DSPy's `reset_memory_cache`). */
  resetMemory(): void {
    this.memory?.clear();
  }
}
