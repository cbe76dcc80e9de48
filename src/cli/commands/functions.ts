/**
 * `mixscope functions MODULE`: the functions of one module as JSON.
 */
import { parseCommandArgs } from '../args';
import { EXIT, printJson, type CliCommand } from '../command';

/** The `functions` command. */
export const functionsCommand: CliCommand = {
  name: 'functions',
  synopsis: 'MODULE',
  summary: "List a module's functions: name, arity, kind, line, doc, spec (JSON array)",
  details: ['MODULE is named as Elixir prints it: MyApp.Accounts, or :crypto for Erlang ones.'],
  async run(ctx, args) {
    const { positionals } = parseCommandArgs(
      'functions',
      args,
      {},
      {
        min: 1,
        max: 1,
        names: 'MODULE',
      },
    );
    const mod = (positionals[0] as string).replace(/^Elixir\./, '');
    printJson(ctx, await ctx.withSession((session) => session.functions(mod)));
    return EXIT.ok;
  },
};
