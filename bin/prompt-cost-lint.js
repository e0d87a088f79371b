#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in the bundle built by `npm run build`; dist/cli-entry.js loads it
// with V8's code cache.
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('prompt-cost-lint: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
const entry = path.join(__dirname, '..', 'dist', 'cli-entry.js');
require(fs.existsSync(entry) ? entry : bundle).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`prompt-cost-lint: internal error: ${err && err.stack || err}\n`); process.exitCode = 2; },
);
