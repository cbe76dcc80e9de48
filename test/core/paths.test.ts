import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  agentDir,
  cacheDir,
  demoProjectRoot,
  mixscopeHome,
  MIXSCOPE_HOME_ENV,
} from '../../src/core/paths';
import { defaultVmCommand, readVmCommand } from '../../src/core/vm-command';

afterEach(() => vi.unstubAllEnvs());

describe('paths', () => {
  it('finds the repository from the module location', () => {
    vi.stubEnv(MIXSCOPE_HOME_ENV, '');
    const home = mixscopeHome();
    expect(existsSync(join(home, 'package.json'))).toBe(true);
    expect(agentDir()).toBe(join(home, 'agent'));
    expect(demoProjectRoot()).toBe(join(home, 'examples', 'demo'));
    expect(existsSync(join(demoProjectRoot(), 'mix.exs'))).toBe(true);
  });

  it('honours MIXSCOPE_HOME', () => {
    vi.stubEnv(MIXSCOPE_HOME_ENV, '/opt/mixscope');
    expect(agentDir()).toBe('/opt/mixscope/agent');
  });

  it('puts the cache under XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
    vi.stubEnv('XDG_CACHE_HOME', '/var/cache/me');
    expect(cacheDir()).toBe('/var/cache/me/mixscope');
    vi.stubEnv('XDG_CACHE_HOME', 'relative/ignored');
    expect(cacheDir()).toBe(join(homedir(), '.cache', 'mixscope'));
  });
});

describe('readVmCommand', () => {
  it("reads the agent's command and fills in the agent folder", () => {
    const command = readVmCommand(agentDir());
    expect(command.command).toBe('mix');
    expect(command.args).toContain('--no-halt');
    expect(command.args.at(-1)).toBe(join(agentDir(), 'boot.exs'));
  });

  it('falls back to the agreed command when the agent has none', () => {
    expect(readVmCommand('/nonexistent/agent')).toEqual(defaultVmCommand('/nonexistent/agent'));
  });
});
