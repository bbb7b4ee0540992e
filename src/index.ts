/** docs2ts as a library: `import { generate } from "docs2ts"`. */
export {
  generate,
  UsageError,
  type FilesOutcome,
  type GenerateOptions,
  type GenerateResult,
  type OperationReport,
  type PageReport,
  type ProgressEvent,
  type Report,
  type ReportedDiagnostic,
  type ReportTotals,
  type RunStats,
  type Timings,
} from "./api.js";
