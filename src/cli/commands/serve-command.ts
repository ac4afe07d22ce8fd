import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { withSettings } from "../../context/settings.js";
import { printResult, type CommandContext } from "../cli-context.js";
import { registryOf } from "./artifact-registry-file.js";
import { openArtifact } from "./evaluate-command.js";
import { openProject } from "./open-project.js";

const MAX_BODY = 1_000_000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) request.destroy(new RangeError("request body too large"));
    });
    request.on("end", () => done(body));
    request.on("error", fail);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * `tsdspy serve`: loads an artifact into a fresh program and answers `POST /predict` (the inputs as a JSON object) with
 * the prediction's fields; `GET /health` reports the artifact. Read-only: no optimizer runs, nothing is written.
 */
export async function serveCommand(context: CommandContext, options: { artifact?: string | undefined; model?: string; port: number; host: string }): Promise<number> {
  const project = await openProject(context);
  const dir = options.artifact ? resolve(context.cwd, options.artifact) : registryOf(project.artifactsDir).artifactFor(project.config.programVersion, options.model ?? project.models[0]!);
  const { program, manifest } = await openArtifact(project, dir);
  const lm = project.lmFor(manifest.model);
  const inputs = project.config.dataset.inputs;
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === "GET" && request.url === "/health") {
        return send(response, 200, { status: "ok", programVersion: manifest.programVersion, model: manifest.model, createdAt: manifest.createdAt });
      }
      if (request.method !== "POST" || request.url !== "/predict") return send(response, 404, { error: "POST /predict or GET /health" });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      } catch {
        return send(response, 400, { error: "the body must be a JSON object of the program's inputs" });
      }
      const missing = inputs.filter((field) => body?.[field] === undefined);
      if (typeof body !== "object" || body === null || missing.length) return send(response, 400, { error: `missing inputs: ${missing.join(", ")}` });
      try {
        const prediction = (await withSettings({ lm, logger: context.logger }, () => (program as unknown as { call(i: unknown): Promise<{ toDict(): object }> }).call(body))) ;
        send(response, 200, prediction.toDict());
      } catch (error) {
        send(response, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await new Promise<void>((done) => server.listen(options.port, options.host, done));
  const url = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  printResult(context, { url, artifact: dir, model: manifest.model, programVersion: manifest.programVersion }, () => [url]);
  context.logger.info(`tsdspy serve: ${manifest.programVersion} for ${manifest.model} from ${dir}; POST ${url}/predict, GET ${url}/health; until interrupted.`);
  await context.io.waitForStop();
  await new Promise<void>((done) => server.close(() => done()));
  return 0;
}
