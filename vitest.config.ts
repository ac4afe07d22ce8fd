import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `import … from "tsdspy"` (and subpaths) in examples and tests resolve to the TypeScript sources through the `paths`
// of tsconfig.json, which tsc and tsx read too. The published package.json points only at the built `dist/`.
const tsconfig = JSON.parse(readFileSync(new URL("./tsconfig.json", import.meta.url), "utf8")) as {
  compilerOptions: { paths: Record<string, [string]> };
};
const alias = Object.entries(tsconfig.compilerOptions.paths).map(([specifier, [target]]) => ({
  find: new RegExp(`^${specifier}$`),
  replacement: fileURLToPath(new URL(target, import.meta.url)),
}));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["src/**/*.test.ts", "examples/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    // Generous ceilings that only a hung test reaches: no test may depend on wall-clock time (docs/testing.md), and
    // a loaded 2-core CI machine runs the slowest file several times slower than an idle one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    pool: "forks",
    globalSetup: ["scripts/vitest-temp-dir.ts"],
  },
});
