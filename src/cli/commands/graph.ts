/**
 * `mixscope graph [...]`: the file dependency graph computed in the warm VM. Flags and output
 * (json, dot, cycles, stats, …) are `src/core/graph/graph-command.ts`'s, shared with the UI.
 */
import {
  GRAPH_USAGE,
  GraphArgsError,
  formatGraphOutput,
  parseGraphArgs,
} from '../../core/graph/graph-command';
import { UsageError } from '../args';
import type { CliCommand } from '../command';

/** The `graph` command. */
export const graphCommand: CliCommand = {
  name: 'graph',
  synopsis: '[--format json|dot|cycles|stats|pretty|plain] [--label L] [--source F] [--sink F] ...',
  summary: 'Print the file dependency graph (same edges as mix xref graph) as JSON, DOT, ...',
  details: [
    ...GRAPH_USAGE.split('\n'),
    '',
    'json: {"nodes":[{"id":FILE,"modules":[...]}],"edges":[{"from","to","label"}]}',
    'dot:  what mix xref graph --format dot writes (runtime edges unlabelled).',
    'Exit status 1 when --fail-above is exceeded or a --source/--sink file is unknown.',
  ],
  async run(ctx, args) {
    let options;
    try {
      options = parseGraphArgs(args);
    } catch (error) {
      if (error instanceof GraphArgsError) throw new UsageError(`graph: ${error.message}`);
      throw error;
    }
    if (options.rest.length > 0) {
      throw new UsageError(`graph: unknown argument ${JSON.stringify(options.rest[0])}`);
    }
    const graph = await ctx.withSession((session) => session.dependencyGraph());
    const { stdout, stderr, exitCode } = formatGraphOutput(graph, options);
    ctx.out(stdout);
    if (stderr) ctx.err(stderr);
    return exitCode;
  },
};
