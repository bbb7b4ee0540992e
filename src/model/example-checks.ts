/**
 * Example bodies checked against the model: members the type does not have, values of the wrong JSON type, enum
 * values outside the enum, read-only members in create and update bodies, required parameters left out. Each defect
 * is reported at its line; what is left (the sound part) is what the generated test sends, typed, so that tsc checks
 * it against the interfaces. Values whose `@odata.type` names a derived type are checked as that type.
 */
import type { JsonValue, MessageBody } from "../parse/index.js";
import type { EnumType, ObjectType, Property, RequestBody, TypeRef } from "./api-model.js";

export type BodyDefect =
  | { readonly kind: "unknownMember"; readonly pointer: string; readonly name: string; readonly type: string }
  | { readonly kind: "wrongType"; readonly pointer: string; readonly expected: string; readonly actual: string }
  | { readonly kind: "enumValue"; readonly pointer: string; readonly value: string; readonly type: string }
  | { readonly kind: "readOnly"; readonly pointer: string; readonly name: string }
  | { readonly kind: "missingRequired"; readonly pointer: string; readonly name: string };

export interface BodyCheck {
  /** The body without its defective parts; undefined when nothing sound is left. */
  readonly sound: JsonValue | undefined;
  readonly defects: BodyDefect[];
  /** Objects checked as a derived type (by their `@odata.type`), by JSON pointer. */
  readonly derived: Record<string, string>;
  /** Values the docs allow but the TypeScript types do not express (a flags enum's `a,b`), by JSON pointer. */
  readonly loose: string[];
  /** Whether the sound part satisfies the declared type as written (no required member is missing). */
  readonly complete: boolean;
}

/**
 * The types examples are checked against, by qualified name. Looked up one by one only (never listed): what reads
 * them is memoized by the names it looked up (examples.ts).
 */
export interface TypeTable {
  readonly objects: { get(qualifiedName: string): ObjectType | undefined };
  readonly enums: { get(qualifiedName: string): EnumType | undefined };
}

/**
 * Checks a request body against what the operation takes; `writes` marks create and update bodies. The parameters
 * of an action are values, not members of a resource being written: read-only members in them are sent as
 * documented (the entities an action updates in bulk name their `id`).
 */
export function checkRequestBody(value: JsonValue, body: RequestBody, types: TypeTable, writes: boolean): BodyCheck {
  if (body.kind === "type") {
    const checker = new Checker(types, writes, true);
    const sound = checker.value(value, body.type, "", false);
    return { sound, defects: checker.defects, derived: checker.derived, loose: checker.loose, complete: true };
  }
  const resource = body.resource ? types.objects.get(body.resource) : undefined;
  const checker = new Checker(types, writes && resource !== undefined, true);
  // The parameters, and where they are members of the type the operation writes, that type's other members.
  const properties = new Map<string, Property>(resource ? checker.propertiesOf(resource) : []);
  for (const parameter of body.parameters) {
    properties.set(parameter.name, {
      name: parameter.name,
      type: parameter.type,
      readOnly: false,
      navigation: false,
      source: { file: "", line: 0 },
    });
  }
  const sound = checker.members(value, properties, resource?.name ?? "parameters", "");
  let complete = sound !== undefined;
  for (const parameter of body.parameters) {
    const present =
      sound !== undefined &&
      typeof sound === "object" &&
      sound !== null &&
      !Array.isArray(sound) &&
      parameter.name in sound;
    if (parameter.required && !present) {
      checker.defects.push({ kind: "missingRequired", pointer: "", name: parameter.name });
      complete = false;
    }
  }
  return { sound, defects: checker.defects, derived: checker.derived, loose: checker.loose, complete };
}

