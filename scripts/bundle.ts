// The JavaScript of dist/: each entry point of package.json's `exports` (and the CLI) bundled by esbuild into one
// module, code shared between entry points in chunks, and each provider's code in the chunk its registration imports
// on first use. Importing "tsdspy" reads a dozen files instead of ~300. (`scripts/build.ts` adds tsc's declarations.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The source files behind package.json's `exports` (./dist/<path>.js comes from src/<path>.ts), plus the CLI. */
export function entryPoints(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, { default: string }> };
  return [...Object.values(pkg.exports).map((conditions) => conditions.default), "./dist/cli/main.js"].map((target) =>
    join(root, target.replace(/^\.\/dist\/(.*)\.js$/, "src/$1.ts")),
  );
}

/** Writes the bundled JavaScript of every entry point under `outDir` (dist/index.js, dist/testing/index.js, …); returns esbuild's metafile (paths relative to the package root). */
export async function bundle(outDir: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: entryPoints(),
    outbase: join(root, "src"),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Chunks sit two levels below the package root, as dist/cli/main.js does: `../../package.json` means the same in both.
    chunkNames: "chunks/[name]-[hash]",
    // Class and function names are behaviour (error names, state files' class markers, `inspect` output).
    keepNames: true,
    // Optional peers (and anything else from node_modules) stay imports, resolved in the user's project.
    packages: "external",
    tsconfig: join(root, "tsconfig.build.json"),
    logLevel: "warning",
    metafile: true,
  });
  return result.metafile;
}
