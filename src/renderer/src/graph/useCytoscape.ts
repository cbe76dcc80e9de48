/**
 * Owns the Cytoscape instance of the graph view: created once into a ref, fed element diffs
 * inside `cy.batch()`, positions always preset (layouts run in the worker), highlight classes
 * applied in one pass. React never re-renders the canvas.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef, type RefObject } from 'react';
import { graphStylesheet, VIEW_CLASSES } from './cy-style';
import { diffElements, type Snapshot } from './element-diff';
import type { Positions } from './layout-core';
import type { ViewResult } from './view-compute';

/** A computed view to show, and how. */
export interface CanvasView {
  result: ViewResult;
  /** Move every node to its computed position (else only new nodes are placed). */
  relayout: boolean;
  /** Fit the viewport to the graph afterwards. */
  fit: boolean;
}

/** What the canvas reports back. */
export interface CanvasCallbacks {
  onTap: (id: string | null, additive: boolean) => void;
  onDoubleTap: (id: string) => void;
  /** Positions of all leaf nodes after the user dragged some. */
  onMoved: (positions: Positions) => void;
  /** The first frame showing a view was painted. */
  onPainted: (view: CanvasView) => void;
}

/** Edges beyond which edges are hidden while the viewport moves. */
const HIDE_EDGES_ABOVE = 150;

/** Creates the canvas in `container` and keeps it in step with `view` and `classes`. */
export function useCytoscape(
  container: RefObject<HTMLDivElement | null>,
  view: CanvasView | null,
  classes: ReadonlyMap<string, readonly string[]>,
  fadeOthers: boolean,
  focus: { id: string; seq: number } | null,
  callbacks: CanvasCallbacks,
): RefObject<Core | null> {
  const cyRef = useRef<Core | null>(null);
  const snapshot = useRef<Map<string, Snapshot>>(new Map());
  const cb = useRef(callbacks);
  useEffect(() => {
    cb.current = callbacks;
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const cy = cytoscape({
      container: el,
      style: graphStylesheet(),
      layout: { name: 'preset' },
      // Speed over crispness on CPU-drawn canvases: see shared/TOOLCHAIN.md's Cytoscape notes.
      pixelRatio: 1,
      hideEdgesOnViewport: false,
      textureOnViewport: false,
      motionBlur: false,
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    cy.on('tap', (ev) => {
      const additive = (ev.originalEvent as MouseEvent | undefined)?.shiftKey ?? false;
      if (ev.target === cy) cb.current.onTap(null, false);
      else if (ev.target.isNode()) cb.current.onTap(ev.target.id(), additive);
    });
    cy.on('dbltap', 'node', (ev) => cb.current.onDoubleTap(ev.target.id()));
    cy.on('dragfree', 'node', () => {
      const out: Positions = {};
      cy.nodes('[!expanded]').forEach((n) => {
        out[n.id()] = { ...n.position() };
      });
      cb.current.onMoved(out);
    });
    cyRef.current = cy;
    const snap = snapshot.current;
    return () => {
      cy.destroy();
      cyRef.current = null;
      snap.clear();
    };
  }, [container]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !view) return;
    const plan = diffElements(
      snapshot.current,
      view.result.elements,
      view.result.positions,
      view.relayout,
    );
    cy.batch(() => {
      for (const id of plan.remove) {
        const el = cy.getElementById(id);
        if (el.nonempty()) el.remove();
      }
      if (plan.add.length > 0) cy.add(plan.add as ElementDefinition[]);
      for (const u of plan.update) cy.getElementById(u.id).data(u.data);
      for (const m of plan.move) cy.getElementById(m.id).position(m.position);
    });
    snapshot.current = plan.next;
    // Open groups are boxes drawn behind their files: dragging a file must not drag the box.
    cy.nodes('[?expanded]').ungrabify();
    cy.nodes('[!expanded]').grabify();
    // Hiding edges during pan/zoom is only worth its flicker when there are many of them.
    const renderer = (cy as unknown as { renderer(): { hideEdgesOnViewport: boolean } }).renderer();
    renderer.hideEdgesOnViewport = view.result.elements.edges.length > HIDE_EDGES_ABOVE;
    if (view.fit) cy.fit(undefined, 40);
    cy.one('render', () => requestAnimationFrame(() => cb.current.onPainted(view)));
    // A no-op diff triggers no render; ask for one so `onPainted` always fires.
    cy.forceRender();
  }, [view]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(`.${VIEW_CLASSES.join(', .')}`).removeClass(VIEW_CLASSES.join(' '));
      if (fadeOthers) cy.elements().addClass('faded');
      for (const [id, cls] of classes) {
        const el = cy.getElementById(id);
        if (el.empty()) continue;
        if (fadeOthers) el.removeClass('faded');
        el.addClass(cls.join(' '));
      }
    });
  }, [classes, fadeOthers, view]);

  // A focus request may name a node that only appears once its groups open: retry on each
  // new view until it is shown, then never again (later views must not pull the viewport back).
  const focusDone = useRef<number | null>(null);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focus || focusDone.current === focus.seq) return;
    const el = cy.getElementById(focus.id);
    if (el.empty()) return;
    focusDone.current = focus.seq;
    // An open group is a box: show all of it; a file or closed group: centre and zoom in.
    if (el.data('expanded') === true)
      cy.animate({ fit: { eles: el, padding: 40 } }, { duration: 250 });
    else cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
  }, [focus, view]);

  return cyRef;
}
