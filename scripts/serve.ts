/**
 * Runs the headless server on a project (the demo by default) until interrupted:
 * `node --import tsx scripts/serve.ts [PROJECT] [--port N]`. What `npm start` falls back to.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoProjectRoot } from '../src/core/paths';
import { startServer } from '../src/server/serve';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' } },
});
const projectRoot = positionals[0] ? resolve(positionals[0]) : demoProjectRoot();
const port = values.port === undefined ? undefined : Number(values.port);

const server = await startServer({ projectRoot, ...(port === undefined ? {} : { port }) });
console.log(`Mixscope is serving ${projectRoot}`);
console.log(`Open ${server.url}`);
void server.ready.then(() => console.log(`VM ${server.host.projectRoot}: ready`));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the VM and the server…');
    void server.close().then(() => process.exit(0));
  });
}
