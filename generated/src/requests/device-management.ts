import type {
  CollectionPage,
  PageIterator,
  QueryOptions,
  RequestDescription,
  Selectable,
} from "../runtime/index.js";
import type { DeviceComplianceScriptDeviceState } from "../models/device-compliance-script-device-state.js";

/** `/deviceManagement` */
export interface DeviceManagementRequests {
  readonly deviceComplianceScripts: DeviceManagementDeviceComplianceScriptsRequests;
}

/** `/deviceManagement/deviceComplianceScripts` */
export interface DeviceManagementDeviceComplianceScriptsRequests {
  /** Addresses one item by its key `{deviceComplianceScriptId}`; the key is percent-encoded. */
  byId(deviceComplianceScriptId: string): DeviceManagementDeviceComplianceScriptsItemRequests;
}

/** `/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}` */
export interface DeviceManagementDeviceComplianceScriptsItemRequests {
  readonly deviceRunStates: DeviceManagementDeviceComplianceScriptsItemDeviceRunStatesRequests;
}

/** `/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates` */
export interface DeviceManagementDeviceComplianceScriptsItemDeviceRunStatesRequests {
  /** Addresses one item by its key `{deviceComplianceScriptDeviceStateId}`; the key is percent-encoded. */
  byId(
    deviceComplianceScriptDeviceStateId: string,
  ): DeviceManagementDeviceComplianceScriptsItemDeviceRunStatesItemRequests;
  /**
   * List deviceComplianceScriptDeviceStates
   *
   * List properties and relationships of the deviceComplianceScriptDeviceState objects.
   *
   * Request headers:
   * - `Accept`: application/json
   *
   * Permissions (least to most privileged):
   * - Delegated (work or school account): DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All
   * - Delegated (personal Microsoft account): not supported
   * - Application: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All
   *
   * Documented in `beta/api/intune-devicecompliancescriptdevicestate-list.md`.
   */
  get(
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): Promise<CollectionPage<DeviceComplianceScriptDeviceState>>;
  /** The request `get` would send, without sending it. */
  toGetRequest(
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): RequestDescription;
  /** Every item of the collection, following `@odata.nextLink` page by page; stops at `@odata.deltaLink`. */
  iterate(
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): PageIterator<DeviceComplianceScriptDeviceState>;
  /**
   * Create deviceComplianceScriptDeviceState
   *
   * Create a new deviceComplianceScriptDeviceState object.
   *
   * Request headers:
   * - `Content-Type`: application/json. Required.
   *
   * Permissions (least to most privileged):
   * - Delegated (work or school account): DeviceManagementConfiguration.ReadWrite.All
   * - Delegated (personal Microsoft account): not supported
   * - Application: DeviceManagementConfiguration.ReadWrite.All
   *
   * Documented in `beta/api/intune-devicecompliancescriptdevicestate-create.md`.
   */
  post(
    body: DeviceComplianceScriptDeviceState,
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): Promise<DeviceComplianceScriptDeviceState>;
  /** The request `post` would send, without sending it. */
  toPostRequest(
    body: DeviceComplianceScriptDeviceState,
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): RequestDescription;
}

/** `/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates/{deviceComplianceScriptDeviceStateId}` */
export interface DeviceManagementDeviceComplianceScriptsItemDeviceRunStatesItemRequests {
  /**
   * Get deviceComplianceScriptDeviceState
   *
   * Read properties and relationships of the deviceComplianceScriptDeviceState object.
   *
   * Request headers:
   * - `Accept`: application/json
   *
   * Permissions (least to most privileged):
   * - Delegated (work or school account): DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All
   * - Delegated (personal Microsoft account): not supported
   * - Application: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All
   *
   * Documented in `beta/api/intune-devicecompliancescriptdevicestate-get.md`.
   */
  get(
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): Promise<DeviceComplianceScriptDeviceState>;
  /** The request `get` would send, without sending it. */
  toGetRequest(
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): RequestDescription;
  /**
   * Update deviceRunStates
   *
   * Request headers:
   * - `Content-Type`: application/json. Required.
   *
   * Permissions (least to most privileged):
   * - Delegated (work or school account): not supported
   * - Delegated (personal Microsoft account): not supported
   * - Application: not supported
   *
   * Documented in `beta/api/update-devicerunstates.md`.
   */
  patch(
    body: DeviceComplianceScriptDeviceState,
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): Promise<DeviceComplianceScriptDeviceState>;
  /** The request `patch` would send, without sending it. */
  toPatchRequest(
    body: DeviceComplianceScriptDeviceState,
    options?: QueryOptions<Selectable<DeviceComplianceScriptDeviceState>, never>,
  ): RequestDescription;
  /**
   * Delete deviceComplianceScriptDeviceState
   *
   * Deletes a deviceComplianceScriptDeviceState.
   *
   * Request headers:
   * - `Accept`: application/json
   *
   * Permissions (least to most privileged):
   * - Delegated (work or school account): DeviceManagementConfiguration.ReadWrite.All
   * - Delegated (personal Microsoft account): not supported
   * - Application: DeviceManagementConfiguration.ReadWrite.All
   *
   * Documented in `beta/api/intune-devicecompliancescriptdevicestate-delete.md`.
   */
  delete(options?: QueryOptions): Promise<void>;
  /** The request `delete` would send, without sending it. */
  toDeleteRequest(options?: QueryOptions): RequestDescription;
}
