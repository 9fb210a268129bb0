// Jest's runtime, with V8's code cache for module compiles kept per worker. Jest isolates suites,
// so every suite compiles the same cdktf and provider modules (megabytes) again; from the cache
// V8 deserializes instead, about three times faster. Jest compiles through `vm.compileFunction`
// inside an internal class, so the cache wraps that function, once per worker. Keyed by file and
// source hash, a changed file compiles anew; the cache is in memory and ends with the worker.
const vm = require("vm");
const { createHash } = require("crypto");

const compileFunction = vm.compileFunction;
const codeCache = new Map();

vm.compileFunction = function compileFunctionWithCodeCache(code, params, options = {}) {
  if (options.cachedData || options.produceCachedData || typeof options.filename !== "string") return compileFunction(code, params, options);
  const key = `${options.filename}\0${createHash("sha1").update(code).digest("base64")}`;
  const cachedData = codeCache.get(key);
  const compiled = compileFunction(code, params, { ...options, cachedData, produceCachedData: cachedData === undefined });
  if (cachedData === undefined && compiled.cachedData) codeCache.set(key, compiled.cachedData);
  else if (compiled.cachedDataRejected) codeCache.delete(key);
  return compiled;
};

module.exports = require("jest-runtime");
