// Tests generated from the examples of beta/api/intune-devicecompliancescriptdevicestate-create.md.
import { test } from "node:test";
import { type ApiClient } from "../../src/index.js";
import { replay } from "../support.js";
import documented from "./intune-devicecompliancescriptdevicestate-create.json" with { type: "json" };

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
  await replay({
    baseUrl: "https://graph.microsoft.com/beta",
    method: "POST",
    url: "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates",
    body: requestBody,
    contentType: "application/json",
    response: documented[0],
    expect: "body",
    describe: (client) => at(client).toPostRequest(requestBody),
    send: (client) => at(client).post(requestBody),
  });
});
