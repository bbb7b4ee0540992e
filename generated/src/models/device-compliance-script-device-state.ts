import type { RunState } from "./run-state.js";

/**
 * Contains properties for device run state of the device compliance script.
 *
 * Documented in `beta/resources/intune-devicecompliancescriptdevicestate.md`.
 */
export interface DeviceComplianceScriptDeviceState {
  [annotation: `${string}@${string}`]: unknown;
  /** The OData type of the instance: `#microsoft.graph.x`. */
  "@odata.type"?: string;
  /** Key of the device compliance script device state entity. This property is read-only. */
  readonly id?: string | null;
  /** Detection state from the lastest device compliance script execution. Possible values are: unknown, success, fail, scriptError, pending, notApplicable. */
  detectionState?: RunState | null;
  /**
   * The last timestamp of when the device compliance script executed.
   *
   * Format: DateTimeOffset.
   */
  lastStateUpdateDateTime?: string | null;
  /**
   * The next timestamp of when the device compliance script is expected to execute.
   *
   * Format: DateTimeOffset.
   */
  expectedStateUpdateDateTime?: string | null;
  /**
   * The last time that Intune Management Extension synced with Intune.
   *
   * Format: DateTimeOffset.
   */
  lastSyncDateTime?: string | null;
  /** Output of the detection script. */
  scriptOutput?: string | null;
  /** Error from the detection script. */
  scriptError?: string | null;
}
