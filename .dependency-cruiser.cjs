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
      name: "client-stands-alone",
      severity: "error",
      comment: "packages/client speaks HTTP only: it imports neither the server's code nor the CLI",
      from: { path: "^packages/client/" },
      to: { path: "^(packages/(core|functions|cli)/|stacks/)" },
    },
    {
      name: "cli-through-client",
      severity: "error",
      comment: "packages/cli reaches Rollgate through packages/client (the API), never its code",
      from: { path: "^packages/cli/" },
      to: { path: "^(packages/(core|functions)/|stacks/)" },
    },
    {
      name: "nothing-imports-cli",
      severity: "error",
      comment: "the CLI is a leaf: nothing in packages or stacks depends on it",
      from: { path: "^(packages/(core|functions|client)/|stacks/)" },
      to: { path: "^packages/cli/" },
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
