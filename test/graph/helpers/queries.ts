/**
 * The `mix xref graph` flag combinations the parity tests ask both Mix and Mixscope.
 */

/** Files a query set is built around. */
export interface QueryFiles {
  /** Files used as `--source`. */
  sources: readonly string[];
  /** Files used as `--sink`. */
  sinks: readonly string[];
  /** Files whose blast radius (`--sink F --label compile --only-nodes`) is checked. */
  blast: readonly string[];
  /** A file to `--exclude`. */
  excluded: string;
}

const LABELS = ['compile', 'export', 'runtime', 'compile-connected'] as const;

/** Every flag combination worth comparing for a project. */
export function standardQueries(files: QueryFiles): string[][] {
  const queries: string[][] = [
    ['--format', 'dot'],
    ['--format', 'plain'],
    ['--format', 'pretty'],
    ['--format', 'cycles'],
  ];
  queries.push(['--format', 'stats']);
  for (const label of LABELS) {
    queries.push(['--format', 'dot', '--label', label]);
    queries.push(['--format', 'cycles', '--label', label]);
    if (label !== 'compile-connected') {
      queries.push(['--format', 'dot', '--label', label, '--only-direct']);
    }
  }
  queries.push(['--format', 'dot', '--label', 'compile-connected', '--only-direct']);
  for (const source of files.sources) {
    queries.push(['--format', 'dot', '--source', source]);
    queries.push(['--format', 'dot', '--source', source, '--label', 'compile']);
    queries.push(['--format', 'dot', '--source', source, '--label', 'compile-connected']);
    queries.push(['--format', 'plain', '--source', source, '--only-nodes']);
    queries.push(['--format', 'pretty', '--source', source, '--label', 'export']);
  }
  for (const sink of files.sinks) {
    queries.push(['--format', 'dot', '--sink', sink]);
    queries.push(['--format', 'dot', '--sink', sink, '--label', 'runtime', '--only-direct']);
    queries.push(['--format', 'dot', '--sink', sink, '--label', 'compile-connected']);
    queries.push(['--format', 'stats', '--sink', sink]);
  }
  const [s1, s2] = files.sources;
  const [k1, k2] = files.sinks;
  if (s1 && s2) queries.push(['--format', 'dot', '--source', s1, '--source', s2]);
  if (k1 && k2) queries.push(['--format', 'dot', '--sink', k1, '--sink', k2, '--only-nodes']);
  if (s1 && k1) queries.push(['--format', 'dot', '--source', s1, '--sink', k1]);
  for (const file of files.blast) {
    queries.push(['--format', 'plain', '--sink', file, '--label', 'compile', '--only-nodes']);
  }
  queries.push(['--format', 'dot', '--exclude', files.excluded]);
  queries.push(['--format', 'dot', '--source', 'lib/does_not_exist.ex']);
  queries.push(['--format', 'dot', '--label', 'compile', '--fail-above', '3']);
  queries.push(['--format', 'dot', '--fail-above', '100000']);
  queries.push(['--format', 'cycles', '--fail-above', '0']);
  queries.push(['--format', 'cycles', '--min-cycle-size', '3']);
  return queries;
}
