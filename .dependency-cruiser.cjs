/** Layering rules: core is the domain and its adapters; it never reaches into the HTTP
 * layer, the Lambda handlers or the infrastructure. */
module.exports = {
  forbidden: [
    {
      name: "core-not-to-functions-or-stacks",
      severity: "error",
      comment: "packages/core must not import packages/functions or stacks",
      from: { path: "^packages/core" },
      to: { path: "^(packages/functions|stacks)" },
    },
    {
      name: "functions-not-to-stacks",
      severity: "error",
      comment: "runtime code must not import infrastructure definitions",
      from: { path: "^packages/functions" },
      to: { path: "^stacks" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: true,
    exclude: { path: "node_modules" },
  },
};
