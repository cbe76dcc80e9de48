/**
 * Parity with Elixir's own `mix xref graph` on a generated project of a few hundred files with
 * macros, structs and cycles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate/generate-project';
import { stronglyConnectedComponents } from '../../src/shared/graph';
import { prepareXrefProject, type XrefProject } from './helpers/mix-xref';
import {
  collectParityData,
  expectAllParity,
  expectBlastRadiusParity,
  type ParityData,
} from './helpers/parity-suite';

describe('graph parity with mix xref graph: generated 300-file project', () => {
  let scratch: string;
  let project: XrefProject | undefined;
  let data: ParityData;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mixscope-gen-'));
    const generated = generateProject({ files: 300, seed: 7, dir: join(scratch, 'app') });
    project = prepareXrefProject(generated.dir);
    data = collectParityData(project, (files) => {
      const regular = files.filter((f) => f.includes('/ns'));
      const macros = files.filter((f) => f.includes('/macros/'));
      const helpers = files.filter((f) => f.includes('/support/'));
      // Every 7th file plus the compile-time hubs: macro modules and the helpers they call.
      const blast = [...macros, ...helpers, ...regular.filter((_, i) => i % 7 === 0)];
      return {
        sources: [regular[regular.length - 1]!, regular[Math.floor(regular.length / 2)]!],
        sinks: [helpers[0]!, regular[3]!],
        blast,
        excluded: regular[1]!,
      };
    });
  });

  afterAll(() => {
    project?.remove();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('has the edge mix the generator promises', () => {
    const count = (label: string): number =>
      data.graph.edges.filter((e) => e.label === label).length;
    expect(data.graph.nodes.length).toBe(300);
    expect(count('runtime')).toBeGreaterThan(count('export'));
    expect(count('export')).toBeGreaterThan(0);
    expect(count('compile')).toBeGreaterThan(0);
    expect(stronglyConnectedComponents(data.graph).length).toBeGreaterThan(0);
  });

  it('prints what mix xref graph prints for every flag combination', () => {
    expectAllParity(data);
  });

  it('computes blast radii as --sink F --label compile --only-nodes lists them', () => {
    expect(expectBlastRadiusParity(data)).toBeGreaterThan(40);
  });
});
