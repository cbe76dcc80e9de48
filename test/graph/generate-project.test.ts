/**
 * The project generator: deterministic, sized as asked, cached by content hash.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject, hashProject } from '../../bench/generate/generate-project';
import { renderProject } from '../../bench/generate/render-project';

describe('generateProject', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'mixscope-generate-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('renders the same project for the same seed and another for another seed', () => {
    const a = hashProject(renderProject({ files: 200, seed: 3 }));
    expect(hashProject(renderProject({ files: 200, seed: 3 }))).toBe(a);
    expect(hashProject(renderProject({ files: 200, seed: 4 }))).not.toBe(a);
  });

  it('writes exactly the requested number of source files, in namespace folders', () => {
    const project = generateProject({ files: 250, seed: 1, dir: join(scratch, 'p') });
    expect(project.sources).toHaveLength(250);
    expect(project.reused).toBe(false);
    const namespaces = readdirSync(join(project.dir, 'lib', 'bench_app'));
    expect(namespaces.filter((n) => n.startsWith('ns')).length).toBeGreaterThan(2);
    expect(namespaces).toContain('macros');
  });

  it('reuses a directory whose stamp matches and rewrites one that differs', () => {
    const dir = join(scratch, 'cached');
    const first = generateProject({ files: 100, seed: 2, dir });
    const again = generateProject({ files: 100, seed: 2, dir });
    expect(again).toMatchObject({ reused: true, hash: first.hash });
    writeFileSync(join(dir, '.mixscope-generated.json'), '{}');
    expect(generateProject({ files: 100, seed: 2, dir }).reused).toBe(false);
  });
});
