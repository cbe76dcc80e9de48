/**
 * `mixscope purge MODULE`: drops a module (old and current code) from the VM.
 */
import { parseCommandArgs } from '../args';
import { EXIT, printJson, type CliCommand } from '../command';

/** The `purge` command. */
export const purgeCommand: CliCommand = {
  name: 'purge',
  synopsis: 'MODULE',
  summary: 'Drop a module from the VM, old and current code ({"purged": bool})',
  async run(ctx, args) {
    const { positionals } = parseCommandArgs(
      'purge',
      args,
      {},
      {
        min: 1,
        max: 1,
        names: 'MODULE',
      },
    );
    const mod = (positionals[0] as string).replace(/^Elixir\./, '');
    printJson(ctx, await ctx.withSession((session) => session.purge(mod)));
    return EXIT.ok;
  },
};
