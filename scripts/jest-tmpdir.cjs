// Jest globalSetup/globalTeardown: cdktf's Testing.app() makes a `cdktf.outdir.*` folder in the
// temp dir for every app and never removes it (thousands a run). The test workers get a temp
// dir of their own, removed after the run; the function-app build cache stays shared across runs.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

async function setup() {
  const shared = os.tmpdir();
  const root = fs.mkdtempSync(path.join(shared, "aic-jest-"));
  const cache = path.join(shared, "azure-integration-cdktf");
  fs.mkdirSync(cache, { recursive: true });
  fs.symlinkSync(cache, path.join(root, "azure-integration-cdktf"), "dir");
  globalThis.__AIC_JEST_TMPDIR__ = { root, previous: process.env.TMPDIR };
  process.env.TMPDIR = root; // workers inherit it; os.tmpdir() reads it
}

async function teardown() {
  const { root, previous } = globalThis.__AIC_JEST_TMPDIR__;
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  // Thousands of folders take a second or two to remove: a detached `rm` does it after Jest has
  // exited (the symlink is removed, not followed).
  const trash = `${root}.removing`;
  fs.renameSync(root, trash);
  spawn("rm", ["-rf", trash], { detached: true, stdio: "ignore" }).unref();
}

module.exports = setup;
module.exports.teardown = teardown;
