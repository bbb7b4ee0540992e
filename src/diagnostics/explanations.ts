/**
 * What each diagnostic code means, a page excerpt that triggers it, and how to fix the page: `docs2ts explain CODE`
 * prints it, and the health report shows the same text beside each code. Kept beside the table of codes (codes.ts);
 * test/diagnostics.test.ts checks that every code has its explanation and no explanation outlives its code.
 */
import { definitionsByCode } from "./codes.js";

export interface Explanation {
  /** What docs2ts found and what it did about it, in a sentence or two. */
  readonly meaning: string;
  /** A few lines of a page that trigger the code. */
  readonly example: string;
  /** How to change the page so that the diagnostic goes away. */
  readonly fix: string;
}

const fence = "```";

export const explanations: Readonly<Record<string, Explanation>> = {
  DT100: {
    meaning:
      "The file could not be read (permissions, a broken link, a directory named like a page); it is left out of the run.",
    example: "docs/api/user-get.md -> a symbolic link to a file that no longer exists",
    fix: "Make the file readable, or remove it from the docs set.",
  },
  DT101: {
    meaning:
      "The YAML front matter between the `---` lines does not parse; the page is read without it (no title, no doc_type from it).",
    example: '---\ntitle: "Get user\ndoc_type: apiPageType\n---',
    fix: "Repair the YAML: close the quotes, indent consistently, quote values that hold a colon.",
  },
  DT102: {
    meaning: "The front matter still holds a placeholder of the page template, which was never filled in.",
    example: '---\nauthor: "$(metadata.owner)"\nms.prod: "**TODO: Provide Github Name**"\n---',
    fix: "Replace the placeholder with the real value, or remove the field.",
  },
  DT103: {
    meaning: "The front matter has no doc_type (or one docs2ts does not know); the page's sections decided its kind.",
    example: '---\ntitle: "widget resource type"\n---\n# widget resource type\n## Properties',
    fix: "Add `doc_type: resourcePageType` (or apiPageType, enumPageType, conceptualPageType) to the front matter.",
  },
  DT104: {
    meaning:
      "The page has no `# Title` heading; names that come from the title (a type's name, an operation's) are taken from elsewhere or missing.",
    example: "---\ndoc_type: resourcePageType\n---\n## Properties\n| Property | Type | Description |",
    fix: "Start the page with an H1 title, such as `# widget resource type` or `# Get widget`.",
  },
  DT105: {
    meaning:
      "The doc_type says one kind of page but the sections say another (an apiPageType with a Properties table and no HTTP request); the structure wins.",
    example:
      "---\ndoc_type: apiPageType\n---\n# widget resource type\n## Properties\n| Property | Type | Description |",
    fix: "Correct the doc_type in the front matter to the kind the page is.",
  },
  DT106: {
    meaning: "A section heading is followed by nothing before the next heading.",
    example: "## Request headers\n\n## Request body",
    fix: "Write the section's content, or `None.`, or remove the heading.",
  },
  DT107: {
    meaning:
      "Markdown (block quotes, lists, emphasis) or JSON nests deeper than docs2ts reads; what lies deeper is read as plain text, so the rest of the page is still read.",
    example: "> > > > > ... (hundreds of levels of block quotes)",
    fix: "Flatten the nesting; no real page needs more than a few levels.",
  },
  DT108: {
    meaning:
      "The page is larger than a page may be; it is left out, so that one file cannot exhaust the run's time or memory.",
    example: "docs/api/huge.md: 50 MB (a generated dump pasted into a page)",
    fix: "Split the page, or remove what was pasted into it by mistake.",
  },
  DT109: {
    meaning:
      "The page made docs2ts's parser fail (a bug of docs2ts, not of the page); the page is read as empty and the run goes on.",
    example: "(any page; the message names the internal error)",
    fix: "Report the page and the message to docs2ts's maintainers; meanwhile, simplifying the part of the page the message points at may avoid it.",
  },
  DT110: {
    meaning:
      "A `<!-- { ... } -->` annotation is not JSON docs2ts can read, so the block after it is read without it (its blockType, name and type are lost).",
    example: '<!-- { "blockType": "request", "name": get_widget -->',
    fix: 'Write the annotation as JSON: quote every key and string, close the braces: `<!-- { "blockType": "request", "name": "get_widget" } -->`.',
  },
  DT111: {
    meaning:
      "An annotation is not strict JSON (single quotes, a trailing comma, unquoted keys) but could be repaired and read.",
    example: "<!-- { 'blockType': 'request', 'name': 'get_widget', } -->",
    fix: "Write the annotation as strict JSON, with double quotes and no trailing comma.",
  },
  DT112: {
    meaning:
      "Text or other blocks stand between an annotation and the code block it describes; docs2ts attached it to the next code block anyway.",
    example: `<!-- { "blockType": "request", "name": "get_widget" } -->\nThe request:\n\n${fence}http\nGET /widgets/1\n${fence}`,
    fix: "Move the annotation to the line right above its code block.",
  },
  DT113: {
    meaning: "An annotation is followed by no code block, so it describes nothing.",
    example: '<!-- { "blockType": "response" } -->\n\n## See also',
    fix: "Add the code block it was meant for below it, or remove the annotation.",
  },
  DT120: {
    meaning: "The Permissions table has its rows but names no permission in them.",
    example: "| Permission type | Permissions |\n|:--|:--|\n| Delegated (work or school account) | |",
    fix: "Fill in the permissions (such as `User.Read`), or write `Not supported.` where none applies.",
  },
  DT121: {
    meaning:
      "A table row has more or fewer cells than its header; missing cells are read as empty and extra ones ignored.",
    example: "| Property | Type | Description |\n|:--|:--|:--|\n| name | String |",
    fix: "Give the row one cell per header column; escape a `|` inside a cell as `\\|`.",
  },
  DT130: {
    meaning: "The HTTP request section's code block holds no request line, so the operation has no path from it.",
    example: `## HTTP request\n<!-- { "blockType": "ignored" } -->\n${fence}http\n${fence}`,
    fix: "Write one line per path the operation takes: `GET /widgets/{id}`.",
  },
  DT131: {
    meaning: "A line of the HTTP request block is not `METHOD /path`, and is skipped.",
    example: `${fence}http\nGet the widget: /widgets/{id}\n${fence}`,
    fix: "Write the line as an HTTP method in capitals, a space and the path: `GET /widgets/{id}`.",
  },
  DT132: {
    meaning:
      "An API page has no HTTP request code block; the operation's path is recovered from its examples or other pages if it can be.",
    example: "# Get widget\n## HTTP request\nCall the widgets endpoint with the id.",
    fix: "Add the HTTP request block: a fenced `http` block with `GET /widgets/{id}`.",
  },
  DT133: {
    meaning: "A path in the HTTP request block does not start with `/`; it is read as if it did.",
    example: `${fence}http\nGET widgets/{id}\n${fence}`,
    fix: "Start the path with `/`: `GET /widgets/{id}`.",
  },
  DT140: {
    meaning: "An example request block does not start with a request line, so the example cannot become a test.",
    example: `<!-- { "blockType": "request", "name": "get_widget" } -->\n${fence}http\nhttps://graph.microsoft.com/v1.0/widgets/1\n${fence}`,
    fix: "Start the block with the method and the URL: `GET https://graph.microsoft.com/v1.0/widgets/1`.",
  },
  DT141: {
    meaning: "An example response block does not start with a status line, so the response cannot be replayed.",
    example: `<!-- { "blockType": "response" } -->\n${fence}http\n{ "id": "1" }\n${fence}`,
    fix: "Start the block with the status line, such as `HTTP/1.1 200 OK`, then the headers, a blank line and the body.",
  },
  DT142: {
    meaning: "The URL of an example request has no path after the host, so it matches no operation.",
    example: `${fence}http\nGET https://graph.microsoft.com\n${fence}`,
    fix: "Write the whole URL of the call: `GET https://graph.microsoft.com/v1.0/widgets/1`.",
  },
  DT143: {
    meaning:
      "An example body is not strict JSON (comments, trailing commas, single quotes) but could be repaired and read.",
    example: `${fence}http\nHTTP/1.1 200 OK\n\n{ "id": "1", }\n${fence}`,
    fix: "Write the body as strict JSON.",
  },
  DT144: {
    meaning:
      "An example body could not be read as JSON even with repairs; the example is tested without its body, or skipped.",
    example: `${fence}http\nPOST https://graph.microsoft.com/v1.0/widgets\nContent-type: application/json\n\n{ "name": "a" "size": 1 }\n${fence}`,
    fix: "Correct the JSON (the message says where it fails).",
  },
  DT145: {
    meaning: "An example request has no response after it (or a response no request), so no test compares the two.",
    example: `<!-- { "blockType": "request", "name": "get_widget" } -->\n${fence}http\nGET https://graph.microsoft.com/v1.0/widgets/1\n${fence}\n## See also`,
    fix: 'Add the missing block with its annotation (`"blockType": "response"`) under the Response heading of the example.',
  },
  DT146: {
    meaning:
      "An example is laid out unlike the usual Request / Response pairs (the message says how); docs2ts paired its blocks as best it could.",
    example: "### Request\n(two request blocks, then one response block)",
    fix: "Lay each example out as a Request heading with one request block and a Response heading with one response block.",
  },
  DT147: {
    meaning:
      "An example body is a placeholder (`{...}`, `<json>`) rather than data; it is kept as text and not checked.",
    example: `${fence}http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ ... }\n${fence}`,
    fix: "Replace the placeholder with a realistic JSON body.",
  },
  DT148: {
    meaning:
      "A ``` code fence is opened and never closed, so the rest of the page would read as code; docs2ts closes it where the message says.",
    example: `${fence}http\nGET /widgets/{id}\n\n## Request headers`,
    fix: "Close the code block with a ``` line right after its content.",
  },
  DT200: {
    meaning: "A `[!INCLUDE ...]` line names a file that is not in the docs set, so its content is not read.",
    example: "[!INCLUDE [permissions](../includes/permissions/widget-get-permissions.md)]",
    fix: "Add the included file to the docs set, or correct the path of the include.",
  },
  DT201: {
    meaning: "A Type cell names a type that no page of the docs set documents; the member is typed `unknown`.",
    example:
      "| Property | Type | Description |\n|:--|:--|:--|\n| shape | [widgetShape](widgetshape.md) | The shape. |\n(with no widgetShape page)",
    fix: "Add the resource or enum page of the type, or correct the type's name or link in the cell.",
  },
  DT202: {
    meaning: "A type has no resource page; its members were read from the Request body table of an API page instead.",
    example:
      "# Create widgetRun\n## Request body\n| Parameter | Type | Description |\n(with no widgetRun resource page)",
    fix: "Add a resource page for the type with its Properties table.",
  },
  DT203: {
    meaning: "Two pages document the same type; their members were merged, the page with more rows leading.",
    example: "resources/widget.md and resources/widget-v2.md both titled `# widget resource type`",
    fix: "Keep one resource page per type, and link to it from the other.",
  },
  DT204: {
    meaning:
      "The base type a type inherits from (by `baseType` or an `Inherits from` sentence) is not documented; the type is emitted without its base.",
    example:
      '<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget", "baseType": "microsoft.graph.gadget" } -->\n(with no gadget page)',
    fix: "Add the base type's resource page, or correct the base type's name.",
  },
  DT205: {
    meaning: "An API page's table types a property differently from the type's resource page; the resource page wins.",
    example: "widget.md: | size | Int32 |   widget-update.md: | size | String |",
    fix: "Make the two tables agree on the property's type.",
  },
  DT206: {
    meaning: "Two pages document the same enum; the first in path order is used.",
    example: "resources/widgetcolor.md and resources/enums.md both with `# widgetColor values`",
    fix: "Keep one page per enum.",
  },
  DT207: {
    meaning:
      "A resource or enum page names no type (no `@odata.type` annotation and no `x resource type` or `x values` title), so its tables are not used.",
    example: "---\ndoc_type: resourcePageType\n---\n# Widgets\n## Properties",
    fix: "Title the page `# widget resource type` (or `# widgetColor values`), or add the JSON representation's annotation with `@odata.type`.",
  },
  DT208: {
    meaning:
      "A Request body table lists a member the type's resource page does not have; the resource page defines the type.",
    example: "widget-update.md: | colour | String |   (widget.md has `color`, no `colour`)",
    fix: "Correct the member's name, or add it to the resource page's Properties table.",
  },
  DT209: {
    meaning:
      "Base types form a cycle (a inherits from b, which inherits from a); the cycle is broken at its first type in name order.",
    example:
      '"@odata.type": "microsoft.graph.a", "baseType": "microsoft.graph.b"  and  "@odata.type": "microsoft.graph.b", "baseType": "microsoft.graph.a"',
    fix: "Correct the base type of one of the types so that inheritance ends.",
  },
  DT210: {
    meaning:
      "The operation had no usable HTTP request line; its path was recovered from an example request or another page.",
    example: "## HTTP request\n(empty block)\n...\nGET https://graph.microsoft.com/v1.0/widgets/1",
    fix: "Write the HTTP request block: `GET /widgets/{id}`.",
  },
  DT211: {
    meaning: "The operation has no HTTP request line and nothing in the docs set gives its path, so it is not emitted.",
    example: "# Get widget\n## HTTP request\n(none, and no example request)",
    fix: "Add the HTTP request block with the operation's path.",
  },
  DT212: {
    meaning: "Two pages document the same method and path; the first in path order defines its types.",
    example: "api/widget-get.md and api/widget-get-v2.md both with `GET /widgets/{id}`",
    fix: "Document each operation on one page; remove or correct the other path.",
  },
  DT213: {
    meaning: "The Response section names no documented type, so the operation's result is typed `unknown`.",
    example: "## Response\nIf successful, this method returns a `200 OK` response code and the widget in the body.",
    fix: "Name the type with a link: `returns a 200 OK response code and a [widget](../resources/widget.md) object in the response body.`",
  },
  DT214: {
    meaning:
      "A path has a segment the generated client cannot address (such as an unbalanced parenthesis or a bare `{`), so the path is not emitted.",
    example: `${fence}http\nGET /widgets/{id/parts\n${fence}`,
    fix: "Correct the segment: close the placeholder braces and parentheses.",
  },
  DT215: {
    meaning: "A path holds a concrete key where a placeholder belongs; it is read as a key.",
    example: `${fence}http\nGET /widgets/48d31887-5fad-4d73-a9f5-3c356e68a038\n${fence}`,
    fix: "Write the placeholder: `GET /widgets/{id}`.",
  },
  DT216: {
    meaning:
      "An example's URL matches no path of its own page's operation, but matches another page's operation, and is tested against that one.",
    example: "widget-get.md: syntax `GET /widgets/{id}`, example `GET https://graph.microsoft.com/v1.0/me/widgets/1`",
    fix: "Add the path to the page's HTTP request block, or correct the example's URL.",
  },
  DT217: {
    meaning:
      "An example's URL extends a path of the operation with segments no syntax line lists; the operation takes that longer path too.",
    example: "syntax `GET /widgets/{id}`, example `GET https://graph.microsoft.com/v1.0/widgets/1/parts/2`",
    fix: "Add the longer path to the HTTP request block, or correct the example's URL.",
  },
  DT220: {
    meaning: "An example's URL matches no path of its operation, so its test cannot be built from the builders.",
    example: "syntax `GET /widgets/{id}`, example `GET https://graph.microsoft.com/v1.0/gadgets/1`",
    fix: "Correct the example's URL, or add its path to the HTTP request block.",
  },
  DT221: {
    meaning: "An example request body is a JSON array where the operation takes one object.",
    example: `${fence}http\nPOST https://graph.microsoft.com/v1.0/widgets\n\n[ { "name": "a" } ]\n${fence}`,
    fix: "Send one object, or document the operation as taking a collection.",
  },
  DT222: {
    meaning:
      "An example body holds placeholder values (`string`, `String (identifier)`, `<id>`) instead of sample data.",
    example: '{ "id": "String (identifier)", "name": "string" }',
    fix: "Replace the placeholders with realistic values.",
  },
  DT223: {
    meaning: "An example response wraps its body in `value` although the operation returns one object.",
    example: '{ "value": [ { "id": "1" } ] }   (for `GET /widgets/{id}`, which returns one widget)',
    fix: "Show the one object as the body, without `value`; or, if the operation returns a collection, say so in the Response section.",
  },
  DT224: {
    meaning:
      "The example gets no generated test; the message says why (another diagnostic at the example usually names the defect).",
    example: "an example whose request URL matches no path of its operation",
    fix: "Fix the defect the message names; the example is then tested.",
  },
  DT225: {
    meaning: "A GET or DELETE example request has a body, which such a request does not send; the test leaves it out.",
    example: `${fence}http\nGET https://graph.microsoft.com/v1.0/widgets/1\nContent-type: application/json\n\n{ "id": "1" }\n${fence}`,
    fix: "Remove the body, or correct the method if the request is meant to send one.",
  },
  DT226: {
    meaning:
      "An example body (request or response) has a member that the type of the body does not have, so the body does not match the documented type.",
    example: `## Properties\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n...\n<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->\n${fence}http\nHTTP/1.1 200 OK\n\n{ "name": "a", "colour": "red" }\n${fence}`,
    fix: "Correct the member's name in the example (a typo, old casing), or add the member to the type's Properties table.",
  },
  DT227: {
    meaning:
      "An example body gives a member a JSON value of another type than its Properties table says (a string for an Int32, an object for a String).",
    example: '| size | Int32 | The size. |   with the example   { "size": "12" }',
    fix: "Write the value with the documented JSON type (`12`), or correct the Type cell.",
  },
  DT228: {
    meaning: "An example body gives an enum member a value that is not one of the enum's documented values.",
    example: '| color | widgetColor |   (values red, green)   with the example   { "color": "blue" }',
    fix: "Use a documented value in the example, or add the value to the enum's page.",
  },
  DT229: {
    meaning: "A create or update example sets a member the Properties table marks read-only.",
    example: '| id | String | Read-only. |   with `POST /widgets` and the body   { "id": "1", "name": "a" }',
    fix: "Leave the read-only member out of the request body, or correct the table if it can be set.",
  },
  DT230: {
    meaning: "An example response's status differs from the status the Response section names.",
    example: "## Response\nreturns a `201 Created` response code ...\n\nHTTP/1.1 200 OK",
    fix: "Make the example's status line and the Response section agree.",
  },
  DT231: {
    meaning: "An example response's annotation names another type than the Response section.",
    example:
      '## Response\nreturns a [widget](../resources/widget.md) object\n<!-- { "blockType": "response", "@odata.type": "microsoft.graph.gadget" } -->',
    fix: "Make the annotation's `@odata.type` and the Response section name the same type.",
  },
  DT232: {
    meaning: "The operation returns a collection, but the example response has no `value` array.",
    example:
      '## Response\nreturns a collection of [widget](../resources/widget.md) objects\n\nHTTP/1.1 200 OK\n\n{ "id": "1" }',
    fix: 'Wrap the items in `{ "value": [ ... ] }`, as the service returns them.',
  },
  DT233: {
    meaning:
      "An example response is marked `truncated` in its annotation, so it shows part of the body; it is tested as documented.",
    example: '<!-- { "blockType": "response", "truncated": true } -->',
    fix: "Nothing needs fixing; show the whole body and drop `truncated` for a complete test.",
  },
  DT234: {
    meaning: "A relative link points to a page that is not in the docs set.",
    example: "Inherits from [gadget](gadget.md).   (with no gadget.md beside the page)",
    fix: "Correct the link's path, or add the page it names.",
  },
  DT235: {
    meaning: "Two examples use the same name in their annotations, so their tests would collide.",
    example: '<!-- { "blockType": "request", "name": "get_widget" } -->  twice in the docs set',
    fix: "Give each example a name of its own.",
  },
  DT236: {
    meaning: "An example request body leaves out a parameter its Request body table marks required.",
    example: '| name | String | Required. |   with the example body   { "size": 1 }',
    fix: "Add the required parameter to the example, or correct the table if it is optional.",
  },
  DT237: {
    meaning:
      'A member appears in the resource\'s JSON representation but in no Properties or Relationships table; its type is read from the sample (`{"@odata.type": ...}`, `"String (timestamp)"`).',
    example: `## JSON representation\n${fence}json\n{ "owner": {"@odata.type": "microsoft.graph.identitySet"} }\n${fence}\n## Properties\n| Property | Type | Description |\n| name | String | The name. |`,
    fix: "Add a row for the member to the Properties (or Relationships) table, or remove it from the JSON representation if the type has no such member.",
  },
  DT238: {
    meaning:
      "A Type cell names no known type, or says one object where the JSON representation shows an array (or the reverse for a primitive); the type is read as the representation shows it.",
    example:
      '| system | [systemFacet][] | ... |   (no [systemFacet]: link)\n"system": { "@odata.type": "microsoft.graph.systemFacet" }',
    fix: "Make the Type cell and the JSON representation agree: link the type's page, and write `collection` where the member holds many.",
  },
  DT239: {
    meaning:
      "A second properties table on a resource page names none of the members the JSON representation lists; it documents something else (such as the fields of a JSON string a member holds) and is not read as members.",
    example:
      "### Properties of a policy definition\n| Property | Type | Description |\n| Version | Integer | Set value of 1. |",
    fix: "Nothing, if the table documents a value's format; otherwise add its members to the JSON representation.",
  },
  DT240: {
    meaning:
      "An API page documents a relationship by its path (`GET /users/{id}/joinedTeams`) that the resource page of the parent type lists in no table; it becomes a navigation property typed by the response.",
    example:
      "api/user-list-joinedteams.md: GET /users/{id}/joinedTeams -> a collection of team\nresources/user.md: no joinedTeams row",
    fix: "Add the relationship to the Relationships table of the parent type's resource page.",
  },
  DT241: {
    meaning:
      "A relationship's Type cell names one object, but the docs address its items by key (`replies/{id}`); it is read as a collection.",
    example:
      "| replies | [chatMessage](chatmessage.md) | Replies for a message. |\nGET /chats/{id}/messages/{id}/replies/{reply-id}",
    fix: "Write `[chatMessage](chatmessage.md) collection` in the Type cell.",
  },
  DT401: {
    meaning:
      "A type is documented under another namespace than the service's metadata gives it; the package exports it under the documented one.",
    example:
      "Namespace: microsoft.graph\n# participant resource type   (the service: microsoft.graph.callRecords.participant)",
    fix: "Correct the `Namespace:` line (and the `@odata.type` of the JSON representation) to the service's namespace.",
  },
  DT402: {
    meaning: "A page documents a type the service's metadata does not have (renamed, removed, or never shipped).",
    example: "# gadget resource type   (no gadget in $metadata)",
    fix: "Rename the type as the service names it, or remove the page if the type is gone.",
  },
  DT403: {
    meaning: "The service's type has a property or navigation property that its pages do not document.",
    example: '$metadata: <Property Name="labels" .../> on widget; resources/widget.md has no labels row',
    fix: "Add a row for the member to the type's Properties or Relationships table.",
  },
  DT404: {
    meaning:
      "A documented member does not exist on the service's type (a typo, a renamed member, or one of another type).",
    example: "| isAzureAadJoined | Boolean | ... |   (the service: isAzureAdJoined)",
    fix: "Spell the member as the service does, or remove the row.",
  },
  DT405: {
    meaning:
      "A member's documented type is not the service's (another type, one object for a collection, a string for a number).",
    example: "| weight | String | The weight. |   (the service: Edm.Double)",
    fix: "Correct the Type cell (and the JSON representation) to the service's type.",
  },
  DT406: {
    meaning: "The service's enum has a member the docs leave out.",
    example: '$metadata: <Member Name="large"/>; the enum table lists small only',
    fix: "Add the member to the enum's table.",
  },
  DT407: {
    meaning: "A documented enum member does not exist in the service's enum.",
    example: "| huge | 2 | Huge. |   (not a member of the service's size enum)",
    fix: "Remove the member, or spell it as the service does.",
  },
  DT408: {
    meaning:
      "A documented path does not resolve against the service's metadata: a segment is no entity set, singleton, member, cast or bound operation of what the segments before it reach.",
    example: "POST /widgets/{id}/shine   (widget has no shine action in $metadata)",
    fix: "Correct the path to the service's (a member's or action's name, a missing key), or report the missing operation to the service's owners.",
  },
  DT301: {
    meaning:
      "Two documented names would be emitted as the same TypeScript name; the second got another name, which the message gives.",
    example: "`widget_run` and `widgetRun` both as `WidgetRun`",
    fix: "Nothing needs fixing if the emitted name suits you; else rename one of the documented names.",
  },
};

/** `docs2ts explain CODE`: the code's message, meaning, an example and the fix; undefined for no such code. */
export function explainCode(code: string): string | undefined {
  const normalized = code.trim().toUpperCase();
  const definition = definitionsByCode.get(normalized);
  const explanation = explanations[normalized];
  if (!definition || !explanation) return undefined;
  const indent = (text: string): string =>
    text
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n");
  return [
    `${definition.code} (${definition.severity}): ${definition.message.replace(/\{\d+\}/g, "…")}`,
    "",
    `What it means: ${explanation.meaning}`,
    "",
    "A page that triggers it:",
    indent(explanation.example),
    "",
    `How to fix the page: ${explanation.fix}`,
    "",
  ].join("\n");
}
