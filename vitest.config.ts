import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `import … from "tsdspy"` (and subpaths) in examples and tests resolve to the TypeScript sources, following the
// `source` condition of package.json's exports.
const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  exports: Record<string, { source: string }>;
};
const alias = Object.entries(pkg.exports).map(([subpath, target]) => ({
  find: new RegExp(`^${subpath === "." ? "tsdspy" : `tsdspy/${subpath.slice(2)}`}$`),
  replacement: fileURLToPath(new URL(target.source, import.meta.url)),
}));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["src/**/*.test.ts", "examples/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
