/**
 * `npm run bench [-- --quick] [--sizes 200,2000,10000] [--json FILE]`: Mixscope against
 * `mix compile`, `IEx.Helpers.recompile()` and `mix xref graph`, interleaved, per project size.
 * Prints Markdown tables with the ratios; `--json` writes the results.
 */
import { writeFileSync } from 'node:fs';
import { parseBenchArgs } from './lib/args';
import { machineInfo } from './lib/machine';
import { buildJson, type SizeMeasurements } from './lib/results';
import { runSize } from './lib/size-run';
import { renderTables } from './lib/table';

const t0 = Date.now();
const log = (line: string): void =>
  console.error(`[${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${line}`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = machineInfo();
  const measured: SizeMeasurements[] = [];
  for (const files of [...args.sizes].sort((a, b) => a - b)) {
    log(`== ${files} files`);
    measured.push(await runSize(files, args, log));
    // Each size's table so far, in case a later, larger size fails.
    log(renderTables(buildJson(machine, measured)));
  }
  const json = buildJson(machine, measured);
  console.log(renderTables(json));
  if (args.json) writeFileSync(args.json, JSON.stringify(json, null, 2) + '\n');
  log(`bench finished in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
