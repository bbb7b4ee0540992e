import assert from "node:assert/strict";
import { test } from "node:test";
import { camelCase, kebabCase, NameScope, pascalCase, propertyKey, safeTypeName } from "../../src/emit/names.js";

test("documented names become TypeScript names", () => {
  assert.equal(pascalCase("deviceComplianceScriptDeviceState"), "DeviceComplianceScriptDeviceState");
  assert.equal(pascalCase("microsoft.graph.delta"), "MicrosoftGraphDelta");
  assert.equal(pascalCase("3dModel"), "_3dModel");
  assert.equal(camelCase("id | userPrincipalName"), "idUserPrincipalName");
  assert.equal(kebabCase("DeviceComplianceScriptDeviceState"), "device-compliance-script-device-state");
  assert.equal(kebabCase("IPv6Range"), "i-pv6-range");
});

test("global type names are not shadowed", () => {
  assert.equal(safeTypeName("date"), "DateType");
  assert.equal(safeTypeName("error"), "ErrorType");
  assert.equal(safeTypeName("user"), "User");
});

test("properties are quoted only when they must be", () => {
  assert.equal(propertyKey("displayName"), "displayName");
  assert.equal(propertyKey("@odata.type"), '"@odata.type"');
  assert.equal(propertyKey("x-ms-header"), '"x-ms-header"');
});

test("a scope hands out each name once, ignoring case", () => {
  const scope = new NameScope(["index"]);
  assert.equal(scope.claim("User"), "User");
  assert.equal(scope.claim("user"), "user2");
  assert.equal(scope.claim("Index"), "Index2");
});
