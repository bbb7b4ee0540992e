/**
 * A source file structure (ts-morph's structures, the emitters' description of a TypeScript module) -> its text,
 * written with ts-morph's code writer (code-block-writer) as ts-morph's own structure printers write it.
 *
 * ts-morph's printers live in a bundle that loads the TypeScript compiler: 9 MB of JavaScript and, on this machine,
 * half a second of a worker's CPU and 70 MB of memory before the first file prints, for a run that may render one
 * interface. This module prints the structures the emitters build (imports, exports, interfaces, type aliases,
 * namespaces, functions, variable statements) with the same calls on the same writer, so the text is the same
 * (print-structure.test.ts compares the two on every structure of a package). A structure it does not know throws:
 * the emitters must not build one without a printer for it.
 */
import CodeBlockWriter from "code-block-writer";
import type {
  ExportDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  IndexSignatureDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  JSDocTagStructure,
  MethodSignatureStructure,
  ModuleDeclarationStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertySignatureStructure,
  SourceFileStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  TypeParameterDeclarationStructure,
  VariableDeclarationStructure,
  VariableStatementStructure,
  WriterFunction,
} from "ts-morph";
import { StructureKind } from "./structure-kinds.js";

export { CodeBlockWriter };

type Text = string | WriterFunction;
type Statement = Text | StatementStructures;
type Modifiers = {
  readonly isDefaultExport?: boolean;
  readonly isExported?: boolean;
  readonly hasDeclareKeyword?: boolean;
  readonly scope?: string;
  readonly isStatic?: boolean;
  readonly hasOverrideKeyword?: boolean;
  readonly isAbstract?: boolean;
  readonly isAsync?: boolean;
  readonly isReadonly?: boolean;
  readonly hasAccessorKeyword?: boolean;
};
type Trivia = { readonly leadingTrivia?: Text | Text[]; readonly trailingTrivia?: Text | Text[] };
type Docs = ReadonlyArray<OptionalKind<JSDocStructure> | string | WriterFunction> | undefined;

/** The writer's options as ts-morph's printStructure sets them for `{ indentNumberOfSpaces: 2 }`. */
const writerOptions = { indentNumberOfSpaces: 2, useTabs: false, newLine: "\n", useSingleQuote: false } as const;

/** The text of a source file structure, indented by two spaces. */
export function printSourceFile(structure: OptionalKind<SourceFileStructure>): string {
  const writer = new CodeBlockWriter(writerOptions);
  node(writer, structure, () => {
    statements(writer, structure.statements, false);
    writer.conditionalNewLine(!writer.isAtStartOfFirstLineOfBlock() && !writer.isLastNewLine());
  });
  return writer.toString();
}

class UnprintableStructure extends Error {
  constructor(what: string) {
    super(`print-structure has no printer for ${what}`);
  }
}

// The frame of every node: its trivia around what it prints.

function node(writer: CodeBlockWriter, item: Trivia | string | WriterFunction, print: () => void): void {
  const structure: Trivia = typeof item === "object" ? item : {};
  if (structure.leadingTrivia) {
    multilineText(writer, structure.leadingTrivia);
    if (writer.isInComment()) writer.closeComment();
  }
  writer.closeComment();
  print();
  if (structure.trailingTrivia != null) multilineText(writer, structure.trailingTrivia);
}

function textOrWriter(writer: CodeBlockWriter, text: Text | undefined): void {
  if (typeof text === "string") writer.write(text);
  else if (text != null) text(writer);
}

/** `text` written on a writer of its own, as ts-morph's Printer.getText. */
function textOf(writer: CodeBlockWriter, text: Text): string {
  const own = new CodeBlockWriter(writer.getOptions());
  textOrWriter(own, text);
  return own.toString();
}

