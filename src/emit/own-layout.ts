/**
 * Prettier's layout of the long lines docs2ts prints most, written directly: a request builder's method signature
 * with its parameters one a line (their type arguments or object members too, where a parameter still does not
 * fit), a member's type arguments, a union one member a line, an interface's heritage clause on the next line, an
 * import one name a line, a test's accessor chain broken by prettier's member-chain rule, a test's request call
 * with its last object argument expanded, a skipped test's arguments, a long-keyed string on the line after its
 * key; and the lines prettier leaves as they are however long (test titles, short-keyed strings, strings alone in
 * a broken list, single imports, plain member types, one heritage type). Calling prettier for each costs a
 * millisecond or more, and a big docs set has thousands. Any other shape, or one whose parts would not fit
 * either, is left to prettier (fit.ts); own-layout.test.ts holds each rule to prettier's own output,
 * identical-output.test.ts a corpus slice's whole package.
 */

const string = String.raw`"(?:[^"\\]|\\.)*"`;
const identifier = String.raw`[A-Za-z_$][\w$]*`;

/** Long lines prettier prints as they are: a string cannot break, a test call keeps its title on its line. */
const asPrinted = [
  // A key shorter than prettier's "short key" (narrower than the tab width plus three) keeps its string beside it.
  new RegExp(String.raw`^\s*[A-Za-z_$][\w$]{0,3}: ${string},$`),
  new RegExp(String.raw`^\s*(?:test|it|describe)\(${string}, (?:async )?\(\) => \{$`),
  new RegExp(String.raw`^import ${identifier} from ${string}(?: with \{ type: "json" \})?;$`),
  new RegExp(String.raw`^import ${string};$`),
  // A string alone on its line, an item of a list broken one item a line.
  new RegExp(String.raw`^\s*${string},$`),
  new RegExp(String.raw`^import (?:type )?\{ ${identifier} \} from ${string};$`),
  new RegExp(String.raw`^\s*(?:readonly )?(?:${identifier}|${string})\??: ${identifier};$`),
  new RegExp(String.raw`^export interface ${identifier}(?: extends ${identifier})? \{\}?$`),
  // One heritage type is never put on a line of its own; a lone plain type argument never breaks out.
  new RegExp(String.raw`^export interface ${identifier} extends ${identifier}<${identifier}> \{$`),
];

/** Whether prettier keeps this line as it is, however long. */
export function keptByPrettier(line: string): boolean {
  return asPrinted.some((pattern) => pattern.test(line));
}

