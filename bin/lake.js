#!/usr/bin/env node
// Entry point of the `lake` CLI: runs the TypeScript sources through tsx,
// so the CLI needs no build step.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- node runs this file as CommonJS */

// The AWS SDK warns on every run that releases after January 2027 need
// Node 22. The project supports Node 20 until then, so the warning tells an
// operator nothing they can act on; set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

require("tsx/cjs/api").register();
const { main } = require("../cli/main.ts");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `lake failed unexpectedly; this is a bug:\n${error.stack ?? error}\n`,
    );
    process.exitCode = 1;
  },
);
