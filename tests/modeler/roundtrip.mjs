// Open and save BPMN files as bpmn.io and Camunda Modeler do: bpmn-moddle's fromXML, then toXML.
// Usage: node roundtrip.mjs OUT_DIR FILE...; writes each saved file to OUT_DIR under its own
// name and prints {"FILE name": ["warning", ...]} as JSON: what the modeler could not read,
// among them the references it drops on save ("unresolved reference").
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

import { BpmnModdle } from "bpmn-moddle";

const [outDir, ...files] = process.argv.slice(2);
const moddle = new BpmnModdle();
const warnings = {};
for (const file of files) {
  const { rootElement, warnings: found } = await moddle.fromXML(await readFile(file, "utf8"));
  warnings[basename(file)] = found.map((warning) => warning.message);
  const { xml } = await moddle.toXML(rootElement, { format: true });
  await writeFile(join(outDir, basename(file)), xml, "utf8");
}
console.log(JSON.stringify(warnings));
