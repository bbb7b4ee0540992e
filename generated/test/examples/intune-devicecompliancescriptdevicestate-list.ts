// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-list.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ApiClient, createClient } from "../../src/index.js";
import { serve } from "../support.js";

test("list_devicecompliancescriptdevicestates (beta/api/intune-devicecompliancescriptdevicestate-list.md:65)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts.byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates;
  const request = at(createClient({ baseUrl: "https://graph.microsoft.com/beta" })).toGetRequest();
  assert.equal(request.method, "GET");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
  );

  const server = await serve(
    {
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: '{"value":[{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","id":"b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d","detectionState":"success","lastStateUpdateDateTime":"2021-06-01T08:15:00Z","expectedStateUpdateDateTime":"2021-06-02T08:15:00Z","lastSyncDateTime":"2021-06-01T08:20:00Z","scriptOutput":"Compliant: BitLocker enabled on C:","scriptError":""},{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","id":"c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e","detectionState":"scriptError","lastStateUpdateDateTime":"2021-06-01T09:40:00Z","expectedStateUpdateDateTime":"2021-06-02T09:40:00Z","lastSyncDateTime":"2021-06-01T09:45:00Z","scriptOutput":"","scriptError":"Access to the registry key is denied."}]}',
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
    ).get();
    const result: unknown = await call;
    const received = server.requests[0];
    assert.equal(received?.method, "GET");
    assert.equal(
      received?.url,
      "/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
    );
    assert.equal(received?.headers.authorization, "Bearer example-token");
    assert.deepEqual(result, {
      value: [
        {
          "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
          id: "b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d",
          detectionState: "success",
          lastStateUpdateDateTime: "2021-06-01T08:15:00Z",
          expectedStateUpdateDateTime: "2021-06-02T08:15:00Z",
          lastSyncDateTime: "2021-06-01T08:20:00Z",
          scriptOutput: "Compliant: BitLocker enabled on C:",
          scriptError: "",
        },
        {
          "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
          id: "c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e",
          detectionState: "scriptError",
          lastStateUpdateDateTime: "2021-06-01T09:40:00Z",
          expectedStateUpdateDateTime: "2021-06-02T09:40:00Z",
          lastSyncDateTime: "2021-06-01T09:45:00Z",
          scriptOutput: "",
          scriptError: "Access to the registry key is denied.",
        },
      ],
    });
  } finally {
    await server.close();
  }
});
