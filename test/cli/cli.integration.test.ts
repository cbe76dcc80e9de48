/**
 * The `mixscope` command end to end: the real launcher, a real VM, a real Mix project.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamsIn, repoRoot, runCli, spawnCli, stopLeftoverCli } from '../support/run-cli';
import { createFixtureProject, leafSource, type FixtureProject } from '../support/fixture-project';

let fixture: FixtureProject;
const project = (): string[] => ['--project', fixture.root];

beforeAll(() => {
  fixture = createFixtureProject('mixscope-cli-');
});

afterAll(async () => {
  await stopLeftoverCli();
  const left = beamsIn(fixture.root);
  fixture.remove();
  expect(left).toEqual([]);
});

describe('mixscope without a VM', () => {
  it('documents every command in --help', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['modules', 'functions', 'reload', 'purge', 'graph', 'watch', 'serve']) {
      expect(stdout).toContain(`mixscope ${command}`);
    }
    expect(stdout).toContain('--project DIR');
    expect(stdout).toContain('--content-file');
  });

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it('exits 2 on a bad command line, with nothing on stdout', async () => {
    for (const args of [['frobnicate'], ['graph', '--format', 'svg']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('mixscope --help');
    }
  });

  it('exits 3 when the project folder is not a Mix project', async () => {
    const { code, stdout, stderr } = await runCli(['modules', '--project', fixture.base]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('is not a Mix project (no mix.exs)');
  });
});

describe('mixscope against a project', () => {
  it('modules prints a JSON array and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['modules', ...project()]);
    expect(code, stderr).toBe(0);
    const modules = JSON.parse(stdout) as { mod: string; app: string }[];
    expect(modules.find((m) => m.mod === 'Fixture.Leaf')?.app).toBe('fixture');
    expect(modules.some((m) => m.mod === 'FixtureHelpers.Text')).toBe(true);
    // Without --verbose the VM's compile output stays off the terminal.
    expect(stderr).not.toContain('Compiling');
  });

  it('functions prints the functions of a module', async () => {
    const { code, stdout } = await runCli(['functions', 'Fixture.Leaf', ...project()]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        name: 'version',
        arity: 0,
        kind: 'def',
        line: 5,
        doc: 'Which edit of this file is loaded.',
        spec: null,
      },
    ]);
  });

  it('reload saves --content-file, prints the result, and exits 1 with diagnostics on errors', async () => {
    const good = join(fixture.base, 'leaf-v2.ex');
    writeFileSync(good, leafSource(2));
    const ok = await runCli([
      'reload',
      'lib/fixture/leaf.ex',
      '--content-file',
      good,
      ...project(),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout) as { recompiled: { mod: string; functions: unknown[] }[] };
    expect(result.recompiled[0]?.mod).toBe('Fixture.Leaf');
    expect(fixture.read('lib/fixture/leaf.ex')).toContain('added_in_2');

    const bad = join(fixture.base, 'leaf-bad.ex');
    const broken = 'defmodule Fixture.Leaf do\n  def version, do: (\nend\n';
    writeFileSync(bad, broken);
    const failed = await runCli([
      'reload',
      'lib/fixture/leaf.ex',
      '--content-file',
      bad,
      ...project(),
    ]);
    expect(failed.code).toBe(1);
    const body = JSON.parse(failed.stdout) as {
      error: { code: string; message: string };
      diagnostics: { file: string; line: number }[];
    };
    expect(body.error.code).toBe('compile_failed');
    expect(body.diagnostics[0]).toMatchObject({ file: 'lib/fixture/leaf.ex' });
    expect(fixture.read('lib/fixture/leaf.ex')).toBe(broken);

    // Without --content-file the file's current text is what gets compiled.
    writeFileSync(join(fixture.root, 'lib/fixture/leaf.ex'), leafSource(3));
    const fixed = await runCli(['reload', 'lib/fixture/leaf.ex', ...project()]);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.stdout).toContain('added_in_3');
  });

  it('reload refuses a path outside the project with exit 1', async () => {
    const evil = join(fixture.base, 'evil.ex');
    writeFileSync(join(fixture.base, 'content.ex'), 'defmodule Evil do\nend\n');
    const { code, stdout } = await runCli([
      'reload',
      '../evil.ex',
      '--content-file',
      join(fixture.base, 'content.ex'),
      ...project(),
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'path_outside_project' } });
    expect(existsSync(evil)).toBe(false);
  });

  it('purge prints whether the module was dropped', async () => {
    const { code, stdout } = await runCli(['purge', 'Fixture.Point', ...project()]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ purged: expect.any(Boolean) });
  });

  it('graph prints JSON and DOT', async () => {
    const json = await runCli(['graph', ...project()]);
    expect(json.code, json.stderr).toBe(0);
    const graph = JSON.parse(json.stdout) as {
      nodes: { id: string; modules: string[] }[];
      edges: { from: string; to: string; label: string }[];
    };
    expect(graph.nodes).toContainEqual({ id: 'lib/fixture/leaf.ex', modules: ['Fixture.Leaf'] });
    expect(graph.edges).toContainEqual({
      from: 'lib/fixture/uses_macro_a.ex',
      to: 'lib/fixture/macros.ex',
      label: 'compile',
    });

    const dot = await runCli(['graph', '--format', 'dot', '--label', 'compile', ...project()]);
    expect(dot.code).toBe(0);
    expect(dot.stdout.startsWith('digraph "xref graph" {\n')).toBe(true);
    expect(dot.stdout).toContain(
      '"lib/fixture/uses_macro_a.ex" -> "lib/fixture/macros.ex" [label="(compile)"]',
    );
  });

  it('watch prints events as JSON lines until SIGTERM, then stops its VM', async () => {
    const child = spawnCli(['watch', ...project()]);
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no events; stderr: ${stderr}`)), 30_000);
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('"compile_finished"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(beamsIn(fixture.root)).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; kind: string; origin: string });
    expect(events[0]).toMatchObject({ kind: 'compile_started', origin: 'startup' });
    expect(events.at(-1)?.kind).toBe('compile_finished');
    expect(beamsIn(fixture.root)).toEqual([]);
  });

  it('serve refuses a token too short to guard the page', async () => {
    const result = await runCli(['serve', ...project(), '--token', 'short']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--token must be 16 to 256');
    expect(result.stdout).toBe('');
  });

  it.skipIf(!existsSync(join(repoRoot, 'out/renderer/index.html')))(
    'serve prints a URL that answers, and stops on SIGINT',
    async () => {
      const token = 'fixed-token-for-a-tunnel_0123456789';
      const child = spawnCli(['serve', ...project(), '--token', token]);
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          const timer = setTimeout(() => reject(new Error('no URL printed')), 30_000);
          child.stdout?.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('\n')) {
              clearTimeout(timer);
              resolve(out.trim());
            }
          });
        });
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
        expect(new URL(url).searchParams.get('token')).toBe(token);
        expect((await fetch(url)).status).toBe(200);
        const wrong = new URL(url);
        wrong.searchParams.set('token', 'x'.repeat(token.length));
        expect((await fetch(wrong)).status).toBe(403);
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited).toBe(0);
    },
  );
});
