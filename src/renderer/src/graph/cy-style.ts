/**
 * The Cytoscape stylesheet: dark, with edge colours from the Okabe–Ito palette (safe for the
 * common colour-vision deficiencies) and a second cue per label (solid, dashed, thin) so the
 * legend never depends on colour alone.
 */
import type { StylesheetJson } from 'cytoscape';
import type { EdgeLabel } from '../../../shared/agent-protocol';

/** Colour and line of each edge label, shared by the canvas and the legend. */
export const EDGE_LOOK: Record<
  EdgeLabel,
  { colour: string; line: 'solid' | 'dashed'; name: string }
> = {
  compile: { colour: '#e8743b', line: 'solid', name: 'Compile' },
  export: { colour: '#f0c24b', line: 'dashed', name: 'Export' },
  runtime: { colour: '#8b93a1', line: 'solid', name: 'Runtime' },
};

/** Colours of the live marks, shared with the legend. */
export const MARK_COLOUR = {
  recompiled: '#2bb38a',
  failed: '#ff5c5c',
  removed: '#6b7280',
} as const;

const HIGHLIGHT = '#56b4e9';
const BLAST = '#cc79a7';
const CYCLE = '#f0e442';

/** The stylesheet of the graph canvas. */
export function graphStylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(caption)',
        color: '#c9d1dc',
        'font-size': 10,
        'font-family': 'system-ui, sans-serif',
        'min-zoomed-font-size': 7,
        'text-wrap': 'ellipsis',
        'text-max-width': '150px',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 'data(size)',
        height: 'data(size)',
        'background-color': '#5b8def',
        'border-width': 0,
        'overlay-opacity': 0,
        // Manual z-order lets open-group boxes sit behind edges, and edges behind nodes.
        'z-index-compare': 'manual',
        'z-index': 10,
      },
    },
    {
      selector: 'node[kind = "group"][!expanded]',
      style: {
        shape: 'round-rectangle',
        'background-color': '#26303f',
        'border-width': 1.5,
        'border-color': '#4c5b73',
        'text-valign': 'center',
        'text-wrap': 'wrap',
        'text-max-width': 'data(size)',
        // Big groups are drawn big: their names grow with them so they read at the same zoom.
        'font-size': 'mapData(count, 1, 600, 12, 24)',
        'font-weight': 600,
        color: '#e3e8ef',
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'node[kind = "group"][?expanded]',
      style: {
        shape: 'round-rectangle',
        width: 'data(bw)',
        height: 'data(bh)',
        'background-color': '#1b212b',
        'background-opacity': 0.8,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': '#3d495c',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': 18,
        'font-size': 'mapData(count, 1, 2000, 12, 26)',
        'font-weight': 600,
        color: '#9fb0c8',
        'min-zoomed-font-size': 6,
        'z-index': 0,
      },
    },
    {
      selector: 'edge',
      style: {
        'curve-style': 'haystack',
        'haystack-radius': 0,
        width: 'data(width)',
        'line-color': EDGE_LOOK.runtime.colour,
        opacity: 0.45,
        'mid-target-arrow-shape': 'triangle',
        'mid-target-arrow-color': EDGE_LOOK.runtime.colour,
        'arrow-scale': 0.6,
        label: 'data(caption)',
        'font-size': 9,
        color: '#aab4c3',
        'min-zoomed-font-size': 9,
        'text-background-color': '#14181f',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'overlay-opacity': 0,
        'z-index-compare': 'manual',
        'z-index': 1,
      },
    },
    {
      selector: 'edge[label = "export"]',
      style: {
        'line-color': EDGE_LOOK.export.colour,
        'mid-target-arrow-color': EDGE_LOOK.export.colour,
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        opacity: 0.7,
        'z-index': 2,
      },
    },
    {
      selector: 'edge[label = "compile"]',
      style: {
        'line-color': EDGE_LOOK.compile.colour,
        'mid-target-arrow-color': EDGE_LOOK.compile.colour,
        opacity: 0.8,
        'z-index': 3,
      },
    },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: 'edge.faded', style: { opacity: 0.05 } },
    {
      selector: 'node.mark-recompiled',
      style: {
        'background-color': MARK_COLOUR.recompiled,
        'border-width': 2,
        'border-color': '#bff5e2',
      },
    },
    {
      selector: 'node.mark-failed',
      style: {
        'background-color': MARK_COLOUR.failed,
        'border-width': 3,
        'border-color': '#ffd0d0',
      },
    },
    {
      selector: 'node.mark-removed',
      style: {
        'background-color': MARK_COLOUR.removed,
        'border-width': 2,
        'border-style': 'dotted',
        'border-color': '#c0c6cf',
        opacity: 0.6,
      },
    },
    { selector: 'node.cycle', style: { 'border-width': 3, 'border-color': CYCLE } },
    {
      selector: 'edge.cycle',
      style: { 'line-color': CYCLE, 'mid-target-arrow-color': CYCLE, opacity: 1 },
    },
    { selector: 'node.blast', style: { 'border-width': 3, 'border-color': BLAST } },
    { selector: 'node.related', style: { 'border-width': 3, 'border-color': HIGHLIGHT } },
    {
      selector: 'edge.path',
      style: {
        'line-color': HIGHLIGHT,
        'mid-target-arrow-color': HIGHLIGHT,
        width: 4,
        opacity: 1,
        'z-index': 9,
      },
    },
    { selector: 'node.path', style: { 'border-width': 3, 'border-color': HIGHLIGHT } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#ffffff' } },
    {
      selector: 'node.sel',
      style: {
        'border-width': 4,
        'border-color': '#ffffff',
        color: '#ffffff',
        'font-weight': 700,
        'z-index': 20,
      },
    },
  ];
}

/** Every class the view sets from state, cleared before each highlight pass. */
export const VIEW_CLASSES = [
  'faded',
  'mark-recompiled',
  'mark-failed',
  'mark-removed',
  'cycle',
  'blast',
  'related',
  'path',
  'match',
  'sel',
] as const;
