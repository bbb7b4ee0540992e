// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-get.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ApiClient, createClient } from "../../src/index.js";
import { serve } from "../support.js";

test("get_devicecompliancescriptdevicestate (beta/api/intune-devicecompliancescriptdevicestate-get.md:69)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts
      .byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates.byId("b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d");
  const request = at(createClient({ baseUrl: "https://graph.microsoft.com/beta" })).toGetRequest({
    query: { $select: "id,detectionState,scriptOutput" },
  });
  assert.equal(request.method, "GET");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d?$select=id,detectionState,scriptOutput",
  );

  const server = await serve(
    {
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: '{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","id":"b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d","detectionState":"success","scriptOutput":"Compliant: BitLocker enabled on C:"}',
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
    ).get({ query: { $select: "id,detectionState,scriptOutput" } });
    const result: unknown = await call;
    const received = server.requests[0];
    assert.equal(received?.method, "GET");
    assert.equal(
      received?.url,
      "/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d?$select=id,detectionState,scriptOutput",
    );
    assert.equal(received?.headers.authorization, "Bearer example-token");
    assert.deepEqual(result, {
      "@odata.type": "#microsoft.graph.deviceComplianceScriptDeviceState",
      id: "b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d",
      detectionState: "success",
      scriptOutput: "Compliant: BitLocker enabled on C:",
    });
  } finally {
    await server.close();
  }
});
