/**
 * `mixscope watch`: streams every module event as one JSON line until interrupted.
 */
import { parseCommandArgs } from '../args';
import { EXIT, untilAborted, type CliCommand } from '../command';

/** The `watch` command. */
export const watchCommand: CliCommand = {
  name: 'watch',
  synopsis: '',
  summary: 'Print every module event as one JSON line until SIGINT/SIGTERM',
  details: [
    'Events come from saves through Mixscope, compiles by other processes (mix compile in a',
    'terminal) and the boot compile. Each line is {"seq", "at", "kind", "origin", ...}.',
  ],
  async run(ctx, args) {
    parseCommandArgs('watch', args, {}, { min: 0, max: 0, names: '' });
    await ctx.withSession(async (session) => {
      const subscription = session.onEvent((event) => ctx.out(`${JSON.stringify(event)}\n`));
      try {
        ctx.err('watching; press Ctrl-C to stop\n');
        await untilAborted(ctx.signal);
      } finally {
        subscription.dispose();
      }
    });
    return EXIT.ok;
  },
};
