/**
 * The process entry of the CLI: wires `main` to the real stdout/stderr and signals, and exits
 * once stdout has drained (exiting earlier can cut off a large JSON document on a pipe).
 */
import { main } from './main';

/** Runs the CLI for this process and exits with its status. */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      // A second Ctrl-C means now: the exit hook still kills the VM's process group.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `mixscope watch | head` closes the pipe: stop quietly rather than crash.
    if (error.code === 'EPIPE') controller.abort();
  });
  const status = await main(argv, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    signal: controller.signal,
  });
  process.stdout.write('', () => process.exit(status));
}
