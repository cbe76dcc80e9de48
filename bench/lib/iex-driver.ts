/**
 * A warm project VM (the `iex -S mix` a developer keeps open), driven over stdin by
 * `iex-driver.exs`: times `IEx.Helpers.recompile()` and bare compiles of given files inside it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** One answer of the VM: time measured inside it, the call's result, files compiled. */
export interface DriverAnswer {
  ms: number;
  result: string;
  files: number;
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'iex-driver.exs');
const PREFIX = 'MIXSCOPE_BENCH ';

/** A running driver VM in one project folder. */
export class IexDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(answer: DriverAnswer) => void> = [];
  private readonly tail: string[] = [];
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(projectRoot: string) {
    this.child = spawn('mix', ['run', '--no-start', SCRIPT], {
      cwd: projectRoot,
      env: { ...process.env, MIX_ENV: 'dev' },
    });
    this.exit = new Promise((resolve) => this.child.on('exit', () => resolve()));
    this.child.on('exit', () => {
      this.exited = true;
      const error = `driver VM exited: ${this.tail.join('\n')}`;
      for (const w of this.waiting.splice(0)) w({ ms: NaN, result: error, files: 0 });
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (!line.startsWith(PREFIX)) return this.remember(line);
      const answer = JSON.parse(line.slice(PREFIX.length)) as DriverAnswer;
      this.waiting.shift()?.(answer);
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => this.remember(line));
  }

  /** Starts the VM (it compiles the project if needed) and waits until it reads commands. */
  static async start(projectRoot: string): Promise<IexDriver> {
    const driver = new IexDriver(projectRoot);
    const ready = await driver.next();
    if (ready.result !== 'ready') throw new Error(ready.result);
    return driver;
  }

  /** Times `IEx.Helpers.recompile()`; `files` is what Mix said it compiled. */
  recompile(): Promise<DriverAnswer> {
    return this.command('recompile');
  }

  /** Times compiling `files` (absolute paths) with the parallel compiler alone. */
  bareCompile(files: readonly string[]): Promise<DriverAnswer> {
    return this.command(`bare ${files.join('\t')}`);
  }

  /** Closes stdin (the script halts the VM on end of input); kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exit;
    clearTimeout(timer);
  }

  private command(line: string): Promise<DriverAnswer> {
    // A dead VM fails the remaining trials (NaN), not the whole run.
    if (this.exited) {
      return Promise.resolve({ ms: Number.NaN, result: 'driver VM is not running', files: 0 });
    }
    const answer = this.next();
    this.child.stdin.write(`${line}\n`);
    return answer;
  }

  private next(): Promise<DriverAnswer> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private remember(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 20) this.tail.shift();
  }
}
