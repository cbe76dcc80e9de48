#!/usr/bin/env node
// The `mixscope` command: runs the TypeScript CLI through tsx's loader, so no build step is
// needed between editing the sources and running the command.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/run.ts');
await runCli();
