/**
 * The `mixscope graph` command's flags and output, with `mix xref graph`'s meaning.
 *
 * `parseGraphArgs` reads the flags, `formatGraphOutput` answers them from a dependency graph.
 * Both are pure (no I/O), so the CLI, the server and tests share them.
 *
 * Differences from Mix, all deliberate: `dot` is printed rather than written to
 * `xref_graph.dot`; `json` is ours (Mix 1.14 has none); error texts come without Mix's
 * `** (Mix)` prefix; and `cycles` may pick other cycles than Mix's `:digraph` (see
 * `shared/graph/cycles.ts`), covering the same files. `--group` is not supported.
 */
import type { DependencyGraph } from '../../shared/agent-protocol';
import { indexGraph, queryGraph, XrefQueryError, type XrefLabel } from '../../shared/graph';
import {
  cyclesOf,
  formatCycles,
  formatDot,
  formatJson,
  formatStats,
  formatTree,
} from './graph-format';

/** Output formats: ours (`json`) and Mix's (`dot`, `cycles`, `stats`, `pretty`, `plain`). */
export const GRAPH_FORMATS = ['json', 'dot', 'cycles', 'stats', 'pretty', 'plain'] as const;
/** One of `GRAPH_FORMATS`. */
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Labels `--label` accepts. */
export const GRAPH_LABELS: readonly XrefLabel[] = [
  'compile',
  'export',
  'runtime',
  'compile-connected',
];

/** Parsed `graph` flags. */
export interface GraphOptions {
  format: GraphFormat;
  label?: XrefLabel;
  sources: string[];
  sinks: string[];
  exclude: string[];
  onlyDirect: boolean;
  onlyNodes: boolean;
  /** `--fail-above N`: exit 1 when the edge count (cycle count for `cycles`) exceeds N. */
  failAbove?: number;
  /** `--min-cycle-size N`: keep cycles longer than N (for `cycles` and `stats`). */
  minCycleSize?: number;
}

/** What the command prints and the exit status it ends with. */
export interface GraphOutput {
  stdout: string;
  /** Error text, empty when there is none (an unknown file, a refused flag, `--fail-above`). */
  stderr: string;
  exitCode: number;
}

/** A flag the command does not accept or a value it cannot use. */
export class GraphArgsError extends Error {
  override name = 'GraphArgsError';
}

/** The `graph` flags, for `--help`. */
export const GRAPH_USAGE = `graph [--format json|dot|cycles|stats|pretty|plain]
      [--label compile|export|runtime|compile-connected] [--only-direct]
      [--source FILE]... [--sink FILE]... [--exclude FILE]... [--only-nodes]
      [--fail-above N] [--min-cycle-size N]
  Same meaning as mix xref graph; FILEs are relative to the project root.`;

/**
 * Reads `graph` flags (`--flag value` or `--flag=value`).
 *
 * Arguments it does not know are returned in `rest` so the caller can take its own (such as
 * `--project`) and reject the others.
 */
export function parseGraphArgs(argv: readonly string[]): GraphOptions & { rest: string[] } {
  const options: GraphOptions & { rest: string[] } = {
    format: 'json',
    sources: [],
    sinks: [],
    exclude: [],
    onlyDirect: false,
    onlyNodes: false,
    rest: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new GraphArgsError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
          throw new GraphArgsError(`Unknown --format ${format} (${GRAPH_FORMATS.join('|')})`);
        }
        options.format = format as GraphFormat;
        break;
      }
      case '--label': {
        const label = value();
        if (!(GRAPH_LABELS as readonly string[]).includes(label)) {
          throw new GraphArgsError(`Unknown --label ${label} (${GRAPH_LABELS.join('|')})`);
        }
        options.label = label as XrefLabel;
        break;
      }
      case '--source':
        options.sources.push(value());
        break;
      case '--sink':
        options.sinks.push(value());
        break;
      case '--exclude':
        options.exclude.push(value());
        break;
      case '--only-direct':
        options.onlyDirect = true;
        break;
      case '--only-nodes':
        options.onlyNodes = true;
        break;
      case '--fail-above':
        options.failAbove = integer(flag, value());
        break;
      case '--min-cycle-size':
        options.minCycleSize = integer(flag, value());
        break;
      default:
        options.rest.push(arg);
    }
  }
  return options;
}

function integer(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new GraphArgsError(`${flag} expects an integer, got ${text}`);
  return Number(text);
}

/** Answers `graph` flags from a dependency graph: the text to print and the exit status. */
export function formatGraphOutput(
  graph: DependencyGraph,
  options: Partial<GraphOptions> = {},
): GraphOutput {
  const index = indexGraph(graph);
  const format = options.format ?? 'json';
  const onlyNodes = options.onlyNodes ?? false;
  let result;
  try {
    result = queryGraph(index, {
      sources: options.sources,
      sinks: options.sinks,
      exclude: options.exclude,
      label: options.label,
      onlyDirect: options.onlyDirect,
    });
  } catch (error) {
    if (error instanceof XrefQueryError)
      return { stdout: '', stderr: error.message + '\n', exitCode: 1 };
    throw error;
  }

  let stdout: string;
  let found: { what: string; count: number } | null = {
    what: 'references',
    count: result.edgeCount,
  };
  switch (format) {
    case 'dot':
      stdout = formatDot(result, onlyNodes);
      break;
    case 'pretty':
    case 'plain':
      stdout = formatTree(result, format === 'pretty', onlyNodes);
      break;
    case 'cycles': {
      const cycles = cyclesOf(result, options.minCycleSize);
      stdout = formatCycles(cycles);
      found = { what: 'cycles', count: cycles.length };
      break;
    }
    case 'stats':
      stdout = formatStats(result, options.minCycleSize);
      found = null;
      break;
    case 'json':
      stdout = formatJson(result, index, onlyNodes);
      break;
  }

  const limit = options.failAbove;
  if (found && limit !== undefined && found.count > limit) {
    const stderr = `Too many ${found.what} (found: ${found.count}, permitted: ${limit})\n`;
    return { stdout, stderr, exitCode: 1 };
  }
  return { stdout, stderr: '', exitCode: 0 };
}
