/**
 * Serves a documented response from a real HTTP server on 127.0.0.1 and records what the client sent, so that the
 * generated example tests exercise the client end to end. A documented redirect is pointed back at this server,
 * where `/__docs2ts/redirected` answers `redirected`, so that following it can be checked without the network.
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

export const redirectedPath = "/__docs2ts/redirected";

export async function serve(response: DocumentedResponse, basePath = ""): Promise<ExampleServer> {
  const requests: RecordedRequest[] = [];
  let origin = "";
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
      if (request.url === redirectedPath) {
        reply.writeHead(200, { "Content-Type": "text/plain" }).end("redirected");
        return;
      }
      const headers = { ...response.headers };
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase() === "location" && response.status >= 300 && response.status < 400)
          headers[name] = `${origin}${redirectedPath}`;
      }
      reply.writeHead(response.status, headers);
      reply.end(response.status === 204 || response.status === 304 ? undefined : response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${basePath}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
