#!/usr/bin/env node
// Runs the CLI from build/cli/main.js, the bundle `npm ci` builds (scripts/build-cli.ts), while every file it was
// built from is as it was then; otherwise from the TypeScript sources through tsx, so that an edit to src/ takes
// effect at once and no build step is ever needed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");

/**
 * True when the bundle, the draw thread's bundle and every file recorded in build/cli/inputs.json have the size and
 * mtime recorded.
 */
function bundleIsCurrent() {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(root, "build", "cli", "inputs.json"), "utf8"));
  } catch {
    return false;
  }
  const same = (file, size, mtimeMs) => {
    const s = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    return s !== undefined && s.size === size && s.mtimeMs === mtimeMs;
  };
  return (
    Array.isArray(inputs.bundle) &&
    Array.isArray(inputs.worker) &&
    Array.isArray(inputs.files) &&
    inputs.files.length > 0 &&
    same("build/cli/main.js", inputs.bundle[0], inputs.bundle[1]) &&
    same("build/cli/drawWorker.js", inputs.worker[0], inputs.worker[1]) &&
    inputs.files.every((f) => Array.isArray(f) && same(f[0], f[1], f[2]))
  );
}

if (bundleIsCurrent()) {
  // ICTPLAN_DEBUG prints the stack of an unexpected error: with the source map it names the TypeScript lines.
  if (process.env.ICTPLAN_DEBUG) process.setSourceMapsEnabled(true);
  require("../build/cli/main.js").main();
} else {
  require("tsx/cjs");
  require("../src/cli/main.ts").main();
}
