import type { DeviceManagementRequests } from "./device-management.js";
export type { DeviceManagementRequests } from "./device-management.js";
export type * from "./navigation.js";

/** The root of the API: every documented path starts here. */
export interface ApiClient {
  readonly deviceManagement: DeviceManagementRequests;
}