/** A quoted key that needs its quotes (prettier removes the others, which a line cannot tell). */
const quotedKey = String.raw`"(?=[^"]*[^\w$"])(?:[^"\\]|\\.)*"`;
/** A property whose value is a string. */
const stringProperty = new RegExp(String.raw`^(\s*)(${identifier}|${quotedKey}): (${string},)$`);
const signature = new RegExp(String.raw`^(\s*)(${identifier})\((.*)$`);
const typeAlias = new RegExp(String.raw`^(\s*)((?:export )?type ${identifier} =) (.*);$`);
const propertySignature = new RegExp(String.raw`^(\s*)((?:readonly )?${identifier}\??): (.*);$`);
const importedName = String.raw`(?:type )?${identifier}(?: as ${identifier})?`;
const namedImport = new RegExp(
  String.raw`^(import (?:type )?)\{ (${importedName}(?:, ${importedName})+) \} from (${string});$`,
);
/** Call arguments prettier counts as simple (a member chain of such calls stays on one line where it fits). */
const simpleArgument = String.raw`(?:${string}|-?\d+|\{ ${identifier}: ${string}(?:, ${identifier}: ${string})* \})`;
const chain = String.raw`${identifier}(?:\.${identifier}|\((?:${simpleArgument}(?:, ${simpleArgument})*)?\))*`;
const arrowToChain = new RegExp(
  String.raw`^(\s*)(const ${identifier} = \(${identifier}: ${identifier}\) =>) (${chain});$`,
);
const skippedTest = new RegExp(String.raw`^(\s*)test\((${string}), (\{ skip: ${string} \}), \(\) => \{\}\);$`);
const heritageHeader = new RegExp(String.raw`^export interface (${identifier}) extends (.*) (\{\}?)$`);
const interfaceHeader = new RegExp(String.raw`^(export interface ${identifier} extends ${identifier})<(.*)> \{$`);
const genericMember = new RegExp(String.raw`^((?:readonly )?${identifier}\??: ${identifier})<(.*)>$`);
const objectParameter = new RegExp(String.raw`^(${identifier}\??): \{ (.*) \}$`);
const memberSignature = new RegExp(String.raw`^((?:readonly )?${identifier}\??): (.*)$`);
const typedParameter = new RegExp(String.raw`^(${identifier}\??): (.*)$`);
/** The last line of a broken signature whose return type is one name, which prettier keeps however long. */
const unbreakableReturn = new RegExp(String.raw`^\s*\): ${identifier}(?:\.${identifier})*;$`);
const plainMember = new RegExp(
  String.raw`^(?:${string}|-?\d+(?:\.\d+)?|${identifier}(?:\.${identifier})*(?:<[\w$.<>, ]*>)?(?:\[\])*)$`,
);
const requestArrow = new RegExp(
  String.raw`^(\s*)(${identifier}: \(${identifier}\) =>) (${identifier}\(${identifier}\)\..+),$`,
);
const requestCallee = new RegExp(String.raw`^${identifier}\(${identifier}\)\.${identifier}`);
const plainName = new RegExp(String.raw`^${identifier}$`);
/** `key: value` in an object literal: a name or a quoted key, then any value. */
const objectProperty = new RegExp(String.raw`^(${identifier}|${quotedKey}): (.+)$`);
const stringLiteral = new RegExp(String.raw`^(?:${string}|'(?:[^'\\]|\\.)*')$`);
const genericName = new RegExp(String.raw`^${identifier}(?:\.${identifier})*`);
/** A type argument prettier never breaks out of its brackets: a keyword or a name without type arguments. */
const simpleType = new RegExp(String.raw`^${identifier}(?:\.${identifier})*$`);
const chainHead = new RegExp(String.raw`^${identifier}`);
const chainMember = new RegExp(String.raw`^\.${identifier}`);
const strings = new RegExp(string, "g");

/**
 * Prettier's lines for a line longer than `printWidth`, for the shapes above; undefined for any other, or where
 * a part would still not fit and prettier would break it further.
 */
