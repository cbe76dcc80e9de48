/**
 * The `mixscope` command line: parses the global options, runs one command over a project
 * session, maps failures to exit statuses.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgentRequestError, LINK_ERROR_CODES } from '../core/agent-errors';
import { demoProjectRoot, mixscopeHome } from '../core/paths';
import { SessionStartError, createSession, type Session } from '../core/session';
import { UsageError, parseCommandLine } from './args';
import { EXIT, type CliCommand, type CommandContext, type SessionHooks } from './command';
import { functionsCommand } from './commands/functions';
import { graphCommand } from './commands/graph';
import { modulesCommand } from './commands/modules';
import { purgeCommand } from './commands/purge';
import { reloadCommand } from './commands/reload';
import { serveCommand } from './commands/serve';
import { watchCommand } from './commands/watch';
import { commandHelp, mainHelp } from './help';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  modulesCommand,
  functionsCommand,
  reloadCommand,
  purgeCommand,
  graphCommand,
  watchCommand,
  serveCommand,
];

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Aborted when the process is asked to stop (SIGINT/SIGTERM). */
  signal: AbortSignal;
}

/** Runs the command line `argv` (without `node` and the script); resolves with the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { global, command: name, args } = parseCommandLine(argv);
    if (global.version) {
      io.out(`${version()}\n`);
      return EXIT.ok;
    }
    if (name === 'help') {
      const topic = COMMANDS.find((c) => c.name === args[0]);
      io.out(topic ? commandHelp(topic) : mainHelp(COMMANDS));
      return EXIT.ok;
    }
    if (name === null) {
      if (global.help) {
        io.out(mainHelp(COMMANDS));
        return EXIT.ok;
      }
      throw new UsageError('no command given');
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    if (global.help) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    const projectRoot = resolve(global.project ?? demoProjectRoot());
    const ctx: CommandContext = {
      projectRoot,
      verbose: global.verbose,
      timeoutMs: global.timeoutMs,
      out: io.out,
      err: io.err,
      signal: io.signal,
      withSession: (fn, hooks) => withSession(ctx, fn, hooks),
    };
    return await command.run(ctx, args);
  } catch (error) {
    return report(error, io);
  }
}

async function withSession<T>(
  ctx: CommandContext,
  fn: (session: Session) => Promise<T>,
  hooks: SessionHooks = {},
): Promise<T> {
  const session = createSession({
    projectRoot: ctx.projectRoot,
    // One command, one VM: restarting a VM that died under a one-shot command hides the failure.
    restartOnExit: false,
    watchSources: false,
    ...(ctx.timeoutMs === null ? {} : { requestTimeoutMs: ctx.timeoutMs }),
  });
  const subs = [
    session.onStatus((status) => {
      if (status.state === 'down' && status.reason)
        ctx.err(`mixscope: VM down: ${status.reason}\n`);
      else if (ctx.verbose) ctx.err(`mixscope: VM ${status.state}\n`);
    }),
    ...(ctx.verbose
      ? [
          session.onOutput((line) => ctx.err(`[vm] ${line.text}\n`)),
          session.onLog((message) => ctx.err(`mixscope: ${message}\n`)),
        ]
      : []),
  ];
  const interrupted = new Promise<never>((_, reject) => {
    const abort = (): void => reject(new Interrupted());
    if (ctx.signal.aborted) abort();
    else ctx.signal.addEventListener('abort', abort, { once: true });
  });
  // Keep an unobserved rejection from surfacing when the command finishes first.
  interrupted.catch(() => undefined);
  try {
    hooks.beforeStart?.(session);
    await Promise.race([session.start(), interrupted]);
    if (!(await Promise.race([session.waitForBootCompile(), interrupted]))) {
      ctx.err('mixscope: the boot compile did not finish in time; continuing\n');
    }
    if (ctx.verbose && session.status.bootDiagnostics.length > 0) {
      ctx.err(
        `mixscope: the project compiled with ${session.status.bootDiagnostics.length} diagnostics at boot\n`,
      );
    }
    return await (hooks.untilSignal ? fn(session) : Promise.race([fn(session), interrupted]));
  } finally {
    await session.stop();
    subs.forEach((s) => s.dispose());
  }
}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`mixscope: ${error.message}\nRun mixscope --help for usage.\n`);
    return EXIT.usage;
  }
  if (error instanceof Interrupted) return EXIT.interrupted;
  if (error instanceof SessionStartError) {
    io.err(`mixscope: the VM did not start: ${error.message}\n`);
    return EXIT.vm;
  }
  if (error instanceof AgentRequestError) {
    const body: Record<string, unknown> = { error: { code: error.code, message: error.message } };
    if (error.diagnostics) body['diagnostics'] = error.diagnostics;
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    io.err(`mixscope: ${error.code}: ${error.message}\n`);
    const linkFailure = (Object.values(LINK_ERROR_CODES) as string[]).includes(error.code);
    return linkFailure ? EXIT.vm : EXIT.failed;
  }
  io.err(`mixscope: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(mixscopeHome(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
