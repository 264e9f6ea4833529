#!/usr/bin/env node
// Compiles the Solidity sources with Hardhat and generates web3j wrappers from the artifacts.
// Called by the contracts Maven module during generate-sources:
//   node scripts/generate-wrappers.js --java <java> --classpath <web3j codegen class path>
//        --abi-dir <dir> --out <java source dir> --package <java package> --errors-out <json file>
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) {
      throw new Error(`bad argument list near ${argv[i]}`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ["java", "classpath", "abi-dir", "out", "package", "errors-out"]) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  return args;
}

// Every deployable contract under contracts/src (test-only ones included: the devnet deploys them).
function deployableArtifacts(artifactsRoot) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
        const artifact = JSON.parse(fs.readFileSync(full, "utf8"));
        if (artifact.bytecode && artifact.bytecode !== "0x") found.push(artifact);
      }
    }
  };
  walk(artifactsRoot);
  const names = new Set();
  for (const a of found) {
    if (names.has(a.contractName)) throw new Error(`two contracts named ${a.contractName}`);
    names.add(a.contractName);
  }
  return found.sort((a, b) => a.contractName.localeCompare(b.contractName));
}

// Selector -> custom error, so that Java can name a revert instead of printing its raw bytes.
function writeErrorTable(artifacts, file) {
  const { id } = require("ethers");
  const errors = {};
  for (const artifact of artifacts) {
    for (const item of artifact.abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      errors[id(signature).slice(0, 10)] = {
        name: item.name,
        inputs: item.inputs.map((i) => ({ name: i.name, type: i.type })),
      };
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(errors, null, 1));
}

// javac fails on warnings; web3j's unchecked casts in generated code are its own, so they are suppressed there.
function fenceOffWarnings(javaFile) {
  const source = fs.readFileSync(javaFile, "utf8");
  const marker = /^@SuppressWarnings\("rawtypes"\)$/m;
  if (!marker.test(source)) throw new Error(`${javaFile}: no @SuppressWarnings("rawtypes") to widen`);
  fs.writeFileSync(javaFile, source.replace(marker, '@SuppressWarnings({"rawtypes", "unchecked"})'));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const hardhat = path.join(ROOT, "node_modules", ".bin", "hardhat");
  if (!fs.existsSync(hardhat)) {
    throw new Error("npm packages are missing: run `npm install` in the repository root (./hermes does it)");
  }
  execFileSync(hardhat, ["compile", "--quiet"], { cwd: ROOT, stdio: "inherit" });

  const artifacts = deployableArtifacts(path.join(ROOT, "build", "artifacts", "contracts", "src"));
  fs.mkdirSync(args["abi-dir"], { recursive: true });
  for (const artifact of artifacts) {
    const base = path.join(args["abi-dir"], artifact.contractName);
    fs.writeFileSync(`${base}.abi`, JSON.stringify(artifact.abi));
    fs.writeFileSync(`${base}.bin`, artifact.bytecode.replace(/^0x/, ""));
    execFileSync(
      args.java,
      [
        "-cp", args.classpath,
        "org.web3j.codegen.SolidityFunctionWrapperGenerator",
        "-a", `${base}.abi`, "-b", `${base}.bin`,
        "-o", args.out, "-p", args.package,
      ],
      { stdio: "pipe" },
    );
    fenceOffWarnings(path.join(args.out, ...args.package.split("."), `${artifact.contractName}.java`));
  }
  writeErrorTable(artifacts, args["errors-out"]);
  console.log(`web3j wrappers generated for ${artifacts.map((a) => a.contractName).join(", ")}`);
}

try {
  main();
} catch (e) {
  if (e.stderr && e.stderr.length) process.stderr.write(e.stderr);
  console.error(`generate-wrappers: ${e.message}`);
  process.exit(1);
}