export function layOutLine(line: string, printWidth: number): string[] | undefined {
  // Prettier measures some characters beyond ASCII two columns wide: such lines are its to lay out.
  if (/[^\x00-\x7f]/.test(line)) return undefined;
  // A test's accessor: the chain goes to the next line, whole if it fits there, else broken as prettier breaks it.
  const accessor = arrowToChain.exec(line);
  if (accessor) {
    const [, indent, head, body] = accessor as unknown as [string, string, string, string];
    const next = `${indent}  ${body};`;
    if (next.length <= printWidth) return [`${indent}${head}`, next];
    const chain = memberChain(body, `${indent}  `, printWidth);
    return chain && [`${indent}${head}`, ...chain];
  }
  // A skipped test: its three arguments one a line, the title whether it fits or not; the options must fit.
  const skipped = skippedTest.exec(line);
  if (skipped) {
    const [, indent, title, options] = skipped as unknown as [string, string, string, string];
    const lines = [
      `${indent}test(`,
      `${indent}  ${title},`,
      `${indent}  ${options},`,
      `${indent}  () => {},`,
      `${indent});`,
    ];
    return lines[2]!.length <= printWidth ? lines : undefined;
  }
  // A test's request: the call goes to the next line, its last argument (an object) expanded if it still does not fit.
  const request = requestArrow.exec(line);
  if (request) {
    const [, indent, head, call] = request as unknown as [string, string, string, string];
    const next = `${indent}  ${call},`;
    if (next.length <= printWidth) return [`${indent}${head}`, next];
    const expanded = expandLastObject(call, `${indent}  `, printWidth);
    return expanded && [`${indent}${head}`, ...expanded];
  }
  // Other arrow functions and comments lay out by rules of their own.
  if (/=>|\/\/|\/\*/.test(line.replace(strings, '""'))) return undefined;
  const property = stringProperty.exec(line);
  // A key of five characters or more, quotes included: the string goes to the next line, fit or not.
  if (property)
    return property[2]!.length >= 5 ? [`${property[1]}${property[2]}:`, `${property[1]}  ${property[3]}`] : undefined;
  const lines = layOut(line);
  return lines && lines.every((laidOut) => laidOut.length <= printWidth || unbreakableReturn.test(laidOut))
    ? lines
    : undefined;

  function layOut(text: string): string[] | undefined {
    const alias = typeAlias.exec(text);
    if (alias) return union(`${alias[1]}${alias[2]}`, alias[3]!, alias[1]!);
    const imported = namedImport.exec(text);
    if (imported) {
      const names = imported[2]!.split(", ");
      return [`${imported[1]}{`, ...names.map((name) => `  ${name},`), `} from ${imported[3]};`];
    }
    // Two heritage types or more: the clause goes to the next line, whole if it fits there, else `extends` alone
    // and the types one a line below it (each laid out as a type that may break), the body's brace on the last.
    const heritage = heritageHeader.exec(text);
    const types = heritage ? splitTopLevel(heritage[2]!, ", ") : undefined;
    if (types && types.length > 1) {
      const [, name, clause, brace] = heritage as unknown as [string, string, string, string];
      const next = `  extends ${clause} ${brace}`;
      if (next.length <= printWidth) return [`export interface ${name}`, next];
      const lines = [`export interface ${name}`, "  extends"];
      for (const [index, type] of types.entries()) {
        const laidOut = typeLines("", type, "    ", index < types.length - 1 ? "," : ` ${brace}`);
        if (!laidOut) return undefined;
        lines.push(...laidOut);
      }
      return lines;
    }
    if (heritage?.[3] === "{}") return undefined;
    const header = interfaceHeader.exec(text);
    if (header) return typeArguments(header[1]!, header[2]!, "", " {");
    const method = signature.exec(text);
    if (method) {
      const [, indent, name, rest] = method as unknown as [string, string, string, string];
      const close = closingParenthesis(rest);
      const returned = close === undefined ? undefined : /^: (.+);$/.exec(rest.slice(close + 1))?.[1];
      if (returned !== undefined) {
        const parameters = splitTopLevel(rest.slice(0, close), ", ");
        if (!parameters || parameters.length === 0) return undefined;
        // A lone object-typed parameter is hugged: `post(body: {`, its members, `}): T;`.
        const lone = parameters.length === 1 ? objectTyped(parameters[0]!) : undefined;
        if (lone) {
          const members = objectMemberLines(lone.members, `${indent}  `);
          return members && [`${indent}${name}(${lone.name}: {`, ...members, `${indent}}): ${returned};`];
        }
        const laidOut = parameters.map((parameter) => part(parameter, `${indent}  `, ",", true));
        // The return type breaks on its own, after the parameters: its type arguments one a line.
        // A return type that is one name cannot break: its line stays as long as it is.
        const returnLines = simpleType.test(returned)
          ? [`${indent}): ${returned};`]
          : typeLines("): ", returned, indent, ";");
        if (laidOut.some((lines) => !lines) || !returnLines) return undefined;
        return [`${indent}${name}(`, ...laidOut.flatMap((lines) => lines!), ...returnLines];
      }
    }
    const member = propertySignature.exec(text);
    if (member) {
      const [, indent, name, type] = member as unknown as [string, string, string, string];
      return union(`${indent}${name}:`, type, indent) ?? part(`${name}: ${type}`, indent, ";", false);
    }
    return undefined;
  }

  /**
   * A parameter or member `name: T` at `indent`, then `end`: on one line where it fits, else with the type
   * arguments of T one a line, or (a parameter) the members of its object type one a line.
   */
  function part(text: string, indent: string, end: string, parameter: boolean): string[] | undefined {
    if (`${indent}${text}${end}`.length <= printWidth) return [`${indent}${text}${end}`];
    const object = parameter ? objectTyped(text) : undefined;
    if (object) {
      const members = objectMemberLines(object.members, `${indent}  `);
      return members && [`${indent}${object.name}: {`, ...members, `${indent}}${end}`];
    }
    const generic = genericMember.exec(text);
    if (generic) return typeArguments(generic[1]!, generic[2]!, indent, end);
    const typed = parameter ? typedParameter.exec(text) : undefined;
    return typed ? union(`${indent}${typed[1]}:`, typed[2]!, indent, end) : undefined;
  }

  /** `head<A, B>end` with its type arguments one a line (two or more of them; a lone one is prettier's). */
  function typeArguments(head: string, text: string, indent: string, end: string): string[] | undefined {
    const list = splitTopLevel(text, ", ");
    if (!list || list.length < 2) return undefined;
    return argumentLines(head, list, indent, end);
  }

  /** `head<`, each type argument on its own lines (laid out by typeLines) one level deeper, `>end`. */
  function argumentLines(head: string, list: string[], indent: string, end: string): string[] | undefined {
    const lines = [`${indent}${head}<`];
    for (const [index, argument] of list.entries()) {
      const laidOut = typeLines("", argument, `${indent}  `, index < list.length - 1 ? "," : "", true);
      if (!laidOut) return undefined;
      lines.push(...laidOut);
    }
    lines.push(`${indent}>${end}`);
    return lines;
  }

  /**
   * `head`, a type, `end` at `indent` as prettier lays out a type that may break: on one line where it fits; else
   * a generic's type arguments one a line (no trailing comma), unless its one argument is a plain name, which
   * prettier keeps beside it; else, as a type argument, a union one member a line after `| ` (not indented
   * further). Undefined for any other type too long for its line.
   */
  function typeLines(head: string, type: string, indent: string, end: string, argument = false): string[] | undefined {
    const flat = `${indent}${head}${type}${end}`;
    if (flat.length <= printWidth) return [flat];
    const generic = genericParts(type);
    if (generic) {
      const list = splitTopLevel(generic.arguments, ", ");
      if (!list || (list.length === 1 && simpleType.test(list[0]!))) return undefined;
      return argumentLines(`${head}${generic.name}`, list, indent, end);
    }
    const members = argument && head === "" ? unionMembers(type) : undefined;
    return members?.map((member, index) => `${indent}| ${member}${index === members.length - 1 ? end : ""}`);
  }

  /** The members of an object type one a line at `indent`, a union too long for its line broken as `union` says. */
  function objectMemberLines(members: string[], indent: string): string[] | undefined {
    const lines: string[] = [];
    for (const member of members) {
      const flat = `${indent}${member};`;
      const signature = flat.length <= printWidth ? undefined : memberSignature.exec(member);
      const laidOut = signature ? union(`${indent}${signature[1]}:`, signature[2]!, indent) : [flat];
      if (!laidOut) return undefined;
      lines.push(...laidOut);
    }
    return lines;
  }

  /**
   * `head U end` (a member, a parameter) as prettier breaks it: the union on the next line if it fits there, else
   * one member a line.
   */
  function union(head: string, type: string, indent: string, end = ";"): string[] | undefined {
    const members = unionMembers(type);
    if (!members) return undefined;
    const next = `${indent}  ${type}${end}`;
    if (next.length <= printWidth) return [head, next];
    return [
      head,
      ...members.map((member, index) => `${indent}  | ${member}${index === members.length - 1 ? end : ""}`),
    ];
  }
}

