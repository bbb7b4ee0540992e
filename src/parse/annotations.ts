/**
 * Annotations: HTML comments whose content is a JSON object, written right before a code block
 * (`<!-- { "blockType": "request", "name": "get_user" } -->`). Read leniently: unknown keys are ignored, and the
 * JSON may need repairs (trailing commas are common).
 */
import type { Annotation } from "./page-model.js";
import { readTolerantJson, type JsonRepair } from "./tolerant-json.js";

export type AnnotationReadResult =
  | { readonly kind: "none" }
  | {
      readonly kind: "annotation";
      readonly annotation: Annotation;
      readonly repairs: JsonRepair[];
      readonly pageLevel: boolean;
    }
  | { readonly kind: "invalid"; readonly message: string };

const comment = /<!--([\s\S]*?)-->/g;

/** Reads the annotation in the HTML of one html node; `none` when it holds no JSON-looking comment. */
export function readAnnotation(html: string): AnnotationReadResult {
  for (const match of html.matchAll(comment)) {
    const content = match[1]!.trim();
    if (!content.startsWith("{")) continue;
    const read = readTolerantJson(content);
    if (
      read.error ||
      read.value === undefined ||
      read.value === null ||
      typeof read.value !== "object" ||
      Array.isArray(read.value)
    ) {
      return { kind: "invalid", message: read.error?.message ?? "not an object" };
    }
    const raw = read.value as Record<string, unknown>;
    return {
      kind: "annotation",
      annotation: toAnnotation(raw),
      repairs: read.repairs,
      pageLevel: raw["type"] === "#page.annotation",
    };
  }
  return { kind: "none" };
}

function toAnnotation(raw: Record<string, unknown>): Annotation {
  const names = raw["name"];
  return {
    ...pick("blockType", string(raw["blockType"])),
    names:
      typeof names === "string"
        ? [names]
        : Array.isArray(names)
          ? names.filter((n): n is string => typeof n === "string")
          : [],
    // Older pages (OneDrive's) write `@type` for `@odata.type`.
    ...pick("odataType", string(raw["@odata.type"]) ?? string(raw["@type"])),
    ...pick("isCollection", boolean(raw["isCollection"])),
    ...pick("truncated", boolean(raw["truncated"])),
    ...pick("baseType", string(raw["baseType"])),
    ...pick("keyProperty", string(raw["keyProperty"])),
    ...pick("openType", boolean(raw["openType"])),
    ...pick("abstract", boolean(raw["abstract"])),
    ...pick(
      "optionalProperties",
      Array.isArray(raw["optionalProperties"])
        ? raw["optionalProperties"].filter((p): p is string => typeof p === "string")
        : undefined,
    ),
  };
}

function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function string(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Pages write `true`, `"true"` and `"True"`. */
function boolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return undefined;
}