/** The white space of ts-morph's StringUtils, which is not quite JavaScript's `\s`. */
const whiteSpace = new Set(
  [" ", "\f", "\n", "\r", "\t", "\v", "\u00A0", "\u2028", "\u2029"].map((char) => char.charCodeAt(0)),
);

function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (!whiteSpace.has(text.charCodeAt(index))) return false;
  return true;
}

// Statements.

function statements(writer: CodeBlockWriter, list: Text | readonly Statement[] | undefined, ambient: boolean): void {
  if (list == null) return;
  if (typeof list === "string" || typeof list === "function") return statement(writer, list, ambient);
  for (const each of list) {
    if (lastNonWhitespaceIsCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    statement(writer, each, ambient);
  }
}

function statement(writer: CodeBlockWriter, each: Statement, ambient: boolean): void {
  if (typeof each === "string" || typeof each === "function" || each == null) return textOrWriter(writer, each);
  const blankLineBefore = (): void => {
    if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
  };
  switch (each.kind) {
    case StructureKind.Function:
      if (!ambient) blankLineBefore();
      return functionDeclaration(writer, each, ambient);
    case StructureKind.Interface:
      blankLineBefore();
      return interfaceDeclaration(writer, each);
    case StructureKind.TypeAlias:
      return typeAlias(writer, each);
    case StructureKind.VariableStatement:
      return variableStatement(writer, each);
    case StructureKind.ImportDeclaration:
      return importDeclaration(writer, each);
    case StructureKind.Module:
      blankLineBefore();
      return moduleDeclaration(writer, each, ambient);
    case StructureKind.ExportDeclaration:
      return exportDeclaration(writer, each);
    default:
      throw new UnprintableStructure(`a statement of structure kind ${each.kind}`);
  }
}

function lastNonWhitespaceIsCloseBrace(writer: CodeBlockWriter): boolean {
  return (
    writer.iterateLastCharCodes((code) => (code === 125 /* } */ ? true : whiteSpace.has(code) ? undefined : false)) ??
    false
  );
}

function importDeclaration(writer: CodeBlockWriter, structure: OptionalKind<ImportDeclarationStructure>): void {
  node(writer, structure, () => {
    if (structure.attributes) throw new UnprintableStructure("import attributes");
    const named = structure.namedImports != null && structure.namedImports.length > 0;
    if (named && structure.namespaceImport != null)
      throw new UnprintableStructure("an import with both a namespace import and named imports");
    writer.write("import");
    if (structure.isTypeOnly) writer.write(" type");
    if (structure.defaultImport != null) {
      writer.write(` ${structure.defaultImport}`);
      writer.conditionalWrite(named || structure.namespaceImport != null, ",");
    }
    if (structure.namespaceImport != null) writer.write(` * as ${structure.namespaceImport}`);
    if (named) {
      writer.space();
      specifiersInBraces(writer, structure.namedImports!);
    }
    writer.conditionalWrite(structure.defaultImport != null || named || structure.namespaceImport != null, " from");
    writer.write(" ");
    writer.quote(structure.moduleSpecifier);
    writer.write(";");
  });
}

function exportDeclaration(writer: CodeBlockWriter, structure: OptionalKind<ExportDeclarationStructure>): void {
  node(writer, structure, () => {
    if (structure.attributes) throw new UnprintableStructure("export attributes");
    const specifier = structure.moduleSpecifier != null && structure.moduleSpecifier.length > 0;
    const named = structure.namedExports != null && structure.namedExports.length > 0;
    if (named && structure.namespaceExport != null)
      throw new UnprintableStructure("an export with both a namespace export and named exports");
    writer.write("export");
    if (structure.isTypeOnly) writer.write(" type");
    if (named) {
      writer.space();
      specifiersInBraces(writer, structure.namedExports!);
    } else if (structure.namespaceExport != null) {
      writer.write(" *");
      if (!isBlank(structure.namespaceExport)) writer.write(` as ${structure.namespaceExport}`);
    } else if (!specifier) {
      writer.write(" { }");
    } else {
      writer.write(" *");
    }
    if (specifier) {
      writer.write(" from ");
      writer.quote(structure.moduleSpecifier!);
    }
    writer.write(";");
  });
}

/** An import or export specifier: `name`, `name as alias`, `type name`. */
type Specifier = string | WriterFunction | (Trivia & { name: string; alias?: string; isTypeOnly?: boolean });

function specifiersInBraces(writer: CodeBlockWriter, list: readonly Specifier[] | WriterFunction): void {
  writer.write("{");
  const inner = new CodeBlockWriter(writer.getOptions());
  if (typeof list === "function") specifier(inner, list);
  else
    commaSeparated(
      inner,
      list,
      (each) => specifier(inner, each),
      () => inner.spaceIfLastNot(),
    );
  const text = inner.toString();
  if (!text.startsWith("\n") && !text.startsWith("\r\n")) writer.space();
  writer.write(text);
  if (!text.endsWith("\n")) writer.space();
  writer.write("}");
}

function specifier(writer: CodeBlockWriter, structure: Specifier): void {
  node(writer, structure, () => {
    const own = new CodeBlockWriter(writer.getOptions());
    own.queueIndentationLevel(1);
    if (typeof structure === "string") own.write(structure);
    else if (typeof structure === "function") structure(own);
    else {
      if (structure.isTypeOnly) writer.write("type ");
      own.write(structure.name);
      if (structure.alias != null && !isBlank(structure.alias)) {
        if (!own.isLastNewLine()) own.space();
        own.write(`as ${structure.alias}`);
      }
    }
    writer.write(own.toString());
  });
}

function interfaceDeclaration(writer: CodeBlockWriter, structure: OptionalKind<InterfaceDeclarationStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write(`interface ${structure.name}`);
    typeParameters(writer, structure.typeParameters);
    writer.space();
    if (structure.extends != null) {
      const extended = Array.isArray(structure.extends)
        ? structure.extends.map((each) => textOf(writer, each)).join(", ")
        : textOf(writer, structure.extends as Text);
      if (!isBlank(extended)) writer.hangingIndent(() => writer.write(`extends ${extended} `));
    }
    writer.inlineBlock(() => typeMembers(writer, structure));
  });
}