/**
 * A chain of members and calls (`client.users.byId("a").messages.byId("b").attachments`), the statement's last
 * expression, as prettier breaks it at `indent` when it does not fit on one line. Where the chain up to its last
 * call fits, only the one member after it moves, to a line one level deeper. Else, with two calls or more,
 * prettier's member-chain rule: the head with its members up to the one before the first call, then each run of
 * members ending in calls on a line of its own, one level deeper, the trailing member on the last of them.
 * A chain of one call, at its end, stays whole, and the call's argument (a string) goes to a line of its own.
 * Undefined for what these do not cover: one call with another argument, a first group prettier would merge with
 * the next (a factory-like name), several trailing members, a line still too long.
 */
function memberChain(text: string, indent: string, printWidth: number): string[] | undefined {
  const nodes = chainNodes(text);
  if (!nodes) return undefined;
  const lastCall = nodes.findLastIndex((node) => node.startsWith("("));
  const trailing = nodes.slice(lastCall + 1);
  const chain = nodes.slice(0, lastCall + 1);
  if (lastCall < 0 || trailing.length > 1) return undefined;
  const flat = chain.join("");
  const fits = (line: string): boolean => line.length <= printWidth;
  // One call, at the end: the chain stays whole and the call's argument (a string) goes to a line of its own.
  if (trailing.length === 0 && chain.filter((node) => node.startsWith("(")).length === 1) {
    const argument = chain[lastCall]!.slice(1, -1);
    const lines = [`${indent}${chain.slice(0, lastCall).join("")}(`, `${indent}  ${argument},`, `${indent});`];
    return stringLiteral.test(argument) && lines.every(fits) ? lines : undefined;
  }
  if (fits(`${indent}${flat}`)) {
    return trailing.length === 1 && fits(`${indent}  ${trailing[0]};`)
      ? [`${indent}${flat}`, `${indent}  ${trailing[0]};`]
      : undefined;
  }
  // The first group: the head, and its members but the one followed by a call.
  let first = 1;
  while (first + 1 < chain.length && !chain[first + 1]!.startsWith("(")) first++;
  const groups: string[][] = [chain.slice(0, first)];
  for (let index = first; index < chain.length; index++) {
    const node = chain[index]!;
    const current = groups[groups.length - 1]!;
    if (!node.startsWith("(") && current[current.length - 1]!.startsWith("(") && groups.length > 1) groups.push([node]);
    else if (groups.length === 1) groups.push([node]);
    else current.push(node);
  }
  const lastOfFirst = groups[0]![groups[0]!.length - 1]!;
  // A factory-like first group (`Object.keys(...)`) is merged with the next by prettier; fewer groups stay flat.
  if (
    groups.length < 3 ||
    /^\.(?:[A-Z]|[$_]+$)/.test(lastOfFirst) ||
    (groups[0]!.length === 1 && /^[A-Z]|^[$_]+$/.test(lastOfFirst))
  )
    return undefined;
  const lines = [`${indent}${groups[0]!.join("")}`, ...groups.slice(1).map((group) => `${indent}  ${group.join("")}`)];
  lines[lines.length - 1] += `${trailing.join("")};`;
  return lines.every(fits) ? lines : undefined;
}

