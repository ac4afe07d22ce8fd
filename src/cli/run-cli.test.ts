import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runCli, type CliIO } from "./run-cli.js";

function memoryIO(onStdout?: (text: string) => void): CliIO & { out: string[]; err: string[]; stop: () => void } {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io = {
    out: [] as string[],
    err: [] as string[],
    stdout: (text: string) => {
      io.out.push(text);
      onStdout?.(text);
    },
    stderr: (text: string) => io.err.push(text),
    waitForStop: () => stopped,
    stop: () => stop(),
  };
  return io;
}

describe("runCli", () => {
  it("prints help, and rejects unknown commands and bad options with exit code 2", async () => {
    for (const [argv, text] of [
      [["--help"], "Usage: tsdspy [options] [command]"],
      [["-h"], "Exit codes: 0 success"],
      [["help"], "compile [options]"],
      [["sim", "--help"], "Usage: tsdspy sim [options] [command]"],
      [["sim", "serve", "--help"], "Usage: tsdspy sim serve [options]"],
      [["help", "sim"], "serve [options]"],
      [["gate", "--help"], "Exit 1 when any fails"],
    ] as const) {
      const help = memoryIO();
      expect(await runCli(argv, help)).toBe(0);
      expect(help.out.join("")).toContain(text);
      expect(help.err).toEqual([]);
    }
    for (const argv of [[], ["sim"], ["sim", "stop"], ["lm", "serve"], ["sim", "serve", "--port"], ["sim", "serve", "--port", "http"], ["sim", "serve", "--verbose", "1"], ["gate", "--nope"]]) {
      const io = memoryIO();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err.join("")).toMatch(/No command|unknown command|unknown option|argument missing|--port must be|Usage: tsdspy sim/);
      expect(io.out).toEqual([]);
    }
  });

  it("prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const io = memoryIO();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out.join("")).toBe(`${version}\n`);
    }
  });

  it("sim serve prints the base URL and serves until told to stop", async () => {
    let resolveUrl: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => (resolveUrl = resolve));
    const io = memoryIO((text) => resolveUrl(text.trim()));
    const running = runCli(["sim", "serve", "--port=0", "--model", "my-sim"], io);
    const url = await urlPrinted;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(((await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> }).data[0]!.id).toBe("my-sim");
    io.stop();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/models`)).rejects.toThrow();
  });

  it("bin/tsdspy.js runs the command in a real process until SIGTERM", async () => {
    const bin = fileURLToPath(new URL("../../bin/tsdspy.js", import.meta.url));
    const child = spawn(process.execPath, [bin, "sim", "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", () => reject(new Error("tsdspy exited before printing its URL")));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${firstLine}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "x", messages: [{ role: "user", content: "Hello?" }] }),
    });
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
