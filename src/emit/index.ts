export { emitPackage, type EmitMemo, type EmitOptions, type EmittedPackage } from "./emit-package.js";