/**
 * `callee(a, { ... })` at `indent`, then `,`, with its last argument (an object literal, after plain names) hugged
 * and broken: `callee(a, {`, each property on a line of its own one level deeper, `}),`. A property that still
 * does not fit breaks the same way if its value is an object, or puts a string value on the next line if its key
 * is long (five columns or more); undefined for anything else.
 */
function expandLastObject(call: string, indent: string, printWidth: number): string[] | undefined {
  const open = requestCallee.exec(call)?.[0].length;
  if (open === undefined || call[open] !== "(" || !call.endsWith(")")) return undefined;
  const close = closingParenthesis(call.slice(open + 1));
  const args = close === call.length - open - 2 ? splitTopLevel(call.slice(open + 1, -1), ", ") : undefined;
  const last = args?.[args.length - 1];
  if (!args || !last || !args.slice(0, -1).every((arg) => plainName.test(arg))) return undefined;
  const members = objectMembers(last);
  const first = `${indent}${call.slice(0, open + 1)}${args
    .slice(0, -1)
    .map((arg) => `${arg}, `)
    .join("")}{`;
  const lines = members && first.length <= printWidth ? membersLines(members, `${indent}  `, printWidth) : undefined;
  return lines && [first, ...lines, `${indent}}),`];
}

/** Object members one a line at `indent`, each laid out as `expandLastObject` says. */
function membersLines(members: string[], indent: string, printWidth: number): string[] | undefined {
  const lines: string[] = [];
  for (const member of members) {
    const flat = `${indent}${member},`;
    if (flat.length <= printWidth) {
      lines.push(flat);
      continue;
    }
    const property = objectProperty.exec(member);
    if (!property) return undefined;
    const [, key, value] = property as unknown as [string, string, string];
    const nested = objectMembers(value);
    const inner = nested && membersLines(nested, `${indent}  `, printWidth);
    if (inner) lines.push(`${indent}${key}: {`, ...inner, `${indent}},`);
    else if (stringLiteral.test(value) && key.length >= 5) lines.push(`${indent}${key}:`, `${indent}  ${value},`);
    else return undefined;
  }
  return lines.every((line, index) => line.length <= printWidth || lines[index - 1]?.endsWith(":")) ? lines : undefined;
}

