import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { withSettings } from "../../context/settings.js";
import { StreamListener } from "../../streaming/stream-listener.js";
import { streamify } from "../../streaming/streamify.js";
import { streamingResponse } from "../../streaming/streaming-response.js";
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

type ServedProgram = { call(inputs: unknown): Promise<{ toDict(): object }>; namedPredictors(): Array<[string, object]> };

/** One listener per output field of every predictor of the program, made per request (a listener keeps its stream's state). */
function listenersFor(program: ServedProgram): StreamListener[] {
  return program.namedPredictors().flatMap(([name, predict]) =>
    Object.keys((predict as { signature: { outputFields: Record<string, unknown> } }).signature.outputFields).map(
      (field) => new StreamListener({ signatureFieldName: field, predict, predictName: name }),
    ),
  );
}

/**
 * Streams one prediction as server-sent events (`streamingResponse`): the output fields' pieces as they come, then the
 * prediction and `[DONE]`. An error after the stream opened is sent as a last `data: {"error": ...}` event.
 */
async function streamPrediction(response: ServerResponse, program: ServedProgram, inputs: Record<string, unknown>, settings: Parameters<typeof withSettings>[0]): Promise<void> {
  const run = streamify(program, { streamListeners: listenersFor(program) });
  const lines = withSettings(settings, () => streamingResponse(run(inputs)));
  let stopped = false;
  response.on("close", () => {
    stopped = true;
  });
  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  try {
    for await (const line of lines) {
      if (stopped) break;
      response.write(line);
    }
  } catch (error) {
    response.write(`data: ${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n\n`);
  }
  response.end();
}

/**
 * `tsdspy serve`: loads an artifact into a fresh program and answers `POST /predict` (the inputs as a JSON object) with
 * the prediction's fields, and `POST /predict/stream` with server-sent events (the output fields' pieces, then the
 * prediction); `GET /health` reports the artifact. Read-only: no optimizer runs, nothing is written.
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
      const streaming = request.url === "/predict/stream";
      if (request.method !== "POST" || (request.url !== "/predict" && !streaming)) return send(response, 404, { error: "POST /predict, POST /predict/stream or GET /health" });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      } catch {
        return send(response, 400, { error: "the body must be a JSON object of the program's inputs" });
      }
      const missing = inputs.filter((field) => body?.[field] === undefined);
      if (typeof body !== "object" || body === null || missing.length) return send(response, 400, { error: `missing inputs: ${missing.join(", ")}` });
      const served = program as unknown as ServedProgram;
      if (streaming) return streamPrediction(response, served, body, { lm, logger: context.logger });
      try {
        const prediction = await withSettings({ lm, logger: context.logger }, () => served.call(body));
        send(response, 200, prediction.toDict());
      } catch (error) {
        send(response, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  await new Promise<void>((done) => server.listen(options.port, options.host, done));
  const url = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  printResult(context, { url, artifact: dir, model: manifest.model, programVersion: manifest.programVersion }, () => [url]);
  context.logger.info(`tsdspy serve: ${manifest.programVersion} for ${manifest.model} from ${dir}; POST ${url}/predict, POST ${url}/predict/stream, GET ${url}/health; until interrupted.`);
  await context.io.waitForStop();
  await new Promise<void>((done) => server.close(() => done()));
  return 0;
}
