#!/usr/bin/env node
// Runs the forge binary shipped in node_modules from the repository root, offline, with the
// project's solc wrapper. Usage: node scripts/forge.js <forge args>, e.g. `node scripts/forge.js test`.
// CI=true selects the "ci" profile unless FOUNDRY_PROFILE is already set.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const fs = require("fs");

const root = path.resolve(__dirname, "..");
const forge = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "forge.cmd" : "forge");
if (!fs.existsSync(forge)) {
  console.error("forge is not installed; run `npm install` (or ./hermes build) first");
  process.exit(1);
}

const env = { ...process.env };
if (!env.FOUNDRY_PROFILE && /^(1|true)$/i.test(env.CI || "")) env.FOUNDRY_PROFILE = "ci";
env.FOUNDRY_OFFLINE = "true";
// forge would otherwise try to reach the network for the solc list and for telemetry-like checks.
env.FOUNDRY_DISABLE_NIGHTLY_WARNING = "1";

const result = spawnSync(forge, process.argv.slice(2), { cwd: root, env, stdio: "inherit" });
if (result.error) {
  console.error(result.error.message);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
