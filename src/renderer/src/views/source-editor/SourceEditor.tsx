/** The source editor: CodeMirror over the open file; Save goes through the reload pipeline. */
import { setDiagnostics } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/app-store';
import { editorExtensions, toLintDiagnostics } from './editor-setup';

/** The Source tab. */
export function SourceEditor() {
  const openFile = useAppStore((s) => s.openFile);
  const loading = useAppStore((s) => s.editorLoading);
  const error = useAppStore((s) => s.editorError);
  const selectedSource = useAppStore((s) =>
    s.selectedModule ? (s.modules[s.selectedModule]?.source ?? null) : null,
  );
  const openSource = useAppStore((s) => s.openSource);
  const saveSource = useAppStore((s) => s.saveSource);
  const revertSource = useAppStore((s) => s.revertSource);
  const openInEditor = useAppStore((s) => s.openInEditor);

  const active = useAppStore((s) => s.activeTab === 'source');
  // The tab follows the module browser: showing it after selecting another module opens that
  // module's file, once per selection, so a jump to another file (a failure) is not undone.
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!active || !selectedSource || followed.current === selectedSource || loading) return;
    followed.current = selectedSource;
    if (openFile?.path !== selectedSource) void openSource(selectedSource);
  }, [active, selectedSource, openFile, loading, openSource]);

  const dirty = openFile !== null && openFile.draft !== openFile.content;
  return (
    <section className="source-view" aria-label="Source editor">
      <header className="editor-head">
        <span className="mono editor-path" title={openFile?.path}>
          {openFile?.path ?? loading ?? 'No file open'}
        </span>
        {dirty ? (
          <span className="dirty" title="Unsaved changes" aria-label="Unsaved changes">
            ●
          </span>
        ) : null}
        {openFile?.saving ? <span className="muted">saving…</span> : null}
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => void saveSource()}
          disabled={!openFile || openFile.saving}
          title="Save and reload (Ctrl+S)"
        >
          Save
        </button>
        <button
          type="button"
          onClick={() => void revertSource()}
          disabled={!openFile || openFile.saving}
          title="Read the file from disk again, dropping unsaved changes"
        >
          Revert
        </button>
        <button
          type="button"
          onClick={() => openFile && void openInEditor(openFile.path)}
          disabled={!openFile}
        >
          Open in editor
        </button>
      </header>
      {openFile?.saveError ? (
        <div className="inline-error" role="alert" title={openFile.saveError}>
          {firstLine(openFile.saveError)}
          <button
            type="button"
            className="link"
            onClick={() => useAppStore.getState().setActiveTab('failures')}
          >
            Show failures
          </button>
        </div>
      ) : null}
      {error ? (
        <div className="inline-error" role="alert">
          {error}
        </div>
      ) : null}
      {openFile ? (
        <CodeMirrorPane path={openFile.path} />
      ) : (
        <div className="placeholder">
          <p>
            {loading ? 'Loading…' : 'Open a module, then Edit source, or click a function line.'}
          </p>
        </div>
      )}
    </section>
  );
}

/** Owns the EditorView: created once per mounted pane, its document swapped per file. */
function CodeMirrorPane({ path }: { path: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const draft = useAppStore((s) => s.openFile?.draft ?? '');
  const diagnostics = useAppStore((s) => s.failures[path]);
  const jump = useAppStore((s) => s.editorJump);

  // Create the view for this file. Handlers read the store at call time, never stale props.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const state = useAppStore.getState();
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: state.openFile?.draft ?? '',
        extensions: editorExtensions({
          onSave: () => void useAppStore.getState().saveSource(),
          onChange: (text) => useAppStore.getState().setDraft(text),
        }),
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [path]);

  // External changes (revert, file switch) replace the document; own edits are already in it.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== draft) view.dispatch({ changes: minimalChange(current, draft) });
  }, [draft, path]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, toLintDiagnostics(view.state.doc, diagnostics ?? [])));
  }, [diagnostics, path]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !jump) return;
    const lineNo = Math.min(Math.max(jump.line, 1), view.state.doc.lines);
    const line = view.state.doc.line(lineNo);
    view.dispatch({
      selection: EditorSelection.cursor(line.from),
      effects: EditorView.scrollIntoView(line.from, { y: 'center' }),
    });
    view.focus();
  }, [jump, path]);

  return <div className="editor-host" ref={hostRef} />;
}

/** The first line of a compiler message; the rest (stack frames) stays in the tooltip. */
function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The one replacement turning `from` into `to`, trimmed to what differs so the cursor stays. */
function minimalChange(from: string, to: string): { from: number; to: number; insert: string } {
  let start = 0;
  const shortest = Math.min(from.length, to.length);
  while (start < shortest && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  let end = 0;
  while (
    end < shortest - start &&
    from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
  ) {
    end += 1;
  }
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}
