/**
 * Retrieval without a hosted model: `Embeddings` over the built-in `LexicalEmbedder`, `BM25Retriever`, and `Retrieve`
 * with a configured retriever. The index is saved in DSPy's layout (config.json + corpus_embeddings.npy).
 *
 *   npx tsx --conditions=source examples/retrieval/embeddings.ts
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BM25Retriever, Embeddings, LexicalEmbedder, Retrieve, withSettings } from "tsdspy";
import { runIfMain, type Print } from "../seed/run-example.js";
import { POLICIES } from "./multi-hop.js";

export async function main(print: Print): Promise<void> {
  // #region snippet
  const embedder = new LexicalEmbedder({ corpus: POLICIES });
  const search = new Embeddings(POLICIES, embedder, { k: 2 });
  const { passages, indices } = await search.call("my package arrived broken");

  const bm25 = new BM25Retriever(POLICIES, { k: 2 });
  const retrieve = new Retrieve({ k: 1 });
  const viaBm25 = await withSettings({ rm: bm25 }, () => retrieve.call("refund timing"));
  // #endregion
  print(`Embeddings: ${indices.join(", ")} — ${passages[0]}`);
  print(`Retrieve (BM25): ${viaBm25.passages[0]}`);
  const dir = await mkdtemp(join(tmpdir(), "tsdspy-embeddings-"));
  await search.save(dir);
  const loaded = await Embeddings.fromSaved(dir, embedder);
  print(`reloaded: ${(await loaded.call("my package arrived broken")).indices.join(", ")}`);
}

runIfMain(import.meta, main);
