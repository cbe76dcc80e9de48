/**
 * `mixscope serve [--port N] [--token T]`: the headless mode, the UI over HTTP + WebSocket on
 * 127.0.0.1.
 */
import { parseCommandArgs, parsePositiveInt, UsageError } from '../args';
import { EXIT, untilAborted, type CliCommand } from '../command';

/** The `serve` command. */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis: '[--port N] [--token T]',
  summary: 'Serve the UI to a browser on 127.0.0.1; print its URL (with token) until SIGINT',
  details: [
    'The URL carries a random token; open it in a browser, or through an SSH tunnel',
    '(ssh -L N:127.0.0.1:N host) to inspect a project on a remote machine.',
    'With --port and --token fixed, a restarted server picks up pages left open (they',
    'reconnect by themselves). A token is 16 to 256 letters, digits, - or _.',
    'Needs the renderer built first (npm run build:renderer).',
  ],
  async run(ctx, args) {
    const { values } = parseCommandArgs(
      'serve',
      args,
      { port: { type: 'string' }, token: { type: 'string' } },
      { min: 0, max: 0, names: '[--port N] [--token T]' },
    );
    const token = values.token;
    // The token is all that guards the page: a short or odd one is refused, not weakened.
    if (token !== undefined && !/^[A-Za-z0-9_-]{16,256}$/.test(token)) {
      throw new UsageError('--token must be 16 to 256 letters, digits, - or _');
    }
    const port = values.port === undefined ? 0 : parsePositiveInt(values.port, '--port');
    // Loaded on demand: the other commands need neither HTTP nor WebSocket code.
    const { startServer } = await import('../../server/serve');
    const server = await startServer({ projectRoot: ctx.projectRoot, port, token });
    try {
      ctx.out(`${server.url}\n`);
      await untilAborted(ctx.signal);
    } finally {
      await server.close();
    }
    return EXIT.ok;
  },
};
