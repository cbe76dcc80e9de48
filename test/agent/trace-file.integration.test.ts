/**
 * `graph:trace-file` through the contract host and `Session.traceFile` against a real VM on a
 * real Mix project: the references and reasons `mix xref trace FILE` prints for the same file.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractHost, type ContractHost } from '../../src/core/host/contract-host';
import { createSession, type Session } from '../../src/core/session';
import type { SessionOptions } from '../../src/core/session-types';
import type { TraceEntry } from '../../src/shared/agent-protocol';
import { createFixtureProject, type FixtureProject } from '../support/fixture-project';

let fixture: FixtureProject;
let host: ContractHost;
let session: Session | undefined;

/** `lib/x.ex:4: call Fixture.Leaf.version/0 (runtime)` lines as `4 call Fixture.Leaf.version/0 runtime`. */
function cliTrace(file: string): string[] {
  const out = execFileSync('mix', ['xref', 'trace', file], {
    cwd: fixture.root,
    env: { ...process.env, MIX_ENV: 'dev' },
    encoding: 'utf8',
  });
  const lines = out.split('\n').flatMap((line) => {
    const match = /^\S+:(\d+): (\w+) (\S+) \((\w+)\)$/.exec(line);
    return match ? [`${match[1]} ${match[2]} ${match[3]} ${match[4]}`] : [];
  });
  return [...new Set(lines)].sort();
}

function asCli(entries: TraceEntry[]): string[] {
  const lines = entries.map((e) => `${e.line} ${e.reason} ${e.target ?? e.mod} ${e.label}`);
  return [...new Set(lines)].sort();
}

beforeAll(async () => {
  fixture = createFixtureProject('mixscope-trace-');
  host = createContractHost({
    projectRoot: fixture.root,
    createSession: (options: SessionOptions) => {
      session = createSession({ ...options, watchSources: false });
      return session;
    },
  });
  await host.start();
  expect(await session?.waitForBootCompile()).toBe(true);
  // Traces compile against the loaded project: a boot compile that failed explains any failure.
  expect(session?.status.bootDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}, 180_000);

afterAll(async () => {
  await host?.dispose();
  fixture?.remove();
}, 60_000);

describe('graph:trace-file', () => {
  it('answers the references mix xref trace prints, with the referenced files', async () => {
    const result = await host.invoke('graph:trace-file', { path: 'lib/fixture/caller.ex' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const entries = result.value as TraceEntry[];
    expect(asCli(entries)).toEqual(cliTrace('lib/fixture/caller.ex'));
    expect(entries).toContainEqual(
      expect.objectContaining({
        mod: 'Fixture.Point',
        reason: 'struct',
        label: 'export',
        to: 'lib/fixture/point.ex',
        file: 'lib/fixture/caller.ex',
      }),
    );
  }, 120_000);

  it('gives compile-time reasons for a macro user through the session helper', async () => {
    const entries = await session!.traceFile('lib/fixture/uses_macro_a.ex');
    expect(asCli(entries)).toEqual(cliTrace('lib/fixture/uses_macro_a.ex'));
    expect(entries.some((e) => e.reason === 'require' && e.to === 'lib/fixture/macros.ex')).toBe(
      true,
    );
    expect(entries.some((e) => e.label === 'compile')).toBe(true);
  }, 120_000);

  it('refuses a path outside the project', async () => {
    const result = await host.invoke('graph:trace-file', { path: '../../etc/passwd' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('path_outside_project');
  }, 60_000);
});
