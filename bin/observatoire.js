#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that users need no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/program.ts");
process.exitCode = await main(process.argv);
