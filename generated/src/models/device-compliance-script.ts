import type { DeviceComplianceScriptDeviceState } from "./device-compliance-script-device-state.js";

/**
 * Intune will provide customer the ability to run their PowerShell compliance scripts (detection) on the enrolled Windows 10 Azure Active Directory joined devices.
 *
 * Documented in `beta/resources/intune-devicecompliancescript.md`.
 */
export interface DeviceComplianceScript {
  [annotation: `${string}@${string}`]: unknown;
  /** The OData type of the instance: `#microsoft.graph.x`. */
  "@odata.type"?: string;
  /** Unique identifier for the device compliance script. Read-only. */
  readonly id?: string | null;
  /** Name of the device compliance script publisher. */
  publisher?: string | null;
  /** Version of the device compliance script. */
  version?: string | null;
  /** Name of the device compliance script. */
  displayName?: string | null;
  /** Description of the device compliance script. */
  description?: string | null;
  /**
   * The entire content of the detection PowerShell script.
   *
   * Format: Binary.
   */
  detectionScriptContent?: string | null;
  /**
   * The timestamp of when the device compliance script was created. This property is read-only.
   *
   * Format: DateTimeOffset.
   */
  readonly createdDateTime?: string | null;
  /**
   * The timestamp of when the device compliance script was modified. This property is read-only.
   *
   * Format: DateTimeOffset.
   */
  readonly lastModifiedDateTime?: string | null;
  /** Indicates the type of execution context. Possible values are: system, user. */
  runAsAccount?: "system" | "user" | (string & {}) | null;
  /** Indicate whether the script signature needs be checked. */
  enforceSignatureCheck?: boolean | null;
  /** Indicate whether PowerShell script(s) should run as 32-bit. */
  runAs32Bit?: boolean | null;
  /** List of Scope Tag IDs for the device compliance script. */
  roleScopeTagIds?: string[] | null;
  /** List of run states for the device compliance script across all devices. */
  deviceRunStates?: DeviceComplianceScriptDeviceState[] | null;
}
