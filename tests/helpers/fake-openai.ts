// A local OpenAI-compatible server that plays back scripted replies, so the real @langchain/openai client is
// exercised over HTTP: tool calls, a malformed tool call, a 500, a timeout. It records every request.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Step =
  | { toolCalls: { name: string; args: Record<string, unknown> | string }[] }
  | { text: string }
  | { status: number }
  | { delayMs: number; then?: Step }
  | ((body: ChatRequest) => Step);

export interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: unknown } }[];
}

export interface FakeOpenAI {
  url: string;
  requests: { body: ChatRequest; bytes: number }[];
  script(steps: Step[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let queue: Step[] = [];
  const requests: FakeOpenAI["requests"] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      if (!req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as ChatRequest;
      requests.push({ body, bytes: Buffer.byteLength(raw) });
      let step: Step = queue.shift() ?? { text: "(script exhausted)" };
      for (;;) {
        if (typeof step === "function") step = step(body);
        else if ("delayMs" in step) {
          const { delayMs, then } = step;
          await new Promise((r) => setTimeout(r, delayMs));
          if (res.destroyed || req.destroyed) return;
          step = then ?? { text: "late" };
        } else break;
      }
      if ("status" in step) {
        res.writeHead(step.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "scripted failure", type: "server_error" } }));
        return;
      }
      const message =
        "toolCalls" in step
          ? {
              role: "assistant",
              content: null,
              tool_calls: step.toolCalls.map((c) => ({
                id: `call_${++n}`,
                type: "function",
                function: { name: c.name, arguments: typeof c.args === "string" ? c.args : JSON.stringify(c.args) },
              })),
            }
          : { role: "assistant", content: step.text };
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${n}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message, finish_reason: "toolCalls" in step ? "tool_calls" : "stop" }],
          usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: 10, total_tokens: Math.ceil(raw.length / 4) + 10 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(steps) {
      queue = [...steps];
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
