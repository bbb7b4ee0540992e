// Runs the tests of every documented example; test/examples/<page>.ts holds those of one page.
import "./examples/intune-devicecompliancescriptdevicestate-create.js";
import "./examples/intune-devicecompliancescriptdevicestate-delete.js";
import "./examples/intune-devicecompliancescriptdevicestate-get.js";
import "./examples/intune-devicecompliancescriptdevicestate-list.js";
import "./examples/update-devicerunstates.js";
