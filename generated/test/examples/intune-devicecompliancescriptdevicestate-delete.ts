// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-delete.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ApiClient, createClient } from "../../src/index.js";
import { serve } from "../support.js";

test("delete_devicecompliancescriptdevicestate (beta/api/intune-devicecompliancescriptdevicestate-delete.md:65)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts
      .byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates.byId("c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e");
  const request = at(
    createClient({ baseUrl: "https://graph.microsoft.com/beta" }),
  ).toDeleteRequest();
  assert.equal(request.method, "DELETE");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e",
  );

  const server = await serve({ status: 204, headers: {} }, "/beta");
  try {
    const call = at(
      createClient({
        baseUrl: server.url,
        accessToken: "example-token",
        allowInsecure: true,
        retry: false,
      }),
    ).delete();
    const result: unknown = await call;
    const received = server.requests[0];
    assert.equal(received?.method, "DELETE");
    assert.equal(
      received?.url,
      "/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e",
    );
    assert.equal(received?.headers.authorization, "Bearer example-token");
    assert.deepEqual(result, undefined);
  } finally {
    await server.close();
  }
});
