// The documented responses of beta/api/intune-devicecompliancescriptdevicestate-delete.md, which createMockFetch (./index.ts) answers with.
import type { MockExample } from "../mock-fetch.js";

export const examples: readonly MockExample[] = JSON.parse(
  '[{"method":"DELETE","template":"/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates/{deviceComplianceScriptDeviceStateId}","url":"/deviceManagement/deviceComplianceScripts/5b0b4d1c-0b6f-4c2b-9a8e-d4f1c7e0a2b3/deviceRunStates/c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e","response":{"status":204,"headers":{}}}]',
);
