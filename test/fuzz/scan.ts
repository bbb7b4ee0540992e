/**
 * The injection scan: reads emitted TypeScript with the TypeScript scanner and finds planted markers that came out
 * as identifiers, outside strings, templates' text and comments, where they would run as code.
 */
import { ts } from "ts-morph";

/** Tokens after which a `/` starts a regular expression rather than a division. */
const beforeRegex = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.ExclamationToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.ReturnKeyword,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

/** The identifiers of `text` that hold one of `markers` (matched by `isMarker`), with their offsets. */
export function scanForMarkers(
  text: string,
  isMarker: (identifier: string) => boolean,
): Array<{ text: string; offset: number }> {
  const found: Array<{ text: string; offset: number }> = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // Open template substitutions, by the brace depth at which each opened.
  const templates: number[] = [];
  let braces = 0;
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && beforeRegex.has(previous)) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === ts.SyntaxKind.OpenBraceToken) braces++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.at(-1) === braces) {
        templates.pop();
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateMiddle) templates.push(braces);
      } else braces--;
    } else if (kind === ts.SyntaxKind.TemplateHead) templates.push(braces);
    if (
      kind === ts.SyntaxKind.Identifier ||
      (kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword) ||
      kind === ts.SyntaxKind.PrivateIdentifier
    ) {
      const identifier = scanner.getTokenText();
      if (isMarker(identifier)) found.push({ text: identifier, offset: scanner.getTokenStart() });
    }
    previous = kind;
  }
  return found;
}
