#!/usr/bin/env node
// graphsoc <command>: the process entry point for operators. The commands are in cli/program.ts; this
// file runs them against the process's own streams and environment and hands on their exit status.
import { runProgram } from './cli/program.js';

const status = await runProgram(process.argv.slice(2));
// serve and sandbox give none: they run until a signal, and cli/lifecycle.ts sets the status then.
if (status !== undefined) process.exitCode = status;
