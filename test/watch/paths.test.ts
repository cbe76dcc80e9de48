/** Which files the watchers react to, and which folders they watch (no VM involved). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  inIgnoredDir,
  isBeamFile,
  isEditorScratch,
  isSourceFile,
} from '../../src/core/watch/ignore';
import { contentHash, SelfSaves } from '../../src/core/watch/self-saves';
import { sourceRoots } from '../../src/core/watch/source-roots';

describe('ignore rules', () => {
  it('accepts compiler inputs and refuses editor scratch files', () => {
    for (const p of ['/p/lib/a.ex', '/p/src/a.erl', '/p/src/a.hrl', '/p/src/p.yrl', '/p/src/l.xrl'])
      expect(isSourceFile(p)).toBe(true);
    for (const p of [
      '/p/lib/.#a.ex',
      '/p/lib/#a.ex#',
      '/p/lib/a.ex~',
      '/p/lib/.a.ex.swp',
      '/p/lib/.a.ex.swo',
      '/p/lib/4913',
      '/p/lib/a.exs',
      '/p/lib/README.md',
    ])
      expect(isSourceFile(p)).toBe(false);
    expect(isEditorScratch('/p/lib/4913')).toBe(true);
    expect(isBeamFile('/p/_build/dev/lib/a/ebin/Elixir.A.beam')).toBe(true);
  });

  it('skips build output, deps and VCS folders below the project root', () => {
    expect(inIgnoredDir('/p/_build/dev/lib/a.ex', '/p')).toBe(true);
    expect(inIgnoredDir('/p/deps/x/lib/a.ex', '/p')).toBe(true);
    expect(inIgnoredDir('/p/.git/HEAD', '/p')).toBe(true);
    expect(inIgnoredDir('/p/lib/deps_helper/a.ex', '/p')).toBe(false);
    // A project that itself lives under a folder named `deps` is still watched.
    expect(inIgnoredDir('/home/deps/p/lib/a.ex', '/home/deps/p')).toBe(false);
  });
});

describe('source roots', () => {
  const base = mkdtempSync(join(tmpdir(), 'mixscope-roots-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('watches lib/, the folders modules came from, and path dependencies outside the root', () => {
    const root = join(base, 'app');
    const dep = join(base, 'helpers');
    for (const dir of [join(root, 'lib'), join(root, 'test/support'), join(dep, 'lib')])
      mkdirSync(dir, { recursive: true });
    writeFileSync(join(root, 'mix.exs'), '');
    writeFileSync(join(dep, 'mix.exs'), '');
    const mod = (source: string | null) => ({
      mod: 'M',
      app: null,
      source,
      source_hash: null,
      loaded: true,
    });
    const roots = sourceRoots(root, [
      mod('lib/app/a.ex'),
      mod('test/support/case.ex'),
      mod(join(dep, 'lib/helpers/text.ex')),
      mod(null),
    ]);
    expect(roots).toEqual([join(root, 'lib'), join(root, 'test/support'), join(dep, 'lib')].sort());
  });
});

describe('self saves', () => {
  const base = mkdtempSync(join(tmpdir(), 'mixscope-saves-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('skips a file holding exactly what Mixscope saved, and compiles it once it differs', async () => {
    const file = join(base, 'a.ex');
    writeFileSync(file, 'saved');
    const saves = new SelfSaves(base);
    saves.markSaved('a.ex', contentHash('saved'));
    expect(await saves.filter([file])).toEqual([]);
    writeFileSync(file, 'edited outside');
    expect(await saves.filter([file])).toEqual([file]);
  });

  it('learns saves from the session events and waits for their compile to finish', async () => {
    const file = join(base, 'b.ex');
    const saves = new SelfSaves(base);
    const event = (kind: string, origin = 'user') =>
      ({ seq: 1, at: 0, kind, origin, path: 'b.ex' }) as never;
    saves.observe(event('source_written'));
    writeFileSync(file, 'formatted text');
    const decided = saves.filter([file]);
    saves.observe(event('compile_finished'));
    expect(await decided).toEqual([]);
  });
});
