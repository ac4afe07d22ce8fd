#!/usr/bin/env node
// The tsdspy command. tsx's loader is registered first: the project file (tsdspy.config.ts) and the program it names
// are TypeScript, imported at run time by the function passed to main(). In a checkout of the repository the CLI runs
// from its TypeScript sources (the truth there, whatever dist/ holds); the published package has only dist/.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const source = new URL("../src/cli/main.ts", import.meta.url);
const entry = existsSync(fileURLToPath(source)) ? source : new URL("../dist/cli/main.js", import.meta.url);
const { main } = await import(entry.href);
await main((url) => import(url));
