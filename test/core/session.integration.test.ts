/**
 * The session against a real VM running a real Mix project (generated per file): reloads,
 * failures, purge, refused paths, and a VM killed with SIGKILL. One VM serves the whole file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentRequestError } from '../../src/core/agent-errors';
import { createSession, type Session } from '../../src/core/session';
import type { ModuleEvent } from '../../src/shared/models';
import {
  recordEvents,
  processGone,
  waitForStatus,
  type EventRecorder,
} from '../support/event-recorder';
import {
  createFixtureProject,
  leafSource,
  probeSource,
  type FixtureProject,
} from '../support/fixture-project';

let fixture: FixtureProject;
let session: Session;
let recorder: EventRecorder;
let probeNonce = 1;

const md5 = (path: string): string => createHash('md5').update(readFileSync(path)).digest('hex');
const kinds = (events: ModuleEvent[]): string[] => events.map((e) => e.kind);
const finished = (e: ModuleEvent): boolean => e.kind === 'compile_finished' && e.origin === 'user';

/** Recompiles the probe and returns the leaf version the VM answered with while it compiled. */
async function leafVersionSeenByVm(): Promise<number> {
  const result = await session.reload('lib/fixture/probe.ex', probeSource(probeNonce++));
  const probe = result.recompiled.find((p) => p.mod === 'Fixture.Probe');
  const saw = probe?.functions?.find((f) => f.name.startsWith('saw_version_'));
  if (!saw) throw new Error(`probe did not compile: ${JSON.stringify(result)}`);
  return Number(saw.name.slice('saw_version_'.length));
}

const leafBeam = (): string =>
  join(fixture.root, '_build/dev/lib/fixture/ebin/Elixir.Fixture.Leaf.beam');

async function reloadError(path: string, content: string): Promise<AgentRequestError> {
  const error = await session.reload(path, content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentRequestError);
  return error as AgentRequestError;
}

beforeAll(async () => {
  fixture = createFixtureProject();
  session = createSession({ projectRoot: fixture.root, watchSources: false });
  recorder = recordEvents(session);
  await session.start();
  expect(await session.waitForBootCompile()).toBe(true);
});

afterAll(async () => {
  const pid = Number(session?.hello?.os_pid);
  try {
    await session?.stop();
    recorder?.dispose();
    if (pid) expect(processGone(pid)).toBe(true);
  } finally {
    fixture?.remove();
  }
});