function typeMembers(writer: CodeBlockWriter, structure: OptionalKind<InterfaceDeclarationStructure>): void {
  if (structure.callSignatures?.length || structure.constructSignatures?.length)
    throw new UnprintableStructure("call or construct signatures");
  if (structure.getAccessors?.length || structure.setAccessors?.length) throw new UnprintableStructure("accessors");
  const separator = (list: readonly unknown[] | undefined): void => {
    if (list != null && list.length > 0 && !writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
  };
  separator(structure.indexSignatures);
  linesOf(writer, structure.indexSignatures, (each) => indexSignature(writer, each));
  separator(structure.properties);
  linesOf(writer, structure.properties, (each) => propertySignature(writer, each));
  separator(structure.methods);
  linesOf(writer, structure.methods, (each) => methodSignature(writer, each));
}

/** Structures one per line, as ts-morph's NewLineFormattingStructuresPrinter. */
function linesOf<T>(writer: CodeBlockWriter, list: readonly T[] | undefined, print: (each: T) => void): void {
  list?.forEach((each, index) => {
    writer.conditionalNewLine(index > 0);
    print(each);
  });
}

function indexSignature(writer: CodeBlockWriter, structure: OptionalKind<IndexSignatureDeclarationStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write(`[${structure.keyName || "key"}: ${structure.keyType || "string"}]`);
    typed(writer, ":", structure.returnType);
    writer.write(";");
  });
}

function propertySignature(writer: CodeBlockWriter, structure: OptionalKind<PropertySignatureStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write(structure.name);
    writer.conditionalWrite(structure.hasQuestionToken, "?");
    typed(writer, ":", structure.type);
    initializer(writer, structure.initializer);
    writer.write(";");
  });
}

