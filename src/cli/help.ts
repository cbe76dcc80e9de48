/**
 * The `--help` texts.
 */
import type { CliCommand } from './command';

/** The full help: usage, every command, global options, exit statuses, environment. */
export function mainHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const list = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  const synopses = commands.map((c) => `  mixscope ${c.name}${c.synopsis ? ` ${c.synopsis}` : ''}`);
  return [
    'mixscope — inspect a running Elixir Mix project from the command line',
    '',
    "Starts the project's VM with the Mixscope agent loaded, runs one command against it,",
    'and stops it. Machine output (JSON, DOT) goes to stdout; errors go to stderr.',
    '',
    'Usage:',
    ...synopses,
    '',
    'Commands:',
    ...list,
    '',
    'Global options (anywhere on the line, before --):',
    '  --project DIR    the Mix project (folder with mix.exs); default: the bundled demo',
    '  --timeout SECS   how long a request may take (default 30; reload and graph: 4x, >= 180)',
    '  --verbose, -v    VM output and session progress on stderr',
    '  --help, -h       this text; `mixscope COMMAND --help` for one command',
    '  --version, -V    print the version',
    '',
    'Exit status:',
    '  0 success; 1 the operation failed (compile error, unknown module, refused path),',
    '  error as JSON on stdout: {"error": {"code", "message"}, "diagnostics": [...]};',
    '  2 bad command line; 3 the VM could not start or went away; 130 interrupted.',
    '',
    'Environment:',
    '  MIXSCOPE_HOME    the Mixscope folder holding agent/ (found automatically)',
    '  XDG_CACHE_HOME   compiled agent files go to $XDG_CACHE_HOME/mixscope (~/.cache/mixscope)',
    '  MIX_ENV          passed to the project VM (default dev)',
    '',
    'Examples:',
    '  mixscope modules --project ~/src/my_app',
    '  mixscope reload lib/my_app/accounts.ex --content-file /tmp/accounts.ex',
    '  mixscope graph --format dot --label compile > graph.dot',
    '  mixscope watch | jq .kind',
    '',
  ].join('\n');
}

/** Help for one command. */
export function commandHelp(command: CliCommand): string {
  return [
    `mixscope ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`,
    '',
    command.summary,
    ...(command.details ? ['', ...command.details] : []),
    '',
    'Global options: --project DIR, --timeout SECS, --verbose (see mixscope --help).',
    '',
  ].join('\n');
}
