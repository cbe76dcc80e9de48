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

  useEffect(() => {
    // Showing the tab with nothing open opens the selected module's file.
    if (!openFile && !loading && !error && selectedSource) void openSource(selectedSource);
  }, [openFile, loading, error, selectedSource, openSource]);

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
        <div className="inline-error" role="alert">
          {openFile.saveError}
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
    if (current !== draft) {
      view.dispatch({ changes: { from: 0, to: current.length, insert: draft } });
    }
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
