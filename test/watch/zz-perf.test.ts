import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { generateProject, ensureCompiled } from '../../bench/generate/generate-project';
import { createSession } from '../../src/core/session';
import { EventLog } from './support';

it('perf', async () => {
  const p = generateProject({ dir: '/tmp/ls-bench', files: 2000, seed: 1, pathDependency: true });
  console.log('compile', ensureCompiled(p));
  const session = createSession({ projectRoot: p.dir, env: { MIX_ENV: 'dev' } });
  const log = new EventLog(session);
  session.onOutput((l) => { if (l.text.includes('PERF')) console.log(l.text); });
  await session.start();
  await log.waitFor((e) => e.kind === 'compile_finished' && e.origin === 'startup', 0, 600000);
  const leaf = p.sources[p.sources.length - 1] as string;
  const orig = readFileSync(join(p.dir, leaf), 'utf8');
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(p.dir, leaf), orig + `\n# edit ${i}\n`);
    const t = Date.now();
    const m = log.mark();
    const r = await session.request('compile_paths', { paths: [leaf], origin: 'watcher' });
    const fin = await log.waitFor((e) => e.kind === 'compile_finished', m);
    console.log('compile_paths', Date.now() - t, 'ms; agent', fin.duration_ms, r.recompiled.length);
    const t2 = Date.now();
    await session.reload(leaf, orig + `\n# save ${i}\n`);
    console.log('reload', Date.now() - t2);
    const t3 = Date.now();
    await session.request('sync_loaded', { origin: 'external' });
    console.log('sync_loaded full', Date.now() - t3);
    const t4 = Date.now();
    await session.modules();
    console.log('modules', Date.now() - t4);
  }
  writeFileSync(join(p.dir, leaf), orig);
  await session.stop();
}, 900000);
