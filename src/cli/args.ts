/**
 * Command-line parsing: global options (valid anywhere before `--`), the command name, and the
 * command's own arguments, which each command parses itself.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command line was written; exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Options every command understands. */
export interface GlobalOptions {
  /** `--project DIR`; null means the bundled demo project. */
  project: string | null;
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** `--timeout SECONDS` for agent requests, in milliseconds. */
  timeoutMs: number | null;
}

/** A command line split into its parts. */
export interface ParsedCommandLine {
  global: GlobalOptions;
  command: string | null;
  args: string[];
}

const VALUE_FLAGS = new Set(['--project', '--timeout']);

/** Splits argv (without `node` and the script) into global options, command and its args. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const global: GlobalOptions = {
    project: null,
    verbose: false,
    help: false,
    version: false,
    timeoutMs: null,
  };
  let command: string | null = null;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      // Everything after `--` belongs to the command, even what looks like a global flag.
      args.push(...argv.slice(i + 1));
      break;
    }
    const [flag, inline] = splitInline(arg);
    if (VALUE_FLAGS.has(flag)) {
      let value = inline;
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined || value.startsWith('--')) {
          throw new UsageError(`${flag} needs a value`);
        }
      }
      if (flag === '--project') global.project = value;
      else global.timeoutMs = parseSeconds(value, flag);
    } else if (arg === '--verbose' || arg === '-v') {
      global.verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      global.help = true;
    } else if (arg === '--version' || arg === '-V') {
      global.version = true;
    } else if (command === null && !arg.startsWith('-')) {
      command = arg;
    } else {
      args.push(arg);
    }
  }
  return { global, command, args };
}

/** Parses a command's own arguments strictly; unknown options are usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  positionals: { min: number; max: number; names: string },
): {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>['values'];
  positionals: string[];
} {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > positionals.max) {
    throw new UsageError(
      positionals.max === 0
        ? `${command} takes no arguments`
        : `usage: mixscope ${command} ${positionals.names}`,
    );
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Parses a positive integer option value. */
export function parsePositiveInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new UsageError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function parseSeconds(value: string, flag: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      `${flag} must be a positive number of seconds, got ${JSON.stringify(value)}`,
    );
  }
  return Math.round(seconds * 1000);
}

function splitInline(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const eq = arg.indexOf('=');
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}
