// Tests generated from the examples of beta/api/update-devicerunstates.md.
import { test } from "node:test";

test(
  "update_devicerunstates (beta/api/update-devicerunstates.md:81)",
  { skip: "its URL has no path" },
  () => {},
);
