/**
 * Indicates the type of execution status of the device management script.
 *
 * - `unknown`: Unknown result.
 * - `success`: Script is run successfully.
 * - `fail`: Script fails to run.
 * - `scriptError`: Discovery script hits error.
 * - `pending`: Script is pending to execute.
 * - `notApplicable`: Script is not applicable for the device.
 *
 * Documented in `beta/resources/intune-runstate.md`.
 */
export type RunState = "unknown" | "success" | "fail" | "scriptError" | "pending" | "notApplicable";
