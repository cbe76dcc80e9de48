/**
 * The machine a bench ran on, printed with the table and stored in the JSON.
 */
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

/** Hardware and toolchain of the run. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  ram_gb: number;
  os: string;
  node: string;
  elixir: string | null;
  otp: string | null;
}

/** Reads CPU, memory and the Elixir/OTP versions (`elixir` on the PATH). */
export function machineInfo(): MachineInfo {
  const list = cpus();
  let elixir: string | null = null;
  let otp: string | null = null;
  try {
    const out = execFileSync(
      'elixir',
      ['-e', 'IO.puts(System.version() <> " " <> System.otp_release())'],
      { encoding: 'utf8', timeout: 30_000 },
    ).trim();
    [elixir = null, otp = null] = out.split(/\s+/);
  } catch {
    // Reported as unknown; the rest of the bench fails loudly without Elixir anyway.
  }
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ram_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.versions.node,
    elixir,
    otp,
  };
}
