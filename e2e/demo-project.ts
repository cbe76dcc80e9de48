/**
 * Fresh copies of the demo project for tests that edit, break and purge it.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const examples = join(import.meta.dirname, '..', 'examples');

/** A copy of `examples/demo` beside a copy of its path dependency `examples/demo_helpers`. */
export interface DemoCopy {
  /** The demo's root in the copy. */
  root: string;
  /** Removes the copy. */
  remove(): Promise<void>;
}

/** Copies the demo and its helper app into a new temporary folder, without build output. */
export async function copyDemo(): Promise<DemoCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'mixscope-e2e-'));
  // Build output would tie the copy to the original's paths and mtimes; the VM compiles afresh.
  const filter = (src: string): boolean =>
    !['_build', 'deps', '.elixir_ls'].includes(basename(src));
  await cp(join(examples, 'demo'), join(dir, 'demo'), { recursive: true, filter });
  await cp(join(examples, 'demo_helpers'), join(dir, 'demo_helpers'), { recursive: true, filter });
  return {
    root: join(dir, 'demo'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
