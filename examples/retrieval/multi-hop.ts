/**
 * The article's multi-hop sketch ("Multi-hop pipeline patterns"), runnable offline: each hop writes a search query
 * from what was found so far, `Retrieve` fetches policies from the built-in BM25 retriever, and a ChainOfThought
 * writes the resolution. The LM is scripted here (`DummyLM`); set `TSDSPY_LM=provider/model` to run it on a real one.
 *
 *   npx tsx --conditions=source examples/retrieval/multi-hop.ts
 */
import { BM25Retriever, ChainOfThought, configure, LM, Module, Prediction, Retrieve } from "tsdspy";
import { DummyLM } from "tsdspy/testing";
import { runIfMain, type Print } from "../seed/run-example.js";
import { GenerateResolution } from "../support/program.js";

export class MultiHopSupport extends Module<{ ticket_text: string }, { resolution: string }> {
  retrieve = new Retrieve({ k: 3 });
  generate_query: ChainOfThought[];
  generate_resolution = new ChainOfThought(GenerateResolution);

  constructor(numHops = 3) {
    super();
    this.generate_query = Array.from({ length: numHops }, () => new ChainOfThought("context, ticket_text -> search_query"));
  }

  async forward({ ticket_text }: { ticket_text: string }): Promise<Prediction<{ resolution: string }>> {
    const context: string[] = [];
    for (const hop of this.generate_query) {
      const { search_query } = await hop.call({ context: context.join("\n"), ticket_text });
      const { passages } = await this.retrieve.call(String(search_query));
      context.push(...passages);
    }
    return this.generate_resolution.call({ policy_context: context.join("\n"), ticket_text });
  }
}

export const POLICIES = [
  "Late deliveries: parcels more than 5 days late get a full shipping refund.",
  "Refund timing: refunds reach the original payment method in 3 to 5 business days.",
  "Damaged items: damaged items are replaced free of charge; send a photo within 14 days.",
  "Store credit: store credit is issued instantly and never expires.",
  "Returns: unused items can be returned within 30 days for a refund.",
];

const SCRIPT = [
  { reasoning: "The ticket is about a late parcel; look up the late delivery policy.", search_query: "late delivery shipping refund" },
  { reasoning: "The customer will ask when the money arrives; look up refund timing.", search_query: "refund timing payment method" },
  {
    reasoning: "The parcel is 7 days late, over the 5-day limit, so shipping is refunded; refunds take 3 to 5 business days.",
    resolution: "Your parcel is over 5 days late, so we refund your shipping fee in full (Late deliveries policy); it reaches your card in 3 to 5 business days (Refund timing).",
  },
];

export async function main(print: Print): Promise<void> {
  const lm = process.env.TSDSPY_LM ? new LM(process.env.TSDSPY_LM) : new DummyLM(SCRIPT);
  configure({ lm, rm: new BM25Retriever(POLICIES) });
  const program = new MultiHopSupport(2);
  const ticket = "My parcel is 7 days late. Can I get my shipping fee back?";
  const pred = await program.call({ ticket_text: ticket });
  print(`hops: ${program.generate_query.length}, passages per hop: ${program.retrieve.k}`);
  print(`resolution: ${pred.resolution}`);
  print(`predictors: ${program.namedPredictors().map(([name]) => name).join(", ")}`);
}

runIfMain(import.meta, main);
