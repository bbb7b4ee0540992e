// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-list.md.
import { test } from "node:test";
import { type ApiClient } from "../../src/index.js";
import { replay } from "../support.js";
import documented from "./intune-devicecompliancescriptdevicestate-list.json" with { type: "json" };

test("list_devicecompliancescriptdevicestates (beta/api/intune-devicecompliancescriptdevicestate-list.md:65)", async () => {
  const at = (client: ApiClient) =>
    client.deviceManagement.deviceComplianceScripts.byId("5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3")
      .deviceRunStates;
  await replay({
    baseUrl: "https://graph.microsoft.com/beta",
    method: "GET",
    url: "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
    response: documented[0],
    expect: "body",
    describe: (client) => at(client).toGetRequest(),
    send: (client) => at(client).get(),
  });
});
