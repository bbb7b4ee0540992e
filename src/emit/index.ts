export { emitPackage, type EmitOptions, type EmittedPackage } from "./emit-package.js";
