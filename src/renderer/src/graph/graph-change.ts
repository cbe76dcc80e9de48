/**
 * Applies the agent's `graph_changed` events (edges added and removed, nodes whose modules
 * changed) to the graph in hand, so a save updates the explorer without fetching the graph.
 */
import type { DependencyGraph, GraphEdge } from '../../../shared/agent-protocol';
import type { ModuleEvent } from '../../../shared/models';

const edgeKey = (e: GraphEdge): string => `${e.from}\u0000${e.to}\u0000${e.label}`;

/** True when the event carries a change the graph can take in place. */
export function carriesGraphChange(event: ModuleEvent): boolean {
  return (
    event.kind === 'graph_changed' &&
    (event.edges_added !== undefined ||
      event.edges_removed !== undefined ||
      event.nodes_changed !== undefined)
  );
}

/**
 * The graph after `events`' changes, in order; `graph` itself when none applies. A node
 * listed with no modules is gone, with its edges.
 */
export function applyGraphChanges(
  graph: DependencyGraph,
  events: readonly ModuleEvent[],
): DependencyGraph {
  const changes = events.filter(carriesGraphChange);
  if (changes.length === 0) return graph;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map(graph.edges.map((e) => [edgeKey(e), e]));
  for (const ev of changes) {
    for (const e of ev.edges_removed ?? []) edges.delete(edgeKey(e));
    for (const e of ev.edges_added ?? []) edges.set(edgeKey(e), e);
    for (const n of ev.nodes_changed ?? []) {
      if (n.modules.length === 0) nodes.delete(n.id);
      else nodes.set(n.id, n);
    }
  }
  const kept = [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to));
  return { nodes: [...nodes.values()], edges: kept };
}
