/**
 * The Open Recent list, persisted as JSON in the app's userData folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LIMIT = 10;

/** Reads and updates the recent-projects file at `file`. */
export class RecentProjects {
  constructor(private readonly file: string) {}

  /** The recent project roots, newest first, only those still on disk. */
  list(): string[] {
    try {
      const data: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(data)) return [];
      return data.filter(
        (p): p is string => typeof p === 'string' && existsSync(join(p, 'mix.exs')),
      );
    } catch {
      // A missing or corrupt file is an empty list, not a crash at start-up.
      return [];
    }
  }

  /** Moves `root` to the front. */
  add(root: string): void {
    const next = [root, ...this.list().filter((p) => p !== root)].slice(0, LIMIT);
    this.write(next);
  }

  /** Forgets every entry. */
  clear(): void {
    this.write([]);
  }

  private write(roots: string[]): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(roots, null, 2));
    } catch (error) {
      console.error('mixscope: could not save the recent projects list:', error);
    }
  }
}
