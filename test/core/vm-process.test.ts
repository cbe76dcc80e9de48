/**
 * Process handling of the VM wrapper, with plain shell commands standing in for "a process
 * that prints and spawns children" (the Elixir side is covered by the integration tests).
 */
import { describe, expect, it } from 'vitest';
import { VmProcess, describeExit } from '../../src/core/vm-process';
import { processGone } from '../support/event-recorder';

const sh = (script: string, tailLines?: number): VmProcess =>
  new VmProcess({
    command: { command: 'sh', args: ['-c', script] },
    cwd: process.cwd(),
    env: { MIXSCOPE_TEST_VALUE: 'passed-through' },
    ...(tailLines === undefined ? {} : { tailLines }),
  });

describe('describeExit', () => {
  it('words exits the way a shell reports them', () => {
    expect(describeExit(0, null)).toBe('exited with status 0');
    expect(describeExit(null, 'SIGKILL')).toBe('exited with status 137 (killed by SIGKILL)');
    expect(describeExit(143, null)).toBe('exited with status 143 (killed by SIGTERM)');
  });
});

describe('VmProcess', () => {
  it('splits both streams into lines, keeps a bounded tail and reports the exit', async () => {
    const vm = sh(
      'echo "$MIXSCOPE_TEST_VALUE"; for i in 1 2 3 4; do echo line$i; done; echo oops >&2; exit 3',
      3,
    );
    const lines: string[] = [];
    vm.onLine.on((line) => lines.push(`${line.stream}:${line.text}`));
    const exit = await vm.exited;
    expect(exit).toMatchObject({ code: 3, signal: null, reason: 'exited with status 3' });
    expect(lines).toContain('stdout:passed-through');
    expect(lines).toContain('stderr:oops');
    expect(lines.filter((l) => l.startsWith('stdout:line'))).toEqual([
      'stdout:line1',
      'stdout:line2',
      'stdout:line3',
      'stdout:line4',
    ]);
    expect(vm.tail).toHaveLength(3);
  });

  it('stops the whole process group, children included', async () => {
    const vm = sh('sleep 60 & echo $!; wait');
    const child = await new Promise<number>((resolve) =>
      vm.onLine.on((line) => resolve(Number(line.text))),
    );
    expect(processGone(child)).toBe(false);
    const exit = await vm.stop(2000);
    expect(exit.signal).toBe('SIGTERM');
    // The group kill reached the background sleep too, not only the shell.
    for (let i = 0; i < 50 && !processGone(child); i++) await new Promise((r) => setTimeout(r, 20));
    expect(processGone(child)).toBe(true);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const vm = sh('trap "" TERM; echo ready; while :; do sleep 0.05; done');
    await new Promise<void>((resolve) => vm.onLine.on(() => resolve()));
    const exit = await vm.stop(200);
    expect(exit.reason).toBe('exited with status 137 (killed by SIGKILL)');
  });

  it('reports a command that does not exist', async () => {
    const vm = new VmProcess({
      command: { command: 'mixscope-no-such-command', args: [] },
      cwd: process.cwd(),
      env: {},
    });
    const exit = await vm.exited;
    expect(exit.spawnError).not.toBeNull();
    expect(exit.reason).toContain('command not found');
  });
});
