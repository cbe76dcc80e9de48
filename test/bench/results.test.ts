/**
 * The bench's JSON document: the agreed shape under `sizes` (medians in ms), p95s under
 * `details`, nulls where something was not measured; and the Markdown tables built from it.
 */
import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../bench/lib/machine';
import { buildJson, type SizeMeasurements } from '../../bench/lib/results';
import { renderTables } from '../../bench/lib/table';
import { parseBenchArgs } from '../../bench/lib/args';

const machine: MachineInfo = {
  cpu: 'Test CPU',
  cores: 2,
  ram_gb: 8,
  os: 'Linux 6',
  node: '20.20.0',
  elixir: '1.14.0',
  otp: '25',
};

const full: SizeMeasurements = {
  files: 2000,
  leaf: { mixscope: [50, 60, 70], iex: [300, 320, 310], cli: [900, 1000, 950], bare: [20, 25, 30] },
  macro: { mixscope: [800], iex: [1200], cli: [2000], bare: [700], files: 31 },
  graph: {
    mixscope: [60, 62],
    xref_cli: [2000, 2100],
    after_save: [700, 800],
    incremental: [8, 12],
    update_after_event: [1, 3],
  },
  burst: { events: 10000, lost: 0, per_second: 20000 },
  main_rss_mb: 101.6,
  view: { first_view_ms: 900, frame_p95_ms: 40 },
  phases: { event_ms: 60 },
};

const empty: SizeMeasurements = {
  files: 200,
  leaf: { mixscope: [], iex: [], cli: [], bare: [] },
  macro: { mixscope: [], iex: [], cli: [], bare: [], files: null },
  graph: null,
  burst: null,
  main_rss_mb: null,
  view: null,
  phases: null,
};

describe('buildJson', () => {
  it('has exactly the agreed keys per size, with medians', () => {
    const json = buildJson(machine, [full]);
    expect(Object.keys(json.sizes)).toEqual(['2000']);
    expect(json.machine).toEqual(machine);
    expect(json.sizes['2000']).toEqual({
      leaf_edit: {
        mixscope_ms: 60,
        iex_recompile_ms: 310,
        mix_compile_ms: 950,
        bare_compile_ms: 25,
      },
      macro_edit: {
        mixscope_ms: 800,
        iex_recompile_ms: 1200,
        mix_compile_ms: 2000,
        bare_compile_ms: 700,
        files: 31,
      },
      graph: { mixscope_ms: 61, xref_cli_ms: 2050, incremental_ms: 10 },
      burst: { events: 10000, lost: 0, per_second: 20000 },
      memory: { main_rss_mb: 102 },
      view: { first_view_ms: 900, frame_p95_ms: 40 },
    });
  });

  it('keeps p95s out of the agreed shape, under details', () => {
    const json = buildJson(machine, [full]);
    const details = json.details['2000'] as Record<string, Record<string, unknown>>;
    expect(details['leaf_edit_p95']?.['mix_compile_ms']).toBe(1000);
    expect(details['graph_p95']?.['xref_cli_ms']).toBe(2100);
    // The full graph fetched after a save stays measured next to the incremental update.
    expect(details['graph_full_after_save_ms']?.['median']).toBe(750);
    expect(details['graph_update_after_event_ms']?.['median']).toBe(2);
  });

  it('writes null for what was not measured, never NaN', () => {
    const json = buildJson(machine, [empty]);
    const size = json.sizes['200']!;
    expect(size.leaf_edit.mixscope_ms).toBeNull();
    expect(size.macro_edit.files).toBeNull();
    expect(size.graph).toEqual({ mixscope_ms: null, xref_cli_ms: null, incremental_ms: null });
    expect(size.burst).toEqual({ events: null, lost: null, per_second: null });
    expect(size.view).toEqual({ first_view_ms: null, frame_p95_ms: null });
    expect(JSON.stringify(json)).not.toContain('NaN');
  });
});

describe('renderTables', () => {
  it('prints the machine and the ratios', () => {
    const text = renderTables(buildJson(machine, [full, empty]));
    expect(text).toContain('Test CPU, 2 cores, 8 GB RAM');
    expect(text).toContain('Elixir 1.14.0 / OTP 25');
    // leaf: 60 / 310 of IEx, 950 / 60 faster than the CLI, 60 - 25 over bare; graph 2050 / 61.
    expect(text).toContain('| 0.19× | 16× | +35.0 ms |');
    expect(text).toContain('| 34× |');
    expect(text).toMatch(/\| 200 \| leaf \| – \|/);
  });
});

describe('parseBenchArgs', () => {
  it('defaults --quick to the 2,000-file size', () => {
    expect(parseBenchArgs(['--quick']).sizes).toEqual([2000]);
    expect(parseBenchArgs([]).sizes).toEqual([200, 2000, 10000]);
  });

  it('reads sizes, trials and the JSON file, and refuses unknown options', () => {
    const args = parseBenchArgs(['--sizes', '200,5000', '--json', 'out.json', '--trials', '3']);
    expect(args).toMatchObject({ sizes: [200, 5000], json: 'out.json', trials: 3 });
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseBenchArgs(['--sizes', 'x'])).toThrow(/positive integer/);
  });
});
