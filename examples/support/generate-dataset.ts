// Regenerates examples/support/data/tickets.jsonl (seeded; the committed file must equal the output).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTickets } from "./dataset.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "data", "tickets.jsonl");
writeFileSync(out, generateTickets().map((t) => JSON.stringify(t)).join("\n") + "\n");
console.log(`wrote ${out}`);