describe('a session on a real VM', () => {
  it('comes up with the VM facts and the boot compile in its status', () => {
    const { status } = session;
    expect(status.state).toBe('up');
    expect(status.app).toBe('fixture');
    expect(status.elixir).toMatch(/^1\.\d+/);
    expect(status.bootDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const boot = recorder.events.filter((e) => e.origin === 'startup');
    expect(boot[0]?.kind).toBe('compile_started');
    expect(boot.at(-1)?.kind).toBe('compile_finished');
  });

  it('lists the modules of the project and of its path dependency', async () => {
    const modules = await session.modules();
    const byName = new Map(modules.map((m) => [m.mod, m]));
    expect(byName.get('Fixture.Leaf')).toMatchObject({
      app: 'fixture',
      source: 'lib/fixture/leaf.ex',
      source_hash: md5(join(fixture.root, 'lib/fixture/leaf.ex')),
    });
    expect(byName.get('FixtureHelpers.Text')?.app).toBe('fixture_helpers');
  });

  it('reloads a leaf: events in order, payload inline, the new code answers', async () => {
    const mark = recorder.mark();
    const result = await session.reload('lib/fixture/leaf.ex', leafSource(2));
    const events = await recorder.until(mark, finished);

    expect(kinds(events)).toEqual([
      'source_written',
      'compile_started',
      'recompiled',
      'compile_finished',
    ]);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
    const [saved] = result.recompiled;
    expect(saved?.mod).toBe('Fixture.Leaf');
    expect(saved?.source_hash).toBe(md5(join(fixture.root, 'lib/fixture/leaf.ex')));
    expect(saved?.functions?.map((f) => `${f.name}/${f.arity}`).sort()).toEqual([
      'added_in_2/1',
      'version/0',
    ]);
    expect(events[2]?.payload).toEqual(saved);
    expect(await leafVersionSeenByVm()).toBe(2);
    const functions = await session.functions('Fixture.Leaf');
    expect(functions.find((f) => f.name === 'added_in_2')).toMatchObject({
      arity: 1,
      kind: 'def',
      doc: 'Added by edit 2.',
    });
  });

  it('reloads a macro module: its compile-time dependents recompile and arrive bare', async () => {
    const source = fixture
      .read('lib/fixture/macros.ex')
      .replace('quote(do: unquote(x) * 2)', 'quote(do: unquote(x) + unquote(x))');
    const mark = recorder.mark();
    const result = await session.reload('lib/fixture/macros.ex', source);
    await recorder.until(mark, finished);

    const [saved, ...dependents] = result.recompiled;
    expect(saved?.mod).toBe('Fixture.Macros');
    expect(saved?.functions?.some((f) => f.name === 'double' && f.kind === 'defmacro')).toBe(true);
    const names = dependents.map((p) => p.mod);
    expect(names).toEqual(expect.arrayContaining(['Fixture.UsesMacroA', 'Fixture.UsesMacroB']));
    expect(names).not.toContain('Fixture.Caller');
    for (const dependent of dependents) {
      expect(dependent).toEqual({ mod: dependent.mod, source_hash: null, functions: null });
    }
    const recompiledEvents = recorder.since(mark).filter((e) => e.kind === 'recompiled');
    expect(recompiledEvents.map((e) => e.mod)).toEqual(
      expect.arrayContaining(['Fixture.Macros', 'Fixture.UsesMacroA', 'Fixture.UsesMacroB']),
    );
  });

  it('reloads a file of the path dependency: its beams land in its ebin, dependents follow', async () => {
    const ebin = join(fixture.root, '_build/dev/lib/fixture_helpers/ebin');
    const beam = join(ebin, 'Elixir.FixtureHelpers.Text.beam');
    const before = readFileSync(beam);
    const path = '../fixture_helpers/lib/fixture_helpers/text.ex';
    const source = readFileSync(join(fixture.depRoot, 'lib/fixture_helpers/text.ex'), 'utf8')
      .replace('defmacro tag, do: "v1"', 'defmacro tag, do: "v2"')
      .replace(
        'def shout(text)',
        'def whisper(text), do: String.downcase(text)\n\n  def shout(text)',
      );
    const mark = recorder.mark();
    const result = await session.reload(path, source);
    await recorder.until(mark, finished);

    const [saved, ...dependents] = result.recompiled;
    expect(saved?.mod).toBe('FixtureHelpers.Text');
    expect(saved?.functions?.map((f) => f.name)).toContain('whisper');
    expect(readFileSync(beam)).not.toEqual(before);
    expect(readFileSync(beam).includes(Buffer.from('whisper'))).toBe(true);
    expect(dependents.map((p) => p.mod)).toContain('Fixture.UsesHelper');
    expect(kinds(recorder.since(mark))[0]).toBe('source_written');
  });

  it('keeps the old code on a syntax error, with the sent bytes on disk, and recovers', async () => {
    const file = join(fixture.root, 'lib/fixture/leaf.ex');
    const broken = 'defmodule Fixture.Leaf do\n  def version, do:\n  def  oops(,\nend\n';
    const beamBefore = readFileSync(leafBeam());
    const mark = recorder.mark();
    const error = await reloadError('lib/fixture/leaf.ex', broken);
    const events = await recorder.until(mark, finished);

    expect(error.code).toBe('compile_failed');
    expect(readFileSync(file, 'utf8')).toBe(broken);
    const failed = events.find((e) => e.kind === 'compile_failed');
    expect(failed?.diagnostics?.[0]).toMatchObject({
      file: 'lib/fixture/leaf.ex',
      severity: 'error',
    });
    expect(failed?.diagnostics?.[0]?.line).toEqual(expect.any(Number));
    expect(error.diagnostics?.[0]?.file).toBe('lib/fixture/leaf.ex');
    expect(events.some((e) => e.kind === 'recompiled')).toBe(false);

    // The old code is still what the VM has: its functions and its .beam are untouched. (A
    // probe compile cannot show it here: any main-project compile now meets the broken file.)
    expect(session.status.state).toBe('up');
    expect(readFileSync(leafBeam())).toEqual(beamBefore);
    expect((await session.functions('Fixture.Leaf')).map((f) => f.name)).toContain('added_in_2');

    const recovered = await session.reload('lib/fixture/leaf.ex', leafSource(3));
    expect(recovered.recompiled[0]?.functions?.map((f) => f.name)).toContain('added_in_3');
    expect(await leafVersionSeenByVm()).toBe(3);
  });

  it('keeps the old code on an undefined-function error and recovers', async () => {
    const file = join(fixture.root, 'lib/fixture/leaf.ex');
    const broken = leafSource(4).replace('def version, do: 4', 'def version, do: no_such_fun(4)');
    const beamBefore = readFileSync(leafBeam());
    const error = await reloadError('lib/fixture/leaf.ex', broken);

    expect(error.code).toBe('compile_failed');
    expect(readFileSync(file, 'utf8')).toBe(broken);
    const diagnostic = error.diagnostics?.find((d) => d.severity === 'error');
    expect(diagnostic).toMatchObject({ file: 'lib/fixture/leaf.ex', line: 5 });
    expect(diagnostic?.message).toContain('no_such_fun');
    expect(session.status.state).toBe('up');
    expect(readFileSync(leafBeam())).toEqual(beamBefore);
    expect((await session.functions('Fixture.Leaf')).map((f) => f.name)).toContain('added_in_3');

    await session.reload('lib/fixture/leaf.ex', leafSource(5));
    expect(await leafVersionSeenByVm()).toBe(5);
  });

  it('purges a module: no longer loaded, source_removed seen', async () => {
    await leafVersionSeenByVm(); // makes sure the leaf is loaded
    const mark = recorder.mark();
    expect(await session.purge('Fixture.Leaf')).toEqual({ purged: true });
    const events = await recorder.until(mark, (e) => e.kind === 'source_removed');
    expect(events.at(-1)?.mod).toBe('Fixture.Leaf');
    const leaf = (await session.modules()).find((m) => m.mod === 'Fixture.Leaf');
    expect(leaf?.loaded).toBe(false);
  });

  it('refuses paths that escape the project and writes nothing', async () => {
    const outside = join(fixture.base, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(fixture.root, 'lib/escape'));
    const attempts = [
      '../outside/evil.ex',
      join(outside, 'absolute.ex'),
      'lib/escape/through_link.ex',
      'lib/../../outside/dotdot.ex',
    ];
    for (const path of attempts) {
      const error = await reloadError(path, 'defmodule Evil do\nend\n');
      expect(error.code, path).toBe('path_outside_project');
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(fixture.base, 'evil.ex'))).toBe(false);
    expect(session.status.state).toBe('up');
  });

  it('reports a VM killed with SIGKILL and brings it back', async () => {
    const pid = Number(session.hello?.os_pid);
    expect(pid).toBeGreaterThan(0);
    const down = waitForStatus(session, (s) => s.state === 'down');
    process.kill(pid, 'SIGKILL');
    const status = await down;
    expect(status.reason).toContain('killed by SIGKILL');
    expect(status.signal ?? String(status.exitCode)).toMatch(/SIGKILL|137/);
    expect(Array.isArray(status.outputTail)).toBe(true);

    const up = await waitForStatus(session, (s) => s.state === 'up');
    expect(up.restarts).toBe(1);
    expect(Number(session.hello?.os_pid)).not.toBe(pid);
    expect(processGone(pid)).toBe(true);
    expect(await session.waitForBootCompile()).toBe(true);
    expect((await session.modules()).some((m) => m.mod === 'Fixture.Caller')).toBe(true);
  });
});
