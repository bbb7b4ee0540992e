// Tests generated from the examples of beta/api/update-devicerunstates.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ApiClient, createClient } from "../../src/index.js";
import { serve } from "../support.js";

// Partial: its URL has no path: the keys are the template's placeholder names; 2 defective part(s) of the request body are left out.
test("update_devicerunstates (beta/api/update-devicerunstates.md:81)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts
      .byId("deviceComplianceScriptId")
      .deviceRunStates.byId("deviceComplianceScriptDeviceStateId");
  const requestBody = {
    "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
    expectedStateUpdateDateTime: "DateTimeOffset",
    lastStateUpdateDateTime: "DateTimeOffset",
    lastSyncDateTime: "DateTimeOffset",
    scriptError: "String",
    scriptOutput: "String",
  } satisfies Parameters<ReturnType<typeof at>["patch"]>[0];
  const request = at(createClient({ baseUrl: "https://graph.microsoft.com/beta" })).toPatchRequest(
    requestBody,
  );
  assert.equal(request.method, "PATCH");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/deviceComplianceScriptId/deviceRunStates/deviceComplianceScriptDeviceStateId",
  );
  assert.deepEqual(JSON.parse(String(request.body)), requestBody);
  assert.equal(
    Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1],
    "application/json",
  );

  const server = await serve(
    {
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: '{"value":[{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","detectionState":"String","expectedStateUpdateDateTime":"DateTimeOffset","id":"String(identifier)","lastStateUpdateDateTime":"DateTimeOffset","lastSyncDateTime":"DateTimeOffset","scriptError":"String","scriptOutput":"String"}]}',
    },
    "/beta",
  );
  try {
    const call = at(
      createClient({
        baseUrl: server.url,
        accessToken: "example-token",
        allowInsecure: true,
        retry: false,
      }),
    ).patch(requestBody);
    const result: unknown = await call;
    const received = server.requests[0];
    assert.equal(received?.method, "PATCH");
    assert.equal(
      received?.url,
      "/beta/deviceManagement/deviceComplianceScripts/deviceComplianceScriptId/deviceRunStates/deviceComplianceScriptDeviceStateId",
    );
    assert.equal(received?.headers.authorization, "Bearer example-token");
    assert.deepEqual(JSON.parse(received?.body ?? ""), requestBody);
    assert.equal(received?.headers["content-type"], "application/json");
    assert.deepEqual(result, {
      value: [
        {
          "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
          detectionState: "String",
          expectedStateUpdateDateTime: "DateTimeOffset",
          id: "String(identifier)",
          lastStateUpdateDateTime: "DateTimeOffset",
          lastSyncDateTime: "DateTimeOffset",
          scriptError: "String",
          scriptOutput: "String",
        },
      ],
    });
  } finally {
    await server.close();
  }
});