/** The members of a one-line object literal `{ a: 1, "b-c": { d: "e" } }`, or undefined for another value. */
function objectMembers(value: string): string[] | undefined {
  if (!value.startsWith("{ ") || !value.endsWith(" }") || closing(value.slice(1), "}") !== value.length - 2)
    return undefined;
  const members = splitTopLevel(value.slice(2, -2), ", ");
  return members && members.length > 0 && members.every((member) => objectProperty.test(member)) ? members : undefined;
}

/** `client.users.byId("a").messages` as `client`, `.users`, `.byId`, `("a")`, `.messages`; undefined if not one. */
function chainNodes(text: string): string[] | undefined {
  const head = chainHead.exec(text);
  if (!head) return undefined;
  const nodes = [head[0]];
  let at = head[0].length;
  while (at < text.length) {
    if (text[at] === ".") {
      const member = chainMember.exec(text.slice(at));
      if (!member) return undefined;
      nodes.push(member[0]);
      at += member[0].length;
    } else if (text[at] === "(") {
      const close = closingParenthesis(text.slice(at + 1));
      if (close === undefined) return undefined;
      nodes.push(text.slice(at, at + close + 2));
      at += close + 2;
    } else return undefined;
  }
  return nodes;
}

/** `Name<A, B>` as its name and the text of its type arguments, or undefined for a type of another shape. */
function genericParts(type: string): { name: string; arguments: string } | undefined {
  const name = genericName.exec(type)?.[0];
  if (!name || type[name.length] !== "<") return undefined;
  const close = closingBracket(type.slice(name.length + 1));
  return close === type.length - name.length - 2 ? { name, arguments: type.slice(name.length + 1, -1) } : undefined;
}

/** `name: { a: A; b?: B }` as its name and members, or undefined for a parameter of another type. */
function objectTyped(parameter: string): { name: string; members: string[] } | undefined {
  const object = objectParameter.exec(parameter);
  const members = object ? splitTopLevel(object[2]!, "; ") : undefined;
  return object && members && members.length > 0 ? { name: object[1]!, members } : undefined;
}

/** The members of a union prettier breaks one a line, or undefined for another type. */
function unionMembers(type: string): string[] | undefined {
  const members = splitTopLevel(type, " | ");
  // `T | null` is one type to prettier, hugged rather than broken.
  const nullable = members?.filter((member) => member !== "null" && member !== "undefined").length === 1;
  return members && members.length >= 2 && !nullable && members.every(isPlainMember) ? members : undefined;
}

/** A union member prettier never breaks: a literal, a name, a name with plain type arguments. */
function isPlainMember(member: string): boolean {
  return plainMember.test(member);
}

/** Where the parenthesis closing the one before `text` is, or undefined. */
function closingParenthesis(text: string): number | undefined {
  return closing(text, ")");
}

/** Where the angle bracket closing the one before `text` is, or undefined. */
function closingBracket(text: string): number | undefined {
  return closing(text, ">");
}

function closing(text: string, closer: ")" | ">" | "}"): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const skipped = skipLiteral(text, index);
    if (skipped === undefined) return undefined;
    index = skipped;
    const char = text[index];
    if (char === closer && depth === 0) return index;
    if (char === "(" || char === "[" || char === "{" || char === "<") depth++;
    else if (char === ")" || char === "]" || char === "}" || char === ">") depth--;
  }
  return undefined;
}

/** `text` split at `separator` where it stands outside brackets and literals; undefined where they do not balance. */
function splitTopLevel(text: string, separator: string): string[] | undefined {
  if (text === "") return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const skipped = skipLiteral(text, index);
    if (skipped === undefined) return undefined;
    index = skipped;
    const char = text[index]!;
    if ("([{<".includes(char)) depth++;
    else if (")]}>".includes(char)) depth--;
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index = start - 1;
    }
    if (depth < 0) return undefined;
  }
  parts.push(text.slice(start));
  return depth === 0 ? parts : undefined;
}

/** The index of the last character of a string or template literal starting at `index` (or `index` itself). */
function skipLiteral(text: string, index: number): number | undefined {
  const quote = text[index];
  if (quote !== '"' && quote !== "'" && quote !== "`") return index;
  for (let next = index + 1; next < text.length; next++) {
    if (text[next] === "\\") next++;
    else if (text[next] === quote) return next;
  }
  return undefined;
}
