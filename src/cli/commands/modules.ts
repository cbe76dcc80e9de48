/**
 * `mixscope modules`: every module of the project and its path dependencies, as a JSON array.
 */
import { parseCommandArgs } from '../args';
import { EXIT, printJson, type CliCommand } from '../command';

/** The `modules` command. */
export const modulesCommand: CliCommand = {
  name: 'modules',
  synopsis: '',
  summary: 'List every module: name, app, source file, source hash, loaded (JSON array)',
  async run(ctx, args) {
    parseCommandArgs('modules', args, {}, { min: 0, max: 0, names: '' });
    const modules = await ctx.withSession((session) => session.modules());
    printJson(ctx, modules);
    return EXIT.ok;
  },
};
