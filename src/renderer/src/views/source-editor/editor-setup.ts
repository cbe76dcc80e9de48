/** CodeMirror 6 extensions for the source editor: Elixir, a dark theme, lint, keymaps. */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { elixir } from 'codemirror-lang-elixir';
import type { Diagnostic } from '../../../../shared/agent-protocol';

/** Syntax colours tuned for the dark palette in `app.css`. */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: '#c49bff' },
  { tag: [t.atom, t.bool, t.null, t.special(t.string)], color: '#7dcfff' },
  { tag: [t.string, t.character], color: '#a6d189' },
  { tag: [t.number, t.integer, t.float], color: '#f5a97f' },
  {
    tag: [t.comment, t.lineComment, t.blockComment, t.docComment],
    color: '#7c8394',
    fontStyle: 'italic',
  },
  { tag: [t.namespace, t.className, t.typeName], color: '#e5c07b' },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: '#7aa2f7' },
  { tag: [t.definition(t.variableName)], color: '#89b4fa' },
  { tag: [t.attributeName, t.special(t.variableName)], color: '#f2a5c7' },
  { tag: [t.operator, t.punctuation, t.separator, t.bracket], color: '#a9b1c1' },
  { tag: [t.variableName], color: '#d7dae0' },
  { tag: t.invalid, color: '#f2686a' },
]);

const theme = EditorView.theme(
  {
    '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--text)' },
    '.cm-scroller': { fontFamily: 'var(--mono)', fontSize: '13px', lineHeight: '1.55' },
    '.cm-content': { caretColor: '#e8e8ff' },
    '.cm-cursor': { borderLeftColor: '#e8e8ff' },
    '.cm-gutters': {
      backgroundColor: 'var(--bg)',
      color: 'var(--text-faint)',
      borderRight: '1px solid var(--border)',
    },
    '.cm-activeLine': { backgroundColor: 'rgba(255,255,255,0.035)' },
    '.cm-activeLineGutter': { backgroundColor: 'rgba(255,255,255,0.05)', color: 'var(--text)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
      backgroundColor: '#35406a !important',
    },
    '.cm-matchingBracket': { backgroundColor: '#3a3f55', outline: '1px solid #5b6384' },
    '.cm-tooltip': {
      backgroundColor: 'var(--bg-elev)',
      border: '1px solid var(--border-strong)',
      color: 'var(--text)',
    },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--err)' },
    '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
    '.cm-panels': { backgroundColor: 'var(--bg-elev)', color: 'var(--text)' },
    '.cm-searchMatch': { backgroundColor: 'rgba(229,180,84,0.25)' },
    '.cm-foldPlaceholder': {
      backgroundColor: 'transparent',
      border: 'none',
      color: 'var(--accent)',
    },
  },
  { dark: true },
);

/** Builds the editor's extensions; `onSave` runs on Ctrl/Cmd+S, `onChange` on every edit. */
export function editorExtensions(handlers: {
  onSave: () => void;
  onChange: (text: string) => void;
}): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    EditorState.tabSize.of(2),
    elixir(),
    syntaxHighlighting(highlight),
    theme,
    keymap.of([
      {
        key: 'Mod-s',
        preventDefault: true,
        run: () => {
          handlers.onSave();
          return true;
        },
      },
      indentWithTab,
      ...defaultKeymap,
      ...historyKeymap,
      ...searchKeymap,
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) handlers.onChange(update.state.doc.toString());
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Source code' }),
  ];
}

/** Maps compiler diagnostics onto document ranges: the whole line, or from the column on. */
export function toLintDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): LintDiagnostic[] {
  const result: LintDiagnostic[] = [];
  for (const d of diagnostics) {
    const lineNo = Math.min(Math.max(d.line ?? 1, 1), doc.lines);
    const line = doc.line(lineNo);
    const column = d.column !== null && d.column > 0 ? Math.min(d.column - 1, line.length) : 0;
    result.push({
      from: line.from + column,
      to: line.to > line.from + column ? line.to : line.from + column,
      severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
      message: d.message,
      source: 'compiler',
    });
  }
  return result;
}
