/**
 * Heap retained by the LM response cache's memory level over many distinct calls (~3 KB replies, history off):
 * bounded by bytes (default 64 MiB of JSON) the heap plateaus; bounded by entries only (the old behaviour, 1,000,000
 * entries) it grows with every call. Each mode runs in its own process with `--expose-gc`.
 *
 *   npx tsx --conditions=source bench/cache-memory.ts [calls]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CALLS = Number(process.argv[2]) || 60_000;
const STEP = CALLS / 6;
const mode = process.argv[3];

async function measure(limit: "default" | "entries-only"): Promise<void> {
  const { LM } = await import("../src/clients/lm.js");
  const { LMCache } = await import("../src/clients/cache/lm-cache.js");
  const { configure } = await import("../src/context/settings.js");
  const { NO_CAPABILITIES } = await import("../src/lm/lm-capabilities.js");
  configure({ logger: { debug() {}, info() {}, warn() {}, error() {} }, disableHistory: true });
  const pad = "x".repeat(2_600);
  const cache = new LMCache({ enableDisk: false, ...(limit === "entries-only" ? { memoryMaxBytes: Number.POSITIVE_INFINITY } : {}) });
  const lm = new LM("stub/m", {
    cacheStore: cache,
    languageModel: {
      specificationVersion: "tsdspy-lm-v1",
      provider: "stub",
      modelId: "m",
      capabilities: NO_CAPABILITIES,
      doGenerate: async (request) => ({
        outputs: [{ text: `[[ ## answer ## ]]\n${String(request.messages[0]!.content)}`, finishReason: "stop" }],
        usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 },
        raw: { id: "x", pad },
      }),
    },
  });
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const base = process.memoryUsage().heapUsed;
  const row: string[] = [];
  for (let i = 1; i <= CALLS; i++) {
    await lm.call([{ role: "user", content: `question ${i}` }]);
    if (i % STEP === 0) {
      gc();
      row.push(`${i / 1000}k: ${((process.memoryUsage().heapUsed - base) / 2 ** 20).toFixed(0).padStart(4)} MB`);
    }
  }
  console.log(`${limit.padEnd(12)} entries ${String(cache.memory!.size).padStart(6)}  heap growth  ${row.join("  ")}`);
}

if (mode) {
  await measure(mode as "default" | "entries-only");
} else {
  console.log(`LM cache memory level: heap growth (after GC) over ${CALLS} distinct calls of ~3 KB replies (node ${process.version})`);
  const self = fileURLToPath(import.meta.url);
  for (const limit of ["default", "entries-only"]) {
    spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--conditions=source", self, String(CALLS), limit], { stdio: "inherit" });
  }
}
