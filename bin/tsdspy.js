#!/usr/bin/env node
// The tsdspy command. tsx's loader is registered first: the project file (tsdspy.config.ts) and the program it names
// are TypeScript, imported at run time by the function passed to main(). Then the built CLI runs when dist/ exists,
// else the TypeScript sources.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const built = new URL("../dist/cli/main.js", import.meta.url);
const entry = existsSync(fileURLToPath(built)) ? built : new URL("../src/cli/main.ts", import.meta.url);
const { main } = await import(entry.href);
await main((url) => import(url));
