/** A non-2xx response. `code`, `message` and `innerError` come from the body's OData `error` object. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly innerError: unknown;
  /** The response body as read: parsed JSON, text, bytes or undefined. */
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;

  constructor(status: number, body: unknown, headers?: Headers) {
    const error =
      typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    const details =
      typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
    super(
      typeof details["message"] === "string"
        ? details["message"]
        : `Request failed with status ${status}`,
    );
    this.name = "ApiError";
    this.status = status;
    this.code = typeof details["code"] === "string" ? details["code"] : undefined;
    this.innerError = details["innerError"] ?? details["innererror"];
    this.body = body;
    this.requestId = headers?.get("request-id") ?? undefined;
    this.clientRequestId = headers?.get("client-request-id") ?? undefined;
  }
}

/** The request never got a response (DNS, connection, TLS); `cause` holds what fetch threw. */
export class NetworkError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "NetworkError";
  }
}

/** The call took longer than its `timeoutMs`; it was aborted, retries included. */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request did not complete within ${timeoutMs} ms.`);
    this.name = "TimeoutError";
  }
}
