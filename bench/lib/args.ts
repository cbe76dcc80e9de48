/**
 * Command-line options of `npm run bench`.
 */

/** What one bench run measures. */
export interface BenchArgs {
  sizes: number[];
  quick: boolean;
  /** Where to write the JSON results, if anywhere. */
  json: string | null;
  /** Timed trials per contender for edits and graphs (an untimed warm-up comes first). */
  trials: number;
  /** Trials of the (slower) macro-module edit. */
  macroTrials: number;
  seed: number;
  /** Measure the graph view in headless Chromium. */
  view: boolean;
  /** Measure the event burst. */
  burst: boolean;
}

/** Usage text. */
export const USAGE = `usage: npm run bench -- [--quick] [--sizes 200,2000,10000] [--trials N]
                        [--json FILE] [--seed N] [--no-view] [--no-burst]`;

/** Parses argv (without node and the script); throws on an unknown option. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let sizes: number[] | null = null;
  let json: string | null = null;
  let trials: number | null = null;
  let seed = 1;
  let view = true;
  let burst = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--quick') quick = true;
    else if (arg === '--sizes') sizes = value().split(',').map(positiveInt);
    else if (arg === '--json') json = value();
    else if (arg === '--trials') trials = positiveInt(value());
    else if (arg === '--seed') seed = positiveInt(value());
    else if (arg === '--no-view') view = false;
    else if (arg === '--no-burst') burst = false;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  const t = trials ?? (quick ? 5 : 9);
  return {
    sizes: sizes ?? (quick ? [2000] : [200, 2000, 10000]),
    quick,
    json,
    trials: t,
    macroTrials: quick ? Math.min(t, 2) : Math.min(t, 4),
    seed,
    view,
    burst,
  };
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${text}`);
  return n;
}
