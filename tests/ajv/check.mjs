// Compiles JSON Schemas with ajv 8 in strict mode and validates records against them, so that tests/unit can check
// the published schemas read the same in ECMA-262 (ajv, the systems that take our records) as in Python (cre).
// Usage: node tests/ajv/check.mjs REQUEST.json, where REQUEST is
//   {"compile": [schema paths], "validate": [{"schema": path, "record": {...}}]}
// Prints {"compile": {path: null or the error}, "validate": [true or false, ...]}.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const read = (path) => JSON.parse(readFileSync(path, "utf8"));
// strict: true turns on every strict check, strictRequired and strictTypes included; union types ("type":
// ["string", "null"]) are how the schemas say an answer may be blank.
const fresh = () => new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });

const compiled = {};
for (const path of request.compile || []) {
  try {
    fresh().compile(read(path));
    compiled[path] = null;
  } catch (error) {
    compiled[path] = String(error.message || error);
  }
}
const validators = new Map();
const validated = (request.validate || []).map(({ schema, record }) => {
  if (!validators.has(schema)) validators.set(schema, fresh().compile(read(schema)));
  return validators.get(schema)(record);
});
process.stdout.write(JSON.stringify({ compile: compiled, validate: validated }));
