export type * from "./device-compliance-script.js";
export type * from "./device-compliance-script-device-state.js";
export type * from "./run-state.js";
