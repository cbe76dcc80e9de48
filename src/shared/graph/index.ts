/**
 * Pure dependency-graph algorithms shared by the command line and the graph view.
 *
 * Every function accepts a `DependencyGraph` (indexed on first use and cached by identity) or a
 * prebuilt `GraphIndex`; nothing here touches Node, the DOM or the network.
 */
export {
  compareFiles,
  EDGE_LABELS,
  indexGraph,
  strongerLabel,
  toDependencyGraph,
  type GraphIndex,
  type Neighbour,
} from './graph-index';
export {
  queryGraph,
  XrefQueryError,
  type XrefLabel,
  type XrefQuery,
  type XrefResult,
} from './xref-query';
export {
  cyclicComponents,
  stronglyConnectedComponents,
  xrefCycles,
  type XrefCycle,
} from './cycles';
export {
  blastRadius,
  compileConnected,
  findPath,
  neighbourhood,
  type NeighbourFile,
  type Neighbourhood,
  type NeighbourhoodOptions,
} from './analysis';
export { graphStats, xrefStats, type FileDegree, type GraphStats, type XrefStats } from './stats';
