/**
 * The results of a run: per size, the raw samples and derived numbers, and the JSON shape
 * that stays comparable across runs (medians in ms under `sizes`; p95s and phase timings
 * under `details`).
 */
import type { MachineInfo } from './machine';
import { median, p95, round } from './stats';

/** Everything measured for one size; arrays are per-trial samples in ms. */
export interface SizeMeasurements {
  files: number;
  leaf: ContenderSamples;
  macro: ContenderSamples & { files: number | null };
  graph: {
    mixscope: number[];
    xref_cli: number[];
    after_save: number[];
    incremental: number[];
    update_after_event: number[];
  } | null;
  burst: { events: number; lost: number; per_second: number } | null;
  main_rss_mb: number | null;
  view: { first_view_ms: number | null; frame_p95_ms: number | null } | null;
  /** Mixscope's save phases (medians, ms), leaf edit. */
  phases: Record<string, number | null> | null;
  /** Which files were edited, files compiled per contender, graph size. */
  extra?: Record<string, unknown>;
}

/** Samples of the four edit contenders. */
export interface ContenderSamples {
  mixscope: number[];
  iex: number[];
  cli: number[];
  bare: number[];
}

/** The edit block of the JSON. */
export interface EditJson {
  mixscope_ms: number | null;
  iex_recompile_ms: number | null;
  mix_compile_ms: number | null;
  bare_compile_ms: number | null;
}

/** One size in the JSON, exactly the agreed shape. */
export interface SizeJson {
  leaf_edit: EditJson;
  macro_edit: EditJson & { files: number | null };
  graph: { mixscope_ms: number | null; xref_cli_ms: number | null; incremental_ms: number | null };
  burst: { events: number | null; lost: number | null; per_second: number | null };
  memory: { main_rss_mb: number | null };
  view: { first_view_ms: number | null; frame_p95_ms: number | null };
}

/** The whole JSON document. */
export interface BenchJson {
  machine: MachineInfo;
  sizes: Record<string, SizeJson>;
  details: Record<string, Record<string, unknown>>;
}

const med = (xs: readonly number[] | undefined): number | null => round(median(xs ?? []), 1);
const pct = (xs: readonly number[] | undefined): number | null => round(p95(xs ?? []), 1);

function edit(s: ContenderSamples): EditJson {
  return {
    mixscope_ms: med(s.mixscope),
    iex_recompile_ms: med(s.iex),
    mix_compile_ms: med(s.cli),
    bare_compile_ms: med(s.bare),
  };
}

function editP95(s: ContenderSamples): EditJson {
  return {
    mixscope_ms: pct(s.mixscope),
    iex_recompile_ms: pct(s.iex),
    mix_compile_ms: pct(s.cli),
    bare_compile_ms: pct(s.bare),
  };
}

function roundAll(samples: object): Record<string, Array<number | null>> {
  const out: Record<string, Array<number | null>> = {};
  for (const [key, value] of Object.entries(samples)) {
    if (Array.isArray(value)) out[key] = value.map((x: number) => round(x, 1));
  }
  return out;
}

/** Builds the JSON for one size. */
export function sizeJson(m: SizeMeasurements): SizeJson {
  return {
    leaf_edit: edit(m.leaf),
    macro_edit: { ...edit(m.macro), files: m.macro.files },
    graph: {
      mixscope_ms: med(m.graph?.mixscope),
      xref_cli_ms: med(m.graph?.xref_cli),
      incremental_ms: med(m.graph?.incremental),
    },
    burst: {
      events: m.burst?.events ?? null,
      lost: m.burst?.lost ?? null,
      per_second: m.burst?.per_second ?? null,
    },
    memory: { main_rss_mb: round(m.main_rss_mb, 0) },
    view: {
      first_view_ms: m.view?.first_view_ms ?? null,
      frame_p95_ms: m.view?.frame_p95_ms ?? null,
    },
  };
}

/** Builds the whole document: agreed shape under `sizes`, p95s and phases under `details`. */
export function buildJson(machine: MachineInfo, sizes: readonly SizeMeasurements[]): BenchJson {
  const out: BenchJson = { machine, sizes: {}, details: {} };
  for (const m of sizes) {
    out.sizes[String(m.files)] = sizeJson(m);
    out.details[String(m.files)] = {
      leaf_edit_p95: editP95(m.leaf),
      macro_edit_p95: editP95(m.macro),
      graph_p95: {
        mixscope_ms: pct(m.graph?.mixscope),
        xref_cli_ms: pct(m.graph?.xref_cli),
        incremental_ms: pct(m.graph?.incremental),
      },
      incremental_note:
        'a save adding or removing one reference, call -> its graph_changed event at the subscriber',
      graph_update_after_event_ms: {
        median: med(m.graph?.update_after_event),
        p95: pct(m.graph?.update_after_event),
      },
      graph_full_after_save_ms: {
        median: med(m.graph?.after_save),
        p95: pct(m.graph?.after_save),
      },
      trials: { leaf: m.leaf.mixscope.length, macro: m.macro.mixscope.length },
      samples_ms: {
        leaf: roundAll(m.leaf),
        macro: roundAll(m.macro),
        graph: m.graph ? roundAll(m.graph) : null,
      },
      leaf_phases_ms: m.phases,
      ...m.extra,
    };
  }
  return out;
}