function methodSignature(writer: CodeBlockWriter, structure: OptionalKind<MethodSignatureStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    writer.write(structure.name);
    writer.conditionalWrite(structure.hasQuestionToken, "?");
    typeParameters(writer, structure.typeParameters);
    parameters(writer, structure.parameters);
    typed(writer, ":", structure.returnType);
    writer.write(";");
  });
}

function typeAlias(writer: CodeBlockWriter, structure: OptionalKind<TypeAliasDeclarationStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write(`type ${structure.name}`);
    typeParameters(writer, structure.typeParameters);
    typed(writer, " =", structure.type);
    writer.write(";");
  });
}

function moduleDeclaration(
  writer: CodeBlockWriter,
  structure: OptionalKind<ModuleDeclarationStructure>,
  ambient: boolean,
): void {
  node(writer, structure, () => {
    const name = structure.name.trim();
    if (/^(["']).*\1$/.test(name)) throw new UnprintableStructure("a module with a quoted name");
    if (structure.declarationKind === "global") throw new UnprintableStructure("a global declaration");
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write(`${structure.declarationKind || "namespace"} ${structure.name}`);
    writer.write(" ");
    writer.inlineBlock(() => statements(writer, structure.statements, structure.hasDeclareKeyword || ambient));
  });
}

function functionDeclaration(
  writer: CodeBlockWriter,
  structure: OptionalKind<FunctionDeclarationStructure>,
  ambient: boolean,
): void {
  node(writer, structure, () => {
    if (structure.overloads?.length) throw new UnprintableStructure("function overloads");
    docs(writer, structure.docs);
    modifiers(writer, structure);
    writer.write("function");
    writer.conditionalWrite(structure.isGenerator, "*");
    if (structure.name != null && !isBlank(structure.name)) writer.write(` ${structure.name}`);
    typeParameters(writer, structure.typeParameters);
    parameters(writer, structure.parameters);
    typed(writer, ":", structure.returnType);
    if (ambient || structure.hasDeclareKeyword) writer.write(";");
    else writer.space().inlineBlock(() => statements(writer, structure.statements, false));
  });
}

function variableStatement(writer: CodeBlockWriter, structure: OptionalKind<VariableStatementStructure>): void {
  node(writer, structure, () => {
    docs(writer, structure.docs);
    writer.hangingIndent(() => {
      modifiers(writer, structure);
      writer.write(`${structure.declarationKind || "let"} `);
      if (structure.declarations.length === 0)
        throw new UnprintableStructure("a variable statement without declarations");
      commaSeparated(
        writer,
        structure.declarations,
        (each) => variableDeclaration(writer, each),
        () => writer.spaceIfLastNot(),
      );
      writer.write(";");
    });
  });
}

function variableDeclaration(writer: CodeBlockWriter, structure: OptionalKind<VariableDeclarationStructure>): void {
  node(writer, structure, () => {
    writer.write(structure.name);
    writer.conditionalWrite(structure.hasExclamationToken, "!");
    typed(writer, ":", structure.type);
    initializer(writer, structure.initializer);
  });
}

// The parts of declarations.

function modifiers(writer: CodeBlockWriter, structure: Modifiers): void {
  if (structure.isDefaultExport) writer.write("export default ");
  else if (structure.isExported) writer.write("export ");
  if (structure.hasDeclareKeyword) writer.write("declare ");
  if (structure.scope != null) writer.write(`${structure.scope} `);
  if (structure.isStatic) writer.write("static ");
  if (structure.hasOverrideKeyword) writer.write("override ");
  if (structure.isAbstract) writer.write("abstract ");
  if (structure.isAsync) writer.write("async ");
  if (structure.isReadonly) writer.write("readonly ");
  if (structure.hasAccessorKeyword) writer.write("accessor ");
}

/** `separator type`: a member's or a variable's type, a return type, an alias's type; `any` for none with `orAny`. */
function typed(writer: CodeBlockWriter, separator: string, type: Text | undefined, orAny = false): void {
  if (type == null && !orAny) return;
  const text = textOf(writer, type ?? "any");
  if (!isBlank(text)) writer.hangingIndent(() => writer.write(`${separator} ${text}`));
}

function initializer(writer: CodeBlockWriter, value: Text | undefined): void {
  if (value == null) return;
  const text = textOf(writer, value);
  if (isBlank(text)) return;
  writer.hangingIndent(() => {
    writer.spaceIfLastNot();
    writer.write(`= ${text}`);
  });
}

function typeParameters(
  writer: CodeBlockWriter,
  list: ReadonlyArray<OptionalKind<TypeParameterDeclarationStructure> | string> | undefined,
): void {
  if (list == null || list.length === 0) return;
  writer.write("<");
  commaSeparated(
    writer,
    list,
    (each) => typeParameter(writer, each),
    () => writer.spaceIfLastNot(),
  );
  writer.write(">");
}

function typeParameter(
  writer: CodeBlockWriter,
  structure: OptionalKind<TypeParameterDeclarationStructure> | string,
): void {
  node(writer, structure, () => {
    if (typeof structure === "string") return void writer.write(structure);
    writer.hangingIndent(() => {
      if (structure.isConst) writer.write("const ");
      if (structure.variance != null) {
        // TypeParameterVariance: In = 1, Out = 2.
        if ((structure.variance & 1) !== 0) writer.write("in ");
        if ((structure.variance & 2) !== 0) writer.write("out ");
      }
      writer.write(structure.name);
      if (structure.constraint != null) {
        const constraint = textOf(writer, structure.constraint);
        if (!isBlank(constraint)) writer.write(` extends ${constraint}`);
      }
      if (structure.default != null) {
        const value = textOf(writer, structure.default);
        if (!isBlank(value)) writer.write(` = ${value}`);
      }
    });
  });
}

function parameters(
  writer: CodeBlockWriter,
  list: ReadonlyArray<OptionalKind<ParameterDeclarationStructure>> | undefined,
): void {
  writer.write("(");
  if (list != null && list.length > 0)
    writer.hangingIndent(() =>
      commaSeparated(
        writer,
        list,
        (each) => parameter(writer, each),
        () => writer.spaceIfLastNot(),
      ),
    );
  writer.write(")");
}

function parameter(writer: CodeBlockWriter, structure: OptionalKind<ParameterDeclarationStructure>): void {
  node(writer, structure, () => {
    if (structure.decorators?.length) throw new UnprintableStructure("decorators");
    modifiers(writer, structure);
    writer.conditionalWrite(structure.isRestParameter, "...");
    writer.write(structure.name);
    writer.conditionalWrite(structure.hasQuestionToken, "?");
    typed(writer, ":", structure.type, structure.hasQuestionToken);
    initializer(writer, structure.initializer);
  });
}

/**
 * Items separated by `separator`, a comma after each but the last, as ts-morph's CommaSeparatedStructuresPrinter.
 * ts-morph places each comma with TypeScript's scanner, before any comment that ends the item; an item here must
 * end in code (the emitters put no comment in a parameter, a specifier or a declaration).
 */
function commaSeparated<T>(
  writer: CodeBlockWriter,
  list: readonly T[],
  print: (each: T) => void,
  separator: () => void,
): void {
  const commaAt: Array<number | undefined> = [];
  list.forEach((each, index) => {
    if (index > 0) separator();
    const start = writer.getLength();
    print(each);
    const at = commaPosition(textSince(writer, start));
    commaAt.push(at === undefined ? undefined : start + at);
  });
  let last = true;
  for (let index = commaAt.length - 1; index >= 0; index--) {
    const at = commaAt[index];
    if (at === undefined) continue;
    if (last) last = false;
    else writer.unsafeInsert(at, ",");
  }
}

/** What the writer holds from `start` on, read from its end (its whole text is joined only when printing ends). */
function textSince(writer: CodeBlockWriter, start: number): string {
  const chars: string[] = [];
  writer.iterateLastChars((char, index) => (index < start ? true : void chars.push(char)));
  return chars.reverse().join("");
}

/** Where a comma goes after an item's text: after its code, before trailing white space; none after a comma. */
function commaPosition(text: string): number | undefined {
  const code = text.trimEnd();
  if (code.length === 0 || code.endsWith(",")) return undefined;
  if (endsInComment(code)) throw new UnprintableStructure(`a comment at the end of a comma-separated item: ${code}`);
  return code.length;
}

/** Whether the last line of `code` ends in a comment: `*\/`, or `//` outside a string. */
function endsInComment(code: string): boolean {
  if (code.endsWith("*/")) return true;
  const line = code.slice(code.lastIndexOf("\n") + 1);
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote !== undefined) {
      if (char === "\\") index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "/" && line[index + 1] === "/") return true;
  }
  return false;
}

// JSDoc.

function docs(writer: CodeBlockWriter, list: Docs): void {
  if (list == null) return;
  for (const each of list) {
    node(writer, each, () => jsDoc(writer, each));
    writer.newLine();
  }
}

function jsDoc(writer: CodeBlockWriter, structure: OptionalKind<JSDocStructure> | string | WriterFunction): void {
  const lines = jsDocText(writer, structure).split(/\r?\n/);
  const startsWithNewLine = lines[0]!.length === 0;
  const singleLine = lines.length <= 1;
  writer.write("/**");
  if (singleLine) writer.space();
  else writer.newLine();
  if (singleLine) writer.write(lines[0]!);
  else
    for (let index = startsWithNewLine ? 1 : 0; index < lines.length; index++) {
      writer.write(" *");
      if (lines[index]!.length > 0) writer.write(` ${lines[index]}`);
      writer.newLine();
    }
  writer.spaceIfLastNot();
  writer.write("*/");
}

function jsDocText(writer: CodeBlockWriter, structure: OptionalKind<JSDocStructure> | string | WriterFunction): string {
  if (typeof structure === "string") return structure;
  const own = new CodeBlockWriter(writer.getOptions());
  if (typeof structure === "function") structure(own);
  else {
    if (structure.description) multilineText(own, structure.description);
    if (structure.tags && structure.tags.length > 0) {
      if (own.getLength() > 0) own.newLine();
      structure.tags.forEach((tag, index) => {
        if (index > 0) own.newLine();
        jsDocTag(own, tag);
      });
    }
  }
  return own.toString();
}

function jsDocTag(writer: CodeBlockWriter, structure: OptionalKind<JSDocTagStructure>): void {
  node(writer, structure, () => {
    const own = new CodeBlockWriter(writer.getOptions());
    if (structure.text) multilineText(own, structure.text);
    const text = own.toString();
    own.unsafeInsert(0, `@${structure.tagName}` + (text.length > 0 && !/^\r?\n/.test(text) ? " " : ""));
    own
      .toString()
      .split(/\r?\n/)
      .forEach((line, index) => {
        if (index > 0) writer.newLine();
        if (line.length > 0) writer.write(line);
      });
  });
}

/**
 * A string, a writer function, or lines, each on a line of its own: ts-morph's printTextFromStringOrWriter, and what
 * its NodePrinter does with a node's leading and trailing trivia.
 */
function multilineText(writer: CodeBlockWriter, text: Text | readonly Text[]): void {
  if (typeof text === "string" || typeof text === "function") return textOrWriter(writer, text);
  text.forEach((line, index) => {
    if (index > 0) writer.newLineIfLastNot();
    textOrWriter(writer, line);
  });
}
