/**
 * Paths that address the same thing: `/me` is the signed-in user, so wherever a page documents one call under both
 * `/me/messages` and `/users/{id}/messages`, `/me` is an alias of `/users/{id}`, and every path documented below
 * `/users/{id}` can be reached from `/me` too (a page may write only one of the two). Read from the operations alone:
 * two paths of one operation that end alike and differ before that, one in a static segment (`me`, `drive`), the
 * other in a key (`{id}`), make the static path an alias of the keyed one. A builder of an alias extends the
 * builder of its target (src/emit/builders.ts), so nothing is emitted twice.
 */
import type { ObjectType, EnumType, Operation, PathSegment } from "../model/index.js";
import { childKey, type NavigationNode } from "./plan.js";

/**
 * Sets `alias` on the nodes that are aliases of another: the target confirmed by the most operations (ties by path);
 * a child of an alias whose target has a child of the same segment is an alias of that child.
 */
export function assignAliases(
  root: NavigationNode,
  operations: readonly Operation[],
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): void {
  const confirmations = new Map<
    string,
    { alias: string[]; target: string[]; order: string; operations: Set<string> }
  >();
  for (const operation of operations) {
    if (operation.paths.length < 2) continue;
    const paths = operation.paths.map((path) => path.segments.map(childKey));
    for (const a of paths) {
      for (const b of paths) {
        if (a === b) continue;
        let common = 0;
        while (common < a.length && common < b.length && a[a.length - 1 - common] === b[b.length - 1 - common])
          common++;
        const aliasLength = a.length - common;
        const targetLength = b.length - common;
        // `$value`, `$ref`, `$count` address a part of what is before them, never another thing.
        if (aliasLength === 0 || targetLength < 2 || b[targetLength - 1] !== "key") continue;
        if (!/^static:[^$]/.test(a[aliasLength - 1]!)) continue;
        const alias = a.slice(0, aliasLength);
        const target = b.slice(0, targetLength);
        if (startsWith(alias, target) || startsWith(target, alias)) continue;
        const order = target.join("/");
        const key = `${alias.join("/")} ${order}`;
        let entry = confirmations.get(key);
        if (!entry) confirmations.set(key, (entry = { alias, target, order, operations: new Set() }));
        entry.operations.add(operation.id);
      }
    }
  }
  const best = new Map<NavigationNode, { target: NavigationNode; count: number }>();
  const candidates = [...confirmations.values()].sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0));
  for (const { alias, target, operations: confirming } of candidates) {
    const from = find(root, alias);
    const to = find(root, target);
    if (!from || !to || !sameThing(from, to, declarations)) continue;
    const current = best.get(from);
    if (!current || confirming.size > current.count) best.set(from, { target: to, count: confirming.size });
  }
  const direct = new Map([...best].map(([from, { target }]) => [from, target]));
  const inherit = (node: NavigationNode, parentTarget: NavigationNode | undefined): void => {
    const target = direct.get(node) ?? (parentTarget && parentTarget.children.get(keyOf(node.segment)));
    if (target && target !== node && !leadsBack(target, node)) node.alias = target;
    for (const next of node.children.values()) inherit(next, node.alias);
  };
  for (const next of root.children.values()) inherit(next, undefined);
}

function keyOf(segment: NavigationNode["segment"]): string {
  return segment.kind === "root" ? "" : childKey(segment as PathSegment);
}

/** Whether following aliases from `target` comes back to `node` (which would make an interface its own base). */
function leadsBack(target: NavigationNode, node: NavigationNode): boolean {
  const seen = new Set<NavigationNode>();
  for (let current: NavigationNode | undefined = target; current && !seen.has(current); current = current.alias) {
    if (current === node) return true;
    seen.add(current);
  }
  return false;
}

function find(root: NavigationNode, keys: readonly string[]): NavigationNode | undefined {
  let node: NavigationNode | undefined = root;
  for (const key of keys) node = node?.children.get(key);
  return node;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

/** Both paths address one object of the same type, or of one derived from the other (as their GETs say). */
function sameThing(
  a: NavigationNode,
  b: NavigationNode,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): boolean {
  const typeA = a.itemType ?? a.elementType;
  const typeB = b.itemType ?? b.elementType;
  if (!typeA || !typeB) return false;
  if ((a.itemType === undefined) !== (b.itemType === undefined)) return false;
  return derives(typeA, typeB, declarations) || derives(typeB, typeA, declarations);
}

function derives(type: string, base: string, declarations: ReadonlyMap<string, ObjectType | EnumType>): boolean {
  const seen = new Set<string>();
  for (
    let current = declarations.get(type);
    current?.kind === "object" && !seen.has(current.qualifiedName);
    current = current.baseType ? declarations.get(current.baseType) : undefined
  ) {
    if (current.qualifiedName === base) return true;
    seen.add(current.qualifiedName);
  }
  return false;
}
