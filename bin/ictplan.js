#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that no build step is needed after `npm ci`.
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts").main();