/** Checks a response body against the operation's response type (collections: each member of `value`). */
export function checkResponseBody(
  value: JsonValue,
  type: TypeRef,
  collection: boolean,
  types: TypeTable,
): BodyDefect[] {
  const checker = new Checker(types, false, false);
  if (!collection) checker.value(value, type, "");
  else if (value !== null && typeof value === "object" && !Array.isArray(value) && Array.isArray(value["value"])) {
    value["value"].forEach((item, index) => checker.value(item, type, `/value/${index}`));
  }
  return checker.defects;
}

class Checker {
  readonly defects: BodyDefect[] = [];
  readonly derived: Record<string, string> = {};
  readonly loose: string[] = [];

  constructor(
    private readonly types: TypeTable,
    private readonly writes: boolean,
    /** The sound part is sent typed, so it must fit the TypeScript types: no null where they allow none. */
    private readonly typed: boolean,
  ) {}

  /**
   * The sound part of `value` as a `type`, or undefined when none of it is. Members are nullable (`p?: T | null`);
   * a body and the items of a collection are not.
   */
  value(value: JsonValue, type: TypeRef, pointer: string, nullable = true): JsonValue | undefined {
    if (value === null)
      return nullable || type.kind === "json" || type.kind === "unknown"
        ? null
        : this.wrong(pointer, describe(type), "null");
    switch (type.kind) {
      case "json":
      case "unknown":
        return value;
      case "primitive": {
        const actual = jsonType(value);
        if (actual === type.name) return value;
        return this.wrong(pointer, type.format ?? type.name, actual);
      }
      case "literals": {
        if (typeof value !== "string") return this.wrong(pointer, "string", jsonType(value));
        if (type.values.includes(value)) return value;
        this.defects.push({ kind: "enumValue", pointer, value, type: type.values.join(" | ") });
        return undefined;
      }
      case "collection": {
        if (!Array.isArray(value)) return this.wrong(pointer, "array", jsonType(value));
        const items: JsonValue[] = [];
        value.forEach((item, index) => {
          const sound = this.value(item, type.of, `${pointer}/${index}`, !this.typed);
          if (sound !== undefined) items.push(sound);
        });
        return items;
      }
      case "union": {
        // The member its `@odata.type` names, else the first member the value fits; a value that fits none is
        // reported against the union.
        const named = this.unionMemberNamed(value, type.of);
        if (named) {
          this.derived[pointer] = named;
          return this.named(value, named, pointer);
        }
        for (const member of type.of) {
          const trial = new Checker(this.types, this.writes, this.typed);
          const sound = trial.value(value, member, pointer, nullable);
          if (trial.defects.length === 0) {
            Object.assign(this.derived, trial.derived);
            this.loose.push(...trial.loose);
            return sound;
          }
        }
        return this.wrong(pointer, type.of.map(describe).join(" or "), jsonType(value));
      }
      case "named":
        return this.named(value, type.qualifiedName, pointer);
    }
  }

  private named(value: JsonValue, qualifiedName: string, pointer: string): JsonValue | undefined {
    const enumType = this.types.enums.get(qualifiedName);
    if (enumType) {
      if (typeof value !== "string") return this.wrong(pointer, enumType.name, jsonType(value));
      if (enumType.members.some((candidate) => candidate.name === value)) return value;
      // Flags enums are written as a comma-separated list of members, which the union of member names does not cover.
      if (value.split(",").every((member) => enumType.members.some((candidate) => candidate.name === member.trim()))) {
        this.loose.push(pointer);
        return value;
      }
      this.defects.push({ kind: "enumValue", pointer, value, type: enumType.name });
      return undefined;
    }
    const objectType = this.types.objects.get(qualifiedName);
    if (!objectType) return value;
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return this.wrong(pointer, objectType.name, jsonType(value));
    const derived = this.derivedType(value, objectType);
    if (derived !== objectType) this.derived[pointer] = derived.qualifiedName;
    return this.members(value, this.propertiesOf(derived), derived.name, pointer);
  }

