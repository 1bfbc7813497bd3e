#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that users need no build step.
import { register } from "tsx/esm/api";

register();
const { main, report } = await import("../cli/program.ts");
// An error outside a command's own flow (a stream, a timer) is still said in French, without a stack trace.
const fail = (error) => {
  process.exitCode = report(error);
  process.exit();
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
process.exitCode = await main(process.argv);
