import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface DiskCacheOptions<V> {
  dir: string;
  /** Total size the cache directory may reach; the oldest entries are removed beyond it. */
  maxBytes: number;
  /** Whether a stored value has the expected shape; one that does not is a miss and is removed. */
  validate?: (value: unknown) => value is V;
}

const FORMAT = 1;

/**
 * JSON values in one file per key under a two-hex-character fan-out (`<dir>/ab/abcdef….json`). Writes go to a
 * temporary file renamed into place, so several processes may share a directory and a reader never sees half a file;
 * an unreadable or corrupt file, or a value of the wrong shape, is a miss (and is removed). Past `maxBytes`, the least
 * recently written entries go.
 */
export class DiskCache<V> {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly validate: ((value: unknown) => value is V) | undefined;
  private approxBytes: number | null = null;
  private evicting: Promise<void> | null = null;

  constructor(options: DiskCacheOptions<V>) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.validate = options.validate;
  }

  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<V | undefined> {
    const file = this.pathOf(key);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { format?: number; key?: string; value?: unknown } | null;
      const value = entry?.value;
      if (entry?.format === FORMAT && entry.key === key && value !== undefined && (this.validate?.(value) ?? true)) return value as V;
    } catch {
      // corrupt: fall through
    }
    await unlink(file).catch(() => {});
    return undefined;
  }

  async set(key: string, value: V): Promise<void> {
    await this.setJson(key, JSON.stringify(value));
  }

  /** Stores a value already serialized as JSON (so a caller that also measures it serializes it once). */
  async setJson(key: string, valueJson: string): Promise<void> {
    const file = this.pathOf(key);
    const text = `{"format":${FORMAT},"key":${JSON.stringify(key)},"value":${valueJson}}`;
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, text, "utf8");
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
    if (this.approxBytes === null) this.approxBytes = await this.measure();
    else this.approxBytes += Buffer.byteLength(text);
    if (this.approxBytes > this.maxBytes) await (this.evicting ??= this.evict().finally(() => (this.evicting = null)));
  }

  /** Removes the oldest entries until the directory is back under 90% of `maxBytes`. */
  private async evict(): Promise<void> {
    const files = await this.listEntries();
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = files.reduce((sum, f) => sum + f.size, 0);
    const target = this.maxBytes * 0.9;
    for (const file of files) {
      if (total <= target) break;
      await unlink(file.path).catch(() => {});
      total -= file.size;
    }
    this.approxBytes = total;
  }

  private async measure(): Promise<number> {
    return (await this.listEntries()).reduce((sum, f) => sum + f.size, 0);
  }

  private async listEntries(): Promise<Array<{ path: string; size: number; mtimeMs: number }>> {
    const out: Array<{ path: string; size: number; mtimeMs: number }> = [];
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return out;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      let names: string[];
      try {
        names = await readdir(join(this.dir, shard));
      } catch {
        continue;
      }
      for (const name of names) {
        if (!name.endsWith(".json")) continue;
        const path = join(this.dir, shard, name);
        try {
          const info = await stat(path);
          out.push({ path, size: info.size, mtimeMs: info.mtimeMs });
        } catch {
          // removed meanwhile
        }
      }
    }
    return out;
  }
}
