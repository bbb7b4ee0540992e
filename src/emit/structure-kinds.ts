/**
 * The ts-morph StructureKind values the emitters use, restated so that neither building structures (on the main
 * thread, every run) nor printing them (print-structure.ts, in a worker) loads ts-morph, and with it TypeScript
 * (0.7 s). test/emit/structure-kinds.test.ts holds these to ts-morph's own values.
 */
import type {
  ModuleDeclarationKind as ModuleKinds,
  StructureKind as Kinds,
  VariableDeclarationKind as DeclarationKinds,
} from "ts-morph";

export const StructureKind = {
  ExportDeclaration: 11 as Kinds.ExportDeclaration,
  Function: 13 as Kinds.Function,
  ImportDeclaration: 16 as Kinds.ImportDeclaration,
  Interface: 19 as Kinds.Interface,
  Module: 29 as Kinds.Module,
  TypeAlias: 38 as Kinds.TypeAlias,
  VariableStatement: 41 as Kinds.VariableStatement,
} as const;

export const VariableDeclarationKind = { Const: "const" as DeclarationKinds.Const } as const;

export const ModuleDeclarationKind = { Namespace: "namespace" as ModuleKinds.Namespace } as const;
