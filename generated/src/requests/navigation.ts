import type { CollectionRequests, ItemRequests } from "../runtime/index.js";
import type { DeviceComplianceScriptDeviceState } from "../models/device-compliance-script-device-state.js";

/** Navigation along the relationships of `deviceComplianceScript`. */
export interface DeviceComplianceScriptNavigation {
  /**
   * List of run states for the device compliance script across all devices.
   *
   * The `deviceRunStates` relationship of `deviceComplianceScript`.
   */
  readonly deviceRunStates: CollectionRequests<
    DeviceComplianceScriptDeviceState,
    ItemRequests<DeviceComplianceScriptDeviceState>
  >;
}
