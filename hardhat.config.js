// Hardhat 2 project: Solidity in contracts/src, tests in contracts/test.
// Compiles offline: the compiler comes from the npm "solc" package pinned in package.json.
require("@nomicfoundation/hardhat-ethers");
require("@nomicfoundation/hardhat-chai-matchers");
const path = require("path");
const { subtask } = require("hardhat/config");
const { HardhatPluginError } = require("hardhat/plugins");
const {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_COMPILE_SOLIDITY_CHECK_ERRORS,
} = require("hardhat/builtin-tasks/task-names");

const SOLC_VERSION = require("solc/package.json").version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) {
    throw new Error(`only solc ${SOLC_VERSION} (npm "solc") is available offline, asked for ${args.solcVersion}`);
  }
  return {
    compilerPath: path.join(path.dirname(require.resolve("solc/package.json")), "soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: require("solc").version(),
  };
});

// solc 2394: tstore in OpenZeppelin's TransientSlot (ReentrancyGuardTransient), cleared at the end of each call.
const ACCEPTED_WARNINGS = new Set(["2394"]);

// Hardhat 2 has no warnings-as-errors setting: a new compiler warning fails the compile like an error.
subtask(TASK_COMPILE_SOLIDITY_CHECK_ERRORS, async (args, hre, runSuper) => {
  await runSuper(args);
  const warnings = (args.output.errors ?? []).filter(
    (e) => e.severity === "warning" && !ACCEPTED_WARNINGS.has(e.errorCode),
  );
  if (warnings.length > 0) {
    for (const w of warnings) console.error(w.formattedMessage ?? w.message);
    throw new HardhatPluginError("hermes", `solc reported ${warnings.length} warning(s); warnings fail the build`);
  }
});

module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  },
  paths: {
    sources: "./contracts/src",
    tests: "./contracts/test",
    cache: "./build/hardhat-cache",
    artifacts: "./build/artifacts",
  },
  mocha: { timeout: 120000 },
};
