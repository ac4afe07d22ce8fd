// Reads the committed dataset into Examples, by split, and checks the splits for leakage.
import { readFileSync } from "node:fs";
import { assertDisjointSplits, Example } from "tsdspy";
import type { Ticket } from "./dataset.js";

export const DATASET_PATH = new URL("./data/tickets.jsonl", import.meta.url);

export interface Splits {
  train: Example<Ticket>[];
  validation: Example<Ticket>[];
  test: Example<Ticket>[];
}

/** The tickets as Examples whose inputs are the ticket and the policy context; labels stay out of the prompt. */
export function loadTickets(path: URL = DATASET_PATH): Splits {
  const tickets = readFileSync(path, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Ticket);
  const bySplit = (split: Ticket["split"]) =>
    tickets.filter((t) => t.split === split).map((t) => new Example<Ticket>(t).withInputs("ticket_text", "policy_context"));
  const splits = { train: bySplit("train"), validation: bySplit("validation"), test: bySplit("test") };
  // Disjoint by id, and no ticket text may appear in two splits either.
  assertDisjointSplits(...Object.values(splits).map((s) => new Set(s.map((e) => e.id))));
  assertDisjointSplits(...Object.values(splits).map((s) => new Set(s.map((e) => e.ticket_text))));
  return splits;
}
