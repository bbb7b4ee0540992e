// Tests generated from the examples of beta/api/update-devicerunstates.md.
import { test } from "node:test";
import { type ApiClient } from "../../src/index.js";
import { replay } from "../support.js";
import documented from "./update-devicerunstates.json" with { type: "json" };

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
  await replay({
    baseUrl: "https://graph.microsoft.com/beta",
    method: "PATCH",
    url: "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/deviceComplianceScriptId/deviceRunStates/deviceComplianceScriptDeviceStateId",
    body: requestBody,
    contentType: "application/json",
    response: documented[0],
    expect: "body",
    describe: (client) => at(client).toPatchRequest(requestBody),
    send: (client) => at(client).patch(requestBody),
  });
});
