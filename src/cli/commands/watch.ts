/**
 * `mixscope watch`: streams every module event as one JSON line until interrupted, keeping the
 * VM in step with the files on disk meanwhile (live sync).
 */
import type { Disposable } from '../../core/lifecycle';
import { attachLiveSync } from '../../core/watch/live-sync';
import { parseCommandArgs } from '../args';
import { EXIT, untilAborted, type CliCommand } from '../command';

/** The `watch` command. */
export const watchCommand: CliCommand = {
  name: 'watch',
  synopsis: '[--no-watch-sources] [--no-watch-beams]',
  summary: 'Print every module event as one JSON line until SIGINT/SIGTERM',
  details: [
    'Events come from saves through Mixscope, compiles by other processes (mix compile in a',
    'terminal) and the boot compile. Each line is {"seq", "at", "kind", "origin", ...}.',
    'Source files changed on disk are compiled (origin "watcher") unless --no-watch-sources;',
    'compiles by other OS processes are loaded (origin "external") unless --no-watch-beams.',
  ],
  async run(ctx, args) {
    const { values } = parseCommandArgs(
      'watch',
      args,
      { 'no-watch-sources': { type: 'boolean' }, 'no-watch-beams': { type: 'boolean' } },
      { min: 0, max: 0, names: '' },
    );
    let subscription: Disposable | null = null;
    try {
      await ctx.withSession(
        async (session) => {
          const liveSync = attachLiveSync(session, {
            watchSources: values['no-watch-sources'] !== true,
            watchBeams: values['no-watch-beams'] !== true,
            onError: (error) => {
              if (ctx.verbose) ctx.err(`mixscope: live sync: ${(error as Error).message}\n`);
            },
            onNotice: (text) => ctx.err(`mixscope: live sync: ${text}\n`),
          });
          try {
            await liveSync.ready;
            ctx.err('watching; press Ctrl-C to stop\n');
            await untilAborted(ctx.signal);
          } finally {
            liveSync.dispose();
          }
        },
        {
          // Ends on SIGINT/SIGTERM by design: a clean stop, exit status 0.
          untilSignal: true,
          // Subscribed before the VM starts so the boot compile's events are printed too.
          beforeStart: (session) => {
            subscription = session.onEvent((event) => ctx.out(`${JSON.stringify(event)}\n`));
          },
        },
      );
    } finally {
      (subscription as Disposable | null)?.dispose();
    }
    return EXIT.ok;
  },
};
