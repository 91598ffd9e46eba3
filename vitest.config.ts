import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Real processes killed and restarted: `npm run test:faults` (vitest.faults.config.ts), run by CI after these.
    exclude: [...configDefaults.exclude, "tests/faults/**"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WebAssembly; two cores run two files at once without starving either.
    maxWorkers: 2,
  },
});
