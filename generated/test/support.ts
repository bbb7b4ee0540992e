/**
 * Serves a documented response from a real HTTP server on 127.0.0.1 and records what the client sent, so that the
 * generated example tests exercise the client end to end.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface DocumentedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface ExampleServer {
  /** Base URL to point a client at, with the documented base path: `http://127.0.0.1:PORT/beta`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function serve(response: DocumentedResponse, basePath = ""): Promise<ExampleServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, reply) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      reply.writeHead(response.status, response.headers);
      reply.end(response.status === 204 || response.status === 304 ? undefined : response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
