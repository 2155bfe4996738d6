// Validate many .docx files in one Node process with Microsoft's Open XML SDK validator
// (@ooxml-tools/validate, compiled to WebAssembly; offline once installed).
//
//   node tools/ooxml-validate/validate.mjs [--office-version Microsoft365] FILE.docx...
//
// Prints one JSON object: {"FILE.docx": [ {description, path: {xpath, partUri}, id, errorType}, ... ], ...}.
// Loading the validator takes seconds; validating one more file takes a fraction of that, so the
// tests hand every file to one call.
import { readFile } from "fs/promises";
import validate from "@ooxml-tools/validate";

const args = process.argv.slice(2);
let version = "Microsoft365";
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--office-version") version = args[++i];
  else files.push(args[i]);
}
const results = {};
for (const file of files) {
  results[file] = await validate(await readFile(file), "docx", version);
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
