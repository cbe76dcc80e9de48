/**
 * `mixscope graph [...]`: the file dependency graph computed in the warm VM. Argument parsing
 * and output belong to `src/core/graph/graph-command.ts`; a minimal formatter stands in when
 * that module is absent.
 */
import type { DependencyGraph } from '../../shared/agent-protocol';
import { UsageError } from '../args';
import type { CliCommand } from '../command';

/** The two functions the graph command delegates to. */
interface GraphFormatter {
  parseGraphArgs(argv: string[]): unknown;
  formatGraphOutput(graph: DependencyGraph, options: never): { stdout: string; exitCode: number };
  /** Optional usage text for `mixscope graph --help`. */
  graphUsage?: string;
}

// A variable specifier keeps the type checker from requiring the module to exist.
const FULL_FORMATTER = '../../core/graph/graph-command';

async function loadFormatter(): Promise<GraphFormatter> {
  try {
    return (await import(/* @vite-ignore */ FULL_FORMATTER)) as GraphFormatter;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String((error as Error).message).includes('graph-command');
    // Only the module itself being absent means "use the fallback"; a broken import inside it
    // must surface.
    if (!missing) throw error;
    return (await import('../graph-fallback')) as unknown as GraphFormatter;
  }
}

/** The `graph` command. */
export const graphCommand: CliCommand = {
  name: 'graph',
  synopsis: '[--format json|dot|cycles|stats] [--label compile|export|runtime] [...]',
  summary: 'Print the file dependency graph (same edges as mix xref graph) as JSON or DOT',
  details: [
    'json: {"nodes":[{"id":FILE,"modules":[...]}],"edges":[{"from","to","label"}]}',
    'dot:  what mix xref graph --format dot writes (runtime edges unlabelled).',
  ],
  async run(ctx, args) {
    const formatter = await loadFormatter();
    let options: unknown;
    try {
      options = formatter.parseGraphArgs(args);
    } catch (error) {
      throw new UsageError(`graph: ${(error as Error).message}`);
    }
    const graph = await ctx.withSession((session) => session.dependencyGraph());
    const { stdout, exitCode } = formatter.formatGraphOutput(graph, options as never);
    ctx.out(stdout);
    return exitCode;
  },
};
