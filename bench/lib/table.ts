/**
 * The Markdown report of a run: the machine, then one table for edits and one for the graph,
 * the event burst, memory and the view, with the ratios the targets are stated in.
 */
import type { MachineInfo } from './machine';
import type { BenchJson } from './results';
import { ratio } from './stats';

const ms = (median: number | null, p95?: number | null): string =>
  median === null ? '–' : p95 === undefined || p95 === null ? `${median}` : `${median} / ${p95}`;
const times = (x: number | null, digits = 2): string =>
  x === null ? '–' : `${x.toFixed(x >= 10 ? 0 : digits)}×`;
const plus = (a: number | null, b: number | null): string =>
  a === null || b === null ? '–' : `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(1)} ms`;

/** The machine line printed above the tables. */
export function machineLine(m: MachineInfo): string {
  return (
    `${m.cpu}, ${m.cores} cores, ${m.ram_gb} GB RAM, ${m.os}; ` +
    `Elixir ${m.elixir ?? '?'} / OTP ${m.otp ?? '?'}, Node ${m.node}`
  );
}

/** Renders the run as Markdown. */
export function renderTables(json: BenchJson): string {
  const lines = [`Machine: ${machineLine(json.machine)}`, ''];
  lines.push(
    '| files | edit | Mixscope save→event | IEx `recompile()` | `mix compile` CLI | bare compile | files | vs IEx (≤ 0.6×) | faster than CLI (≥ 8×) | over bare (≤ 20 ms) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [size, s] of Object.entries(json.sizes)) {
    const d = json.details[size] as Record<string, Record<string, number | null>> | undefined;
    for (const [label, e, p, files] of [
      ['leaf', s.leaf_edit, d?.['leaf_edit_p95'], 1],
      ['macro', s.macro_edit, d?.['macro_edit_p95'], s.macro_edit.files],
    ] as const) {
      lines.push(
        `| ${size} | ${label} | ${ms(e.mixscope_ms, p?.['mixscope_ms'])} | ` +
          `${ms(e.iex_recompile_ms, p?.['iex_recompile_ms'])} | ` +
          `${ms(e.mix_compile_ms, p?.['mix_compile_ms'])} | ` +
          `${ms(e.bare_compile_ms, p?.['bare_compile_ms'])} | ${files ?? '–'} | ` +
          `${times(ratio(e.mixscope_ms, e.iex_recompile_ms))} | ` +
          `${times(ratio(e.mix_compile_ms, e.mixscope_ms), 1)} | ` +
          `${plus(e.mixscope_ms, e.bare_compile_ms)} |`,
      );
    }
  }
  lines.push(
    '',
    '| files | graph: Mixscope | `mix xref graph` CLI | faster (≥ 15×) | save → `graph_changed` (≤ 10 ms) | `recompiled` → `graph_changed` | full graph after a save | burst events / lost / per s | main RSS MB | view first / frame p95 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
  );
  for (const [size, s] of Object.entries(json.sizes)) {
    const d = json.details[size] as Record<string, Record<string, number | null>> | undefined;
    const gp = d?.['graph_p95'];
    const upd = d?.['graph_update_after_event_ms'];
    const full = d?.['graph_full_after_save_ms'];
    const b = s.burst;
    lines.push(
      `| ${size} | ${ms(s.graph.mixscope_ms, gp?.['mixscope_ms'])} | ` +
        `${ms(s.graph.xref_cli_ms, gp?.['xref_cli_ms'])} | ` +
        `${times(ratio(s.graph.xref_cli_ms, s.graph.mixscope_ms), 1)} | ` +
        `${ms(s.graph.incremental_ms, gp?.['incremental_ms'])} | ` +
        `${ms(upd?.['median'] ?? null, upd?.['p95'])} | ` +
        `${ms(full?.['median'] ?? null, full?.['p95'])} | ` +
        `${b.events === null ? '–' : `${b.events} / ${b.lost} / ${b.per_second}`} | ` +
        `${s.memory.main_rss_mb ?? '–'} | ` +
        `${s.view.first_view_ms === null ? '–' : `${s.view.first_view_ms} / ${s.view.frame_p95_ms}`} |`,
    );
  }
  lines.push(
    '',
    'Times in ms, "median / p95" over interleaved trials. The incremental update is timed on a save ' +
      "that adds or removes one reference: from the `reload` call, and from the saved module's " +
      '`recompiled` event, to the `graph_changed` event at the subscriber. "Full graph after a save" is ' +
      '`dependencyGraph()` called right after a save.',
  );
  return lines.join('\n');
}
