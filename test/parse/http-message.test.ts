import assert from "node:assert/strict";
import { test } from "node:test";
import { readRequest, readResponse, readSyntaxBlock, splitTarget } from "../../src/parse/http-message.js";

test("a syntax block gives one path per line, with its line number", () => {
  const read = readSyntaxBlock(
    [
      "GET /me/messages",
      "GET /users/{id | userPrincipalName}/messages?$select=subject",
      "",
      "# a comment line",
      "POST https://graph.microsoft.com/v1.0/groups/{id}/microsoft.graph.addFavorite",
      "GET /reports/getEmailActivityUserDetail(period='{period_value}') HTTP/1.1",
      "Not a request line",
    ].join("\n"),
    10,
  );
  assert.deepEqual(read.lines, [
    { line: 10, method: "GET", path: "/me/messages" },
    { line: 11, method: "GET", path: "/users/{id | userPrincipalName}/messages", query: "$select=subject" },
    { line: 14, method: "POST", path: "/v1.0/groups/{id}/microsoft.graph.addFavorite" },
    { line: 15, method: "GET", path: "/reports/getEmailActivityUserDetail(period='{period_value}')" },
  ]);
  assert.deepEqual(read.invalid, [{ line: 16, text: "Not a request line" }]);
});

test("a query mark inside parentheses or braces does not start the query", () => {
  assert.deepEqual(splitTarget("/a(b='?')/c?$top=1"), { path: "/a(b='?')/c", query: "$top=1" });
  assert.deepEqual(splitTarget("https://host/v1.0/me"), { path: "/v1.0/me" });
});

test("reads a request: request line, headers, blank line, body", () => {
  const read = readRequest(
    'POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\n\n{\n  "a": 1\n}\n',
    20,
  );
  assert.ok(read.kind === "request");
  assert.equal(read.line, 20);
  assert.equal(read.method, "POST");
  assert.equal(read.url, "https://graph.microsoft.com/v1.0/users");
  assert.deepEqual(read.headers, [{ name: "Content-type", value: "application/json" }]);
  assert.deepEqual(read.body, { line: 23, text: '{\n  "a": 1\n}' });
  assert.deepEqual(read.layout, []);
});

test("reads requests laid out irregularly, and names each irregularity", () => {
  const blankFirst = readRequest(
    "\nPATCH https://graph.microsoft.com/beta\n\nContent-Type: application/json\nContent-Length: 361\n\n[1]\n",
    80,
  );
  assert.ok(blankFirst.kind === "request");
  assert.equal(blankFirst.line, 81);
  assert.equal(blankFirst.headers.length, 2);
  assert.deepEqual(blankFirst.body, { line: 86, text: "[1]" });
  assert.deepEqual(blankFirst.layout, ["a blank line before the headers"]);

  const cramped = readRequest('POST /me/sendMail\nContent-Type:application/json\n{"a": 1}', 1);
  assert.ok(cramped.kind === "request");
  assert.deepEqual(cramped.headers, [{ name: "Content-Type", value: "application/json" }]);
  assert.equal(cramped.body?.text, '{"a": 1}');
  assert.deepEqual(cramped.layout, ["a header with no space after the colon", "a body with no blank line before it"]);

  const wrapped = readRequest(
    "GET https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=2017-01-01T19:00:00Z\n&endDateTime=2017-01-07T19:00:00Z\n",
    1,
  );
  assert.ok(wrapped.kind === "request");
  assert.equal(
    wrapped.url,
    "https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=2017-01-01T19:00:00Z&endDateTime=2017-01-07T19:00:00Z",
  );
  assert.deepEqual(wrapped.layout, ["a URL spanning several lines"]);
});

test("a block that is not a request says what it holds instead", () => {
  assert.deepEqual(readRequest("\n\nThis API is not available.\n", 5), {
    kind: "invalid",
    line: 7,
    text: "This API is not available.",
  });
});

test("reads responses, including a status line without the slash", () => {
  const read = readResponse("HTTP/1.1 201 Created\nContent-type: application/json\n\n{}", 3);
  assert.ok(read.kind === "response");
  assert.equal(read.status, 201);
  assert.deepEqual(read.body, { line: 6, text: "{}" });
  const loose = readResponse("HTTP 1.1 200 OK\n\nContent-Type: application/json\n{\n}", 113);
  assert.ok(loose.kind === "response");
  assert.equal(loose.status, 200);
  assert.deepEqual(loose.layout, [
    "a status line written `HTTP 1.1 200 OK`",
    "a blank line before the headers",
    "a body with no blank line before it",
  ]);
  const noContent = readResponse("HTTP/1.1 204 No Content", 1);
  assert.ok(noContent.kind === "response" && noContent.body === undefined);
  assert.equal(readResponse('{"value": []}', 1).kind, "invalid");
});
