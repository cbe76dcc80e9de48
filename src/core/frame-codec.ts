/**
 * Length-prefixed framing for the agent link: each frame is a 4-byte big-endian length followed
 * by that many bytes, which is what Erlang's `{packet, 4}` socket option reads and writes.
 */

/** Default largest frame accepted: generous for a graph of thousands of files, small enough
 * that a corrupted length cannot make Node allocate gigabytes. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

const HEADER_BYTES = 4;

/** Raised when a frame's declared length exceeds the decoder's limit; the stream is unusable after. */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError';
  constructor(
    readonly length: number,
    readonly maxBytes: number,
  ) {
    super(`frame of ${length} bytes exceeds the limit of ${maxBytes} bytes`);
  }
}

/** Encodes one frame: the body's length as a 4-byte big-endian integer, then the body. */
export function encodeFrame(body: string | Uint8Array): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  if (payload.length > 0xffffffff) {
    throw new FrameTooLargeError(payload.length, 0xffffffff);
  }
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/**
 * Incremental decoder: feed it socket chunks as they arrive, get back every complete frame.
 *
 * Chunks may split a frame anywhere (even inside the header) or carry several frames at once.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failed: FrameTooLargeError | null = null;

  constructor(private readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Appends a chunk; returns the frames it completed (bodies without their headers). */
  push(chunk: Uint8Array): Buffer[] {
    // After an oversized header the byte stream has lost its alignment: nothing later can be
    // trusted, so the decoder stays failed and the caller must drop the connection.
    if (this.failed) throw this.failed;
    if (chunk.length > 0) {
      this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    while (this.buffered >= HEADER_BYTES) {
      const head = this.peek(HEADER_BYTES);
      const length = head.readUInt32BE(0);
      if (length > this.maxFrameBytes) {
        this.failed = new FrameTooLargeError(length, this.maxFrameBytes);
        throw this.failed;
      }
      if (this.buffered < HEADER_BYTES + length) break;
      const whole = this.take(HEADER_BYTES + length);
      frames.push(whole.subarray(HEADER_BYTES));
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) return first.subarray(0, n);
    this.coalesce();
    return (this.chunks[0] as Buffer).subarray(0, n);
  }

  private take(n: number): Buffer {
    let first = this.chunks[0] as Buffer;
    if (first.length < n) {
      this.coalesce();
      first = this.chunks[0] as Buffer;
    }
    // Copy so a returned frame does not pin the whole (possibly large) socket chunk.
    const out = Buffer.from(first.subarray(0, n));
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }

  private coalesce(): void {
    this.chunks = [Buffer.concat(this.chunks, this.buffered)];
  }
}
