// The documented responses of beta/api/intune-devicecompliancescriptdevicestate-get.md, which createMockFetch (./index.ts) answers with.
import type { MockExample } from "../mock-fetch.js";

export const examples: readonly MockExample[] = JSON.parse(
  '[{"method":"GET","template":"/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates/{deviceComplianceScriptDeviceStateId}","url":"/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d?$select=id,detectionState,scriptOutput","response":{"status":200,"headers":{"Content-Type":"application/json"},"json":{"@odata.type":"#microsoft.graph.deviceComplianceScriptDeviceState","id":"b8a2c7d1-3f4e-4a5b-8c6d-7e8f9a0b1c2d","detectionState":"success","scriptOutput":"Compliant: BitLocker enabled on C:"}}}]',
);
