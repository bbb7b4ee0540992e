// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-delete.md.
import { test } from "node:test";
import { type ApiClient } from "../../src/index.js";
import { replay } from "../support.js";
import documented from "./intune-devicecompliancescriptdevicestate-delete.json" with { type: "json" };

test("delete_devicecompliancescriptdevicestate (beta/api/intune-devicecompliancescriptdevicestate-delete.md:65)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts
      .byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates.byId("c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e");
  await replay({
    baseUrl: "https://graph.microsoft.com/beta",
    method: "DELETE",
    url: "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e",
    response: documented[0],
    expect: "nothing",
    describe: (client) => at(client).toDeleteRequest(),
    send: (client) => at(client).delete(),
  });
});
