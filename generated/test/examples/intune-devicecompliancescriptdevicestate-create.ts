// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-create.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ApiClient, createClient } from "../../src/index.js";
import { serve } from "../support.js";

test("create_devicecompliancescriptdevicestate (beta/api/intune-devicecompliancescriptdevicestate-create.md:76)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts.byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates;
  const requestBody = {
    "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
    detectionState: "pending",
    lastStateUpdateDateTime: "2021-06-03T10:00:00Z",
    expectedStateUpdateDateTime: "2021-06-04T10:00:00Z",
    lastSyncDateTime: "2021-06-03T10:05:00Z",
    scriptOutput: "",
    scriptError: "",
  } satisfies Parameters<ReturnType<typeof at>["post"]>[0];
  const request = at(createClient({ baseUrl: "https://graph.microsoft.com/beta" })).toPostRequest(
    requestBody,
  );
  assert.equal(request.method, "POST");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
  );
  assert.deepEqual(JSON.parse(String(request.body)), requestBody);
  assert.equal(
    Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1],
    "application/json",
  );

  const server = await serve(
    {
      status: 201,
      headers: { "Content-Type": "application/json" },
      body: '{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","id":"d0c4e9f3-5b6a-4c7d-8e9f-0a1b2c3d4e5f","detectionState":"pending","lastStateUpdateDateTime":"2021-06-03T10:00:00Z","expectedStateUpdateDateTime":"2021-06-04T10:00:00Z","lastSyncDateTime":"2021-06-03T10:05:00Z","scriptOutput":"","scriptError":""}',
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
    ).post(requestBody);
    const result: unknown = await call;
    const received = server.requests[0];
    assert.equal(received?.method, "POST");
    assert.equal(
      received?.url,
      "/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
    );
    assert.equal(received?.headers.authorization, "Bearer example-token");
    assert.deepEqual(JSON.parse(received?.body ?? ""), requestBody);
    assert.equal(received?.headers["content-type"], "application/json");
    assert.deepEqual(result, {
      "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
      id: "d0c4e9f3-5b6a-4c7d-8e9f-0a1b2c3d4e5f",
      detectionState: "pending",
      lastStateUpdateDateTime: "2021-06-03T10:00:00Z",
      expectedStateUpdateDateTime: "2021-06-04T10:00:00Z",
      lastSyncDateTime: "2021-06-03T10:05:00Z",
      scriptOutput: "",
      scriptError: "",
    });
  } finally {
    await server.close();
  }
});
