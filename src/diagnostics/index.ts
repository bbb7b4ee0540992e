export {
  definitionsByCode,
  diagnosticDefinitions,
  type DiagnosticDefinition,
  type DiagnosticName,
  type Severity,
} from "./codes.js";
export {
  compareDiagnostics,
  createDiagnostic,
  DiagnosticBag,
  formatDiagnostic,
  withDeferredDiagnostics,
  type DeferringDiagnostics,
  type Diagnostic,
  type Position,
} from "./diagnostic.js";
export { explainCode, explanations, type Explanation } from "./explanations.js";
