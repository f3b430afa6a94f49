import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    // The contract check: every response an API test sees is checked against /openapi.json.
    setupFiles: ["test/helpers/contract-setup.ts"],
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ROLLGATE_LOG_LEVEL: "SILENT" },
    // Generous: behaviour checks, not timing checks, on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
  },
});