  /** The members of an object value that `byName` knows, each checked; the others reported. */
  members(
    value: JsonValue,
    byName: ReadonlyMap<string, Property>,
    typeName: string,
    pointer: string,
  ): JsonValue | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return this.wrong(pointer, typeName, jsonType(value));
    const sound: { [key: string]: JsonValue } = {};
    for (const [name, member] of Object.entries(value)) {
      const at = `${pointer}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const property = byName.get(name);
      // Instance annotations (`@odata.type`, `members@odata.bind`, `@microsoft.graph.conflictBehavior`) belong to
      // every object: the interfaces admit any key holding an `@`, unless the type declares it as a member of its own.
      if (name.includes("@") && !property) {
        // Every type declares `@odata.type` as text.
        if (name === "@odata.type" && typeof member !== "string") {
          this.wrong(at, "string", jsonType(member));
          continue;
        }
        sound[name] = member;
        continue;
      }
      if (!property) {
        this.defects.push({ kind: "unknownMember", pointer: at, name, type: typeName });
        continue;
      }
      if (this.writes && property.readOnly) {
        this.defects.push({ kind: "readOnly", pointer: at, name });
        continue;
      }
      const checked = this.value(member, property.type, at);
      if (checked !== undefined) sound[name] = checked;
    }
    return sound;
  }

  /** The member of a union of object types that the value's `@odata.type` names. */
  private unionMemberNamed(value: JsonValue, members: TypeRef[]): string | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value) || typeof value["@odata.type"] !== "string")
      return undefined;
    const named = value["@odata.type"].replace(/^#/, "");
    return members.some((member) => member.kind === "named" && member.qualifiedName === named) ? named : undefined;
  }

  /** The type named by the value's `@odata.type`, when it is the declared type or derives from it. */
  private derivedType(value: { [key: string]: JsonValue }, declared: ObjectType): ObjectType {
    const named = typeof value["@odata.type"] === "string" ? value["@odata.type"].replace(/^#/, "") : undefined;
    const candidate = named ? this.types.objects.get(named) : undefined;
    if (!candidate) return declared;
    for (
      let base: ObjectType | undefined = candidate, depth = 0;
      base && depth < 32;
      base = base.baseType ? this.types.objects.get(base.baseType) : undefined, depth++
    ) {
      if (base === declared) return candidate;
    }
    return declared;
  }

  /** The type's members and its base types', by name (a base's wins over a restated one, as it always has). */
  propertiesOf(type: ObjectType): ReadonlyMap<string, Property> {
    // Examples check the same few types over and over: each type's table is made once per model.
    const known = propertiesByType.get(type);
    if (known) return known;
    const properties = new Map<string, Property>();
    const seen = new Set<string>();
    for (
      let current: ObjectType | undefined = type;
      current && !seen.has(current.qualifiedName);
      current = current.baseType ? this.types.objects.get(current.baseType) : undefined
    ) {
      seen.add(current.qualifiedName);
      for (const property of current.properties) properties.set(property.name, property);
    }
    propertiesByType.set(type, properties);
    return properties;
  }

  private wrong(pointer: string, expected: string, actual: string): undefined {
    this.defects.push({ kind: "wrongType", pointer, expected, actual });
    return undefined;
  }
}

/** Keyed by the model's own type objects, so that each model (each run, each test) has its own tables. */
const propertiesByType = new WeakMap<ObjectType, ReadonlyMap<string, Property>>();

function jsonType(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function describe(type: TypeRef): string {
  switch (type.kind) {
    case "primitive":
      return type.format ?? type.name;
    case "named":
      return type.qualifiedName.slice(type.qualifiedName.lastIndexOf(".") + 1);
    case "collection":
      return `${describe(type.of)} collection`;
    case "literals":
      return type.values.join(" | ");
    case "union":
      return type.of.map(describe).join(" or ");
    default:
      return type.kind;
  }
}

/** The line of a defect, from the body's map of JSON pointers to lines. */
export function defectLine(body: MessageBody, pointer: string): number {
  return body.jsonLines?.[pointer] ?? body.line;
}
