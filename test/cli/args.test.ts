import { describe, expect, it } from 'vitest';
import { UsageError, parseCommandArgs, parseCommandLine } from '../../src/cli/args';

describe('parseCommandLine', () => {
  it('finds global options anywhere and leaves the rest to the command', () => {
    expect(
      parseCommandLine([
        '--verbose',
        'reload',
        'lib/a.ex',
        '--project',
        '/p',
        '--content-file',
        'x',
      ]),
    ).toEqual({
      global: { project: '/p', verbose: true, help: false, version: false, timeoutMs: null },
      command: 'reload',
      args: ['lib/a.ex', '--content-file', 'x'],
    });
  });

  it('accepts --flag=value and converts --timeout to milliseconds', () => {
    const { global } = parseCommandLine(['modules', '--project=../demo', '--timeout=1.5']);
    expect(global.project).toBe('../demo');
    expect(global.timeoutMs).toBe(1500);
  });

  it('passes everything after -- to the command untouched', () => {
    const parsed = parseCommandLine(['graph', '--', '--project', 'x', '--help']);
    expect(parsed.command).toBe('graph');
    expect(parsed.args).toEqual(['--project', 'x', '--help']);
    expect(parsed.global.help).toBe(false);
  });

  it('recognises help and version without a command', () => {
    expect(parseCommandLine(['-h']).global.help).toBe(true);
    expect(parseCommandLine(['--version']).global.version).toBe(true);
    expect(parseCommandLine([]).command).toBeNull();
  });

  it('rejects a value flag without a value, and a bad timeout', () => {
    expect(() => parseCommandLine(['modules', '--project'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--project', '--verbose'])).toThrow('--project needs a value');
    expect(() => parseCommandLine(['--timeout', 'soon'])).toThrow(UsageError);
  });
});

describe('parseCommandArgs', () => {
  const spec = { 'content-file': { type: 'string' as const } };

  it('parses the command options and positionals', () => {
    const { values, positionals } = parseCommandArgs(
      'reload',
      ['lib/a.ex', '--content-file', '/tmp/a.ex'],
      spec,
      { min: 1, max: 1, names: 'FILE' },
    );
    expect(values['content-file']).toBe('/tmp/a.ex');
    expect(positionals).toEqual(['lib/a.ex']);
  });

  it('turns unknown options and wrong counts into usage errors', () => {
    const bounds = { min: 1, max: 1, names: 'FILE' };
    expect(() => parseCommandArgs('reload', ['a', '--nope'], spec, bounds)).toThrow(UsageError);
    expect(() => parseCommandArgs('reload', [], spec, bounds)).toThrow(
      'usage: mixscope reload FILE',
    );
    expect(() => parseCommandArgs('modules', ['x'], {}, { min: 0, max: 0, names: '' })).toThrow(
      'modules takes no arguments',
    );
  });
});
