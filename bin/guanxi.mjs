#!/usr/bin/env node
// `npx guanxi …`: runs the TypeScript sources directly through tsx (no build step to forget).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
// The command has finished and closed its store; a handle left open by a library (a socket, stdin) must not keep the
// process alive with nothing to do — a chat whose store failed would otherwise hang its caller.
setTimeout(() => process.exit(), 2000).unref();
