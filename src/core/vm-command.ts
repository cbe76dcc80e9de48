/**
 * The command that starts a project's VM with the agent loaded. The agent owns the exact
 * arguments and records them in `agent/vm-command.json`; this module reads that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** An executable and its arguments. */
export interface VmCommand {
  command: string;
  args: string[];
}

const VmCommandFile = z.object({
  command: z.string().min(1),
  args: z.array(z.string()),
});

/**
 * Reads `agent/vm-command.json` (`{"command": "mix", "args": [...]}`), substituting
 * `{agentDir}` / `${MIXSCOPE_AGENT_DIR}` in arguments with the absolute agent folder.
 *
 * Falls back to the agreed default when the file does not exist yet.
 */
export function readVmCommand(agentDir: string): VmCommand {
  const file = join(agentDir, 'vm-command.json');
  if (!existsSync(file)) return defaultVmCommand(agentDir);
  const parsed = VmCommandFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} must be {"command": string, "args": string[]}`);
  }
  const substitute = (arg: string): string =>
    arg
      .replaceAll('{agentDir}', agentDir)
      .replaceAll('${MIXSCOPE_AGENT_DIR}', agentDir)
      .replaceAll('$MIXSCOPE_AGENT_DIR', agentDir);
  return { command: parsed.data.command, args: parsed.data.args.map(substitute) };
}

/** The command agreed before the agent published its own. */
export function defaultVmCommand(agentDir: string): VmCommand {
  return {
    command: 'mix',
    args: [
      'run',
      '--no-halt',
      '--no-compile',
      '--no-deps-check',
      '--no-start',
      join(agentDir, 'boot.exs'),
    ],
  };
}
