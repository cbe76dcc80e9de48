/**
 * Test helper process: starts a session on the project given as argv[2], prints the VM's
 * OS pid on stdout, then waits to be killed (tests check the VM does not outlive it).
 */
import { createSession } from '../../src/core/session';

const projectRoot = process.argv[2];
if (!projectRoot) throw new Error('usage: hold-session.ts PROJECT');
const session = createSession({ projectRoot, watchSources: false });
await session.start();
process.stdout.write(`${session.hello?.os_pid ?? ''}\n`);
setInterval(() => undefined, 60_000);
