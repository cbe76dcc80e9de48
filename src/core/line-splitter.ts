/**
 * Splits a byte stream into text lines, for the VM's stdout and stderr.
 */
import { StringDecoder } from 'node:string_decoder';

/** Longest line kept whole; a runaway line without newlines is cut so memory stays bounded. */
const MAX_LINE_CHARS = 16 * 1024;

/** Turns chunks into complete lines (without `\n` or `\r\n`); `flush` yields the last partial one. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** Feeds a chunk and returns the lines it completed. */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    const lines = parts.map(stripCr);
    while (this.partial.length > MAX_LINE_CHARS) {
      lines.push(this.partial.slice(0, MAX_LINE_CHARS));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
    return lines;
  }

  /** Returns the unterminated last line, if any, and resets. */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest.length > 0 ? [stripCr(rest)] : [];
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
