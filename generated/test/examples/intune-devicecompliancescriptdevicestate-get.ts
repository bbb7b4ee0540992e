// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-get.md.
import { test } from "node:test";
import { type ApiClient } from "../../src/index.js";
import { replay } from "../support.js";
import documented from "./intune-devicecompliancescriptdevicestate-get.json" with { type: "json" };

test("get_devicecompliancescriptdevicestate (beta/api/intune-devicecompliancescriptdevicestate-get.md:69)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts
      .byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates.byId("b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d");
  await replay({
    baseUrl: "https://graph.microsoft.com/beta",
    method: "GET",
    url: "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d?$select=id,detectionState,scriptOutput",
    response: documented[0],
    expect: "body",
    describe: (client) =>
      at(client).toGetRequest({ query: { $select: "id,detectionState,scriptOutput" } }),
    send: (client) => at(client).get({ query: { $select: "id,detectionState,scriptOutput" } }),
  });
});
