/**
 * A synthetic file graph shaped like a real Mix project, for measuring the graph view when no
 * generated project is at hand: nested folders, mostly runtime edges inside an area, struct
 * (export) edges, a few macro modules used at compile time by many files, and some cycles.
 */
import type { DependencyGraph, GraphEdge, GraphNode } from '../../src/shared/agent-protocol';

/** Deterministic PRNG (mulberry32) so every run draws the same graph. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'accounts',
  'billing',
  'catalog',
  'inventory',
  'orders',
  'shipping',
  'search',
  'notifications',
  'reports',
  'admin',
  'auth',
  'media',
  'analytics',
  'workflow',
  'pricing',
  'support',
  'integrations',
  'audit',
  'storage',
  'scheduling',
];
const SUBS = ['core', 'schemas', 'services', 'queries', 'workers', 'views', 'policies', 'events'];

function camel(s: string): string {
  return s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * A flat graph shaped like `bench/generate`'s projects: `lib/bench_app/nsK/` folders of ~50
 * files, 1–3 calls per file (70 % inside the folder), structs, skewed macro use, a few cycles.
 */
export function flatGraph(files: number, seed = 3): DependencyGraph {
  const rand = prng(seed);
  const nsCount = Math.max(2, Math.round(files / 50));
  const nodes: GraphNode[] = [];
  const macros = Math.min(8, Math.max(2, Math.round(files / 250)));
  for (let k = 0; k < macros; k++)
    nodes.push({ id: `lib/bench_app/macros/macro${k}.ex`, modules: [`BenchApp.Macros.Macro${k}`] });
  const regular = files - macros;
  const nsStart: number[] = [];
  for (let i = 0; i < regular; i++) {
    const ns = Math.floor((i * nsCount) / regular);
    nsStart[ns] ??= i;
    nodes.push({ id: `lib/bench_app/ns${ns}/mod${i}.ex`, modules: [`BenchApp.Ns${ns}.Mod${i}`] });
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (a: number, b: number, label: GraphEdge['label']): void => {
    const from = nodes[a]?.id;
    const to = nodes[b]?.id;
    if (!from || !to || from === to || seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    edges.push({ from, to, label });
  };
  const structs: number[] = [];
  for (let i = 0; i < regular; i++) {
    const me = macros + i;
    const ns = Math.floor((i * nsCount) / regular);
    const start = nsStart[ns] ?? 0;
    if (i > 0) {
      const calls = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < calls; c++) {
        const same = rand() < 0.7 && i > start;
        add(
          me,
          macros + (same ? start + Math.floor(rand() * (i - start)) : Math.floor(rand() * i)),
          'runtime',
        );
      }
      if (structs.length > 0 && rand() < 0.25)
        add(me, structs[Math.floor(rand() * structs.length)] as number, 'export');
      if (rand() < 0.02) add(me, macros + Math.floor(rand() * i), 'compile');
      if (rand() < 0.002) add(macros + Math.floor(rand() * i), me, 'runtime');
    }
    if (rand() < 0.15)
      add(me, Math.min(macros - 1, Math.floor(rand() * rand() * macros)), 'compile');
    if (rand() < 0.1) structs.push(me);
  }
  return { nodes, edges };
}

/** Builds a graph of `files` files, deterministic for a given `seed`. */
export function syntheticGraph(files: number, seed = 7): DependencyGraph {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const areaCount = Math.max(2, Math.min(AREAS.length * 3, Math.round(files / 120)));
  const nodes: GraphNode[] = [];
  const byArea: string[][] = [];
  const macros: string[] = [];
  for (let m = 0; m < 6; m++) {
    const id = `lib/app/macros/macro_${m}.ex`;
    nodes.push({ id, modules: [`App.Macros.Macro${m}`] });
    macros.push(id);
  }
  for (let a = 0; a < areaCount; a++) {
    const areaName = `${AREAS[a % AREAS.length] as string}${a >= AREAS.length ? `_${Math.floor(a / AREAS.length)}` : ''}`;
    byArea.push([]);
    const per =
      Math.floor((files - macros.length) / areaCount) +
      (a < (files - macros.length) % areaCount ? 1 : 0);
    for (let i = 0; i < per; i++) {
      const sub = SUBS[i % SUBS.length] as string;
      const name = `${sub.replace(/s$/, '')}_${i}`;
      const id = `lib/app/${areaName}/${sub}/${name}.ex`;
      nodes.push({ id, modules: [`App.${camel(areaName)}.${camel(sub)}.${camel(name)}`] });
      byArea[a]?.push(id);
    }
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, label: GraphEdge['label']): void => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, label });
  };
  byArea.forEach((area, a) => {
    area.forEach((file, i) => {
      // Mostly runtime calls to earlier files of the same area; some to other areas.
      const calls = 2 + Math.floor(rand() * 4);
      for (let c = 0; c < calls; c++) {
        const local = rand() < 0.8;
        const target = local
          ? area[Math.floor(rand() * Math.max(1, i))]
          : pick(byArea[Math.floor(rand() * byArea.length)] ?? area);
        if (target) add(file, target, 'runtime');
      }
      if (rand() < 0.35) {
        const schema = pick(area.filter((f) => f.includes('/schemas/')));
        if (schema) add(file, schema, 'export');
      }
      if (rand() < 0.18) add(file, pick(macros), 'compile');
      // A few back edges make runtime cycles, as real projects have.
      if (i > 10 && rand() < 0.01) add(area[Math.floor(rand() * 5)] as string, file, 'runtime');
      if (a === 0 && i === 3) add(macros[0] as string, file, 'compile');
    });
  });
  // Macros build on each other at compile time (and one compile cycle between two of them).
  add(macros[1] as string, macros[0] as string, 'compile');
  add(macros[2] as string, macros[1] as string, 'compile');
  add(macros[3] as string, macros[4] as string, 'compile');
  add(macros[4] as string, macros[3] as string, 'compile');
  return { nodes, edges };
}
