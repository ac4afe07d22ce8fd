// `npm run build`: dist/ as published. The JavaScript is bundled by esbuild (scripts/bundle.ts), the type
// declarations are emitted by tsc, one .d.ts per source file.
//
//   tsx scripts/build.ts [--outDir dist] [--noCheck]
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const outDirAt = args.indexOf("--outDir");
const outDir = resolve(outDirAt >= 0 ? args[outDirAt + 1]! : join(root, "dist"));

rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const tscArgs = ["-p", join(root, "tsconfig.build.json"), "--outDir", outDir, "--emitDeclarationOnly", ...(args.includes("--noCheck") ? ["--noCheck"] : [])];
execFileSync(process.execPath, [tsc, ...tscArgs], { stdio: "inherit" });
await bundle(outDir);
