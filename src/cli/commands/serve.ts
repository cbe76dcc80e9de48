/**
 * `mixscope serve [--port N]`: the headless mode, the UI over HTTP + WebSocket on 127.0.0.1.
 */
import { parseCommandArgs, parsePositiveInt } from '../args';
import { EXIT, untilAborted, type CliCommand } from '../command';

/** The `serve` command. */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis: '[--port N]',
  summary: 'Serve the UI to a browser on 127.0.0.1; print its URL (with token) until SIGINT',
  details: [
    'The URL carries a random token; open it in a browser, or through an SSH tunnel',
    '(ssh -L N:127.0.0.1:N host) to inspect a project on a remote machine.',
    'Needs the renderer built first (npm run build:renderer).',
  ],
  async run(ctx, args) {
    const { values } = parseCommandArgs(
      'serve',
      args,
      { port: { type: 'string' } },
      { min: 0, max: 0, names: '[--port N]' },
    );
    const port = values.port === undefined ? 0 : parsePositiveInt(values.port, '--port');
    // Loaded on demand: the other commands need neither HTTP nor WebSocket code.
    const { startServer } = await import('../../server/serve');
    const server = await startServer({ projectRoot: ctx.projectRoot, port });
    try {
      ctx.out(`${server.url}\n`);
      await untilAborted(ctx.signal);
    } finally {
      await server.close();
    }
    return EXIT.ok;
  },
};
