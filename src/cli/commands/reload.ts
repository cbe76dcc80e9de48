/**
 * `mixscope reload FILE [--content-file F]`: saves a source file through the agent, compiles
 * what depends on it and loads the result, printing the reload result as JSON.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, parseCommandArgs } from '../args';
import { EXIT, printJson, type CliCommand } from '../command';

/** The `reload` command. */
export const reloadCommand: CliCommand = {
  name: 'reload',
  synopsis: 'FILE [--content-file F]',
  summary: 'Save, compile and load FILE; print {"recompiled": [...]} (exit 1 on compile errors)',
  details: [
    "FILE is relative to the project root. The content saved is the file's current text, or",
    'the text of F (relative to the current directory) with --content-file. On a compile',
    'failure the file keeps the new text, the old code keeps running, and stdout gets',
    '{"error": {"code", "message"}, "diagnostics": [...]} with exit status 1.',
  ],
  async run(ctx, args) {
    const { values, positionals } = parseCommandArgs(
      'reload',
      args,
      { 'content-file': { type: 'string' } },
      { min: 1, max: 1, names: 'FILE [--content-file F]' },
    );
    const file = positionals[0] as string;
    const contentFile = values['content-file'];
    const source =
      contentFile === undefined ? resolve(ctx.projectRoot, file) : resolve(contentFile);
    let content: string;
    try {
      content = await readFile(source, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    printJson(ctx, await ctx.withSession((session) => session.reload(file, content, 'user')));
    return EXIT.ok;
  },
};
