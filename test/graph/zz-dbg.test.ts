import { join } from 'node:path';
import { it } from 'vitest';
import { prepareXrefProject } from '/work/main/test/graph/helpers/mix-xref';
import { expectParity, graphFromDot, LABEL_DUMPS, multiLabelGraph, needsAllReferences } from '/work/main/test/graph/helpers/parity';
import { standardQueries } from '/work/main/test/graph/helpers/queries';
const EXAMPLES = '/work/main/examples';
it('dbg', () => {
  const project = process.env.GEN ? prepareXrefProject(process.env.GEN) : prepareXrefProject(join(EXAMPLES, 'demo'), [join(EXAMPLES, 'demo_helpers')]);
  const [full, ...dumps] = project.run([['--format', 'dot'], ...LABEL_DUMPS]);
  const graph = graphFromDot(full!.output);
  const multi = multiLabelGraph(full!.output, dumps);
  const files = graph.nodes.map((n) => n.id);
  const answers = project.run(standardQueries({ sources: [files[3]!, files[9]!], sinks: [files[5]!, files[12]!], blast: files.slice(0, 60), excluded: files[7]! }));
  let bad = 0;
  for (const a of answers) {
    for (const [name, g] of [['multi', multi], ['dot', graph]] as const) {
      if (name === 'dot' && needsAllReferences(a.args)) continue;
      try { expectParity(g, a); } catch (e) { bad++; console.log('FAIL', name, a.args.join(' '), String(e).slice(0, 300)); }
    }
  }
  console.log('total', answers.length, 'bad', bad);
  project.remove();
}, 300000);
