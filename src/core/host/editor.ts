/**
 * Opening a file at a line in the user's editor, or with the OS's default application.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

/** How `openInEditor` decides what to run. */
export interface EditorOptions {
  /** Where `VISUAL` / `EDITOR` are read; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Fall back to the OS opener (`xdg-open`, `open`, `start`) when no editor is configured.
   * Off under CI and in tests, where nothing should pop up.
   */
  allowOsOpener?: boolean;
  /** Starts the command; replaceable so tests can see what would run. */
  launch?: (command: string, args: string[]) => void;
}

/** What was run, for the UI to show; `command` is null when nothing ran. */
export interface OpenResult {
  opened: boolean;
  command: string | null;
}

// Editors that want `-g file:line` (VS Code and its forks) instead of the `+line file` that
// vi, emacs, nano, micro, kak, helix and sublime understand.
const GOTO_EDITORS = new Set(['code', 'code-insiders', 'codium', 'cursor', 'windsurf']);

/** The argv to open `file` at `line` with the editor command `editor` (which may hold flags). */
export function editorCommand(editor: string, file: string, line?: number): string[] {
  const parts = editor.trim().split(/\s+/).filter(Boolean);
  const program = parts[0];
  if (program === undefined) return [];
  if (GOTO_EDITORS.has(basename(program))) {
    return [...parts, '-g', line ? `${file}:${line}` : file];
  }
  return line ? [...parts, `+${line}`, file] : [...parts, file];
}

function osOpener(file: string): string[] {
  if (process.platform === 'darwin') return ['open', file];
  // `start` is a cmd builtin; the empty string is its window-title argument.
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '', file];
  return ['xdg-open', file];
}

function defaultLaunch(command: string, args: string[]): void {
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  // An editor that cannot start must not take the host down with an unhandled 'error'.
  child.on('error', (error) => console.error(`mixscope: could not run ${command}:`, error.message));
  child.unref();
}

/** Opens `file` at `line` in `$VISUAL`/`$EDITOR`, else the OS opener when allowed. */
export function openInEditor(
  file: string,
  line: number | undefined,
  options: EditorOptions = {},
): OpenResult {
  const env = options.env ?? process.env;
  const editor = env['VISUAL'] || env['EDITOR'];
  let argv: string[];
  if (editor && editor.trim() !== '') {
    argv = editorCommand(editor, file, line);
  } else if (options.allowOsOpener ?? !env['CI']) {
    argv = osOpener(file);
  } else {
    return { opened: false, command: null };
  }
  const [command, ...args] = argv;
  if (command === undefined) return { opened: false, command: null };
  (options.launch ?? defaultLaunch)(command, args);
  return { opened: true, command: argv.join(' ') };
}
