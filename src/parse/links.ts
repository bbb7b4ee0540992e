/**
 * Links between pages. A relative `.md` link is resolved to the docs-root path of its target, so that the model
 * stage can join pages without knowing where the docs set lives on disk.
 */
import { posix } from "node:path";
import type { Link } from "./page-model.js";

export function toLink(text: string, url: string, fromFile: string): Link {
  // `#onlinemeetingpresenters-values` points into the page itself (an enum documented under a heading).
  const page = url.startsWith("#") ? fromFile : resolvePageLink(fromFile, url);
  return { text, url, ...(page ? { page } : {}) };
}

/** Docs-root path of a relative markdown link target, or undefined for absolute URLs, anchors and other files. */
export function resolvePageLink(fromFile: string, url: string): string | undefined {
  const target = url.trim().replace(/[?#].*$/, "");
  if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("/")) return undefined;
  if (!/\.md$/i.test(target)) return undefined;
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // Keep a malformed escape as written.
  }
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), decoded));
  return joined.startsWith("../") ? undefined : joined;
}
