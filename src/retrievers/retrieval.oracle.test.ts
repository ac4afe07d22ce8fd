import { mkdtemp, readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { MultiHopSupport } from "../../examples/retrieval/multi-hop.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { stateFileText } from "../primitives/state-file.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { Embeddings } from "./embeddings.js";
import { EmbeddingsWithScores } from "./embeddings-with-scores.js";

type Json = Record<string, any>;
const fixture = parsePyJson(readFileSync(new URL("./__fixtures__/retrieval.oracle.json", import.meta.url), "utf8")) as Json;
const tableEmbedder = (table: Record<string, number[]>) => (texts: string[]) => texts.map((t) => table[t]!.map(Number));

afterEach(() => resetSettings());

describe("Embeddings against DSPy 3.3.1 (oracle)", () => {
  for (const c of fixture.embeddings as Json[]) {
    it(`${c.id}: ${c.results.length} queries over ${c.corpus.length} passages, k=${c.k}`, async () => {
      const search = new EmbeddingsWithScores(c.corpus, tableEmbedder(c.table), { k: c.k, normalize: c.normalize });
      for (const r of c.results) {
        const pred = await search.call(r.query);
        expect(pred.passages).toEqual(r.passages);
        expect(pred.indices).toEqual(r.indices);
        (pred.scores as number[]).forEach((s, i) => expect(s).toBeCloseTo(Number(r.scores[i]), 5));
      }
    });
  }

  for (const n of fixture.normalized as Json[]) {
    it(`normalises ${n.dim}-dimensional vectors to DSPy's float32 bytes`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "tsdspy-emb-"));
      await new Embeddings(n.corpus, tableEmbedder(n.table), { k: 1 }).save(dir);
      const npy = await readFile(join(dir, "corpus_embeddings.npy"));
      const header = npy[8]! + npy[9]! * 256 + 10;
      expect(Buffer.from(npy.subarray(header)).toString("base64")).toBe(n.matrix_base64);
    });
  }

  it("saves config.json and corpus_embeddings.npy byte for byte as DSPy, and loads DSPy's", async () => {
    const c = fixture.saved;
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-emb-"));
    await new Embeddings(c.corpus, tableEmbedder(c.table), { k: 2 }).save(dir);
    expect(await readFile(join(dir, "config.json"), "utf8")).toBe(c.config);
    expect(Buffer.from(await readFile(join(dir, "corpus_embeddings.npy"))).toString("base64")).toBe(c.npy_base64);
    const loaded = await Embeddings.fromSaved(fileURLToPath(new URL("./__fixtures__/embeddings-saved", import.meta.url)), tableEmbedder(c.table));
    expect(loaded.k).toBe(2);
    expect((await loaded.call("late delivery")).passages).toEqual(["late delivery", "damaged item"]);
  });
});

describe("the article's multi-hop program against DSPy 3.3.1 (oracle)", () => {
  const c = fixture.multihop;
  const POLICIES: Record<string, string[]> = {
    "late delivery refund": ["Late deliveries over 5 days get a shipping refund.", "Refunds go to the original payment method."],
    "refund timing": ["Refunds take 3 to 5 business days.", "Store credit is instant."],
    "damaged items": ["Damaged items are replaced free of charge.", "Send a photo within 14 days."],
  };
  const rm = (query: string, { k }: { k: number }) => (POLICIES[query] ?? ["No policy found."]).slice(0, k).map((p) => ({ long_text: p }));

  it("renders Python's prompts, answers the same, and saves the state a fixed DSPy saves (DSPy 3.3.1 itself cannot)", async () => {
    const program = new MultiHopSupport(2);
    const lm = new DummyLM(c.answers);
    const pred = await withSettings({ lm, rm }, () => program.call({ ticket_text: c.ticket_text }));
    expect(lm.history.map((h) => h.messages)).toEqual(c.lm_calls);
    expect(pyJsonDumps(pred.toDict())).toBe(pyJsonDumps(c.prediction));
    expect(c.save_error).toBe("Retrieve.dump_state() got an unexpected keyword argument 'json_mode'");
    expect(c.loads_back).toBe(true);
    expect(stateFileText(program.dumpState(), { cloudpickle: "2.1" })).toBe(c.saved);
  });
});
