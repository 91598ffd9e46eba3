// A server that accepts connections and reads requests but never answers: what a hung API (or a firewall that
// swallows packets after the handshake) looks like to a client. Counts requests so tests can see the retries.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SilentServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage) => {
    requests.push(req.url ?? "");
    req.resume(); // read the body, answer nothing
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound, then released): connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
