/** Builds the graph view bench page with Vite (once per process) into `bench/.cache`. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url));
/** Where the built page lands. */
export const pageDist = fileURLToPath(new URL('../.cache/view-page/', import.meta.url));

let built: Promise<string> | null = null;

/** Builds the page (production mode, as the app ships) and resolves to its folder. */
export function buildBenchPage(): Promise<string> {
  built ??= build({
    configFile: false,
    root: pageRoot,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: pageDist,
      emptyOutDir: true,
      reportCompressedSize: false,
      // Readable stacks when profiling the page: BENCH_VIEW_MINIFY=0.
      minify: process.env.BENCH_VIEW_MINIFY !== '0',
    },
  }).then(() => pageDist);
  return built;
}
