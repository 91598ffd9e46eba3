// The fault suite (`npm run test:faults`): real guanxi processes killed, restarted and run side by side on one store.
// One file at a time: each test already runs several Node processes on this 2-core machine.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    // Generous (each test runs several Node processes, tsx + PGlite start-up each), but a hang fails in minutes.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
