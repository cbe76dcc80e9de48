/** Small formatting helpers shared by the views. */

/** `HH:MM:SS.mmm` in local time, the precision an event log needs. */
export function formatTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A duration in ms as `812 ms` or `1.4 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A short hash prefix for display; the full hash goes in a title. */
export function shortHash(hash: string | null): string {
  return hash === null ? '—' : hash.slice(0, 10);
}

/** The first sentence or line of a doc string, for a table cell. */
export function docSummary(doc: string | null): string {
  if (!doc) return '';
  const firstParagraph = doc.trim().split(/\n\s*\n/)[0] ?? '';
  return firstParagraph.replace(/\s+/g, ' ');
}
