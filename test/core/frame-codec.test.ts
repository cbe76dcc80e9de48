import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameTooLargeError, encodeFrame } from '../../src/core/frame-codec';

const text = (frames: Buffer[]): string[] => frames.map((f) => f.toString('utf8'));

describe('encodeFrame', () => {
  it('prefixes the UTF-8 body with its byte length, big-endian', () => {
    const frame = encodeFrame('{"a":"é"}');
    expect(frame.readUInt32BE(0)).toBe(10);
    expect(frame.subarray(4).toString('utf8')).toBe('{"a":"é"}');
  });

  it('encodes an empty body as a bare zero header', () => {
    expect([...encodeFrame('')]).toEqual([0, 0, 0, 0]);
  });
});

describe('FrameDecoder', () => {
  it('decodes several frames from one chunk', () => {
    const decoder = new FrameDecoder();
    const chunk = Buffer.concat([encodeFrame('one'), encodeFrame('two'), encodeFrame('three')]);
    expect(text(decoder.push(chunk))).toEqual(['one', 'two', 'three']);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('reassembles a frame split at every possible byte, header included', () => {
    const frames = Buffer.concat([encodeFrame('héllo wörld'), encodeFrame('x')]);
    for (let cut = 0; cut <= frames.length; cut++) {
      const decoder = new FrameDecoder();
      const out = [...decoder.push(frames.subarray(0, cut)), ...decoder.push(frames.subarray(cut))];
      expect(text(out)).toEqual(['héllo wörld', 'x']);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const decoder = new FrameDecoder();
    const stream = Buffer.concat([encodeFrame('{"seq":1}'), encodeFrame(''), encodeFrame('z')]);
    const out: Buffer[] = [];
    for (const byte of stream) out.push(...decoder.push(Buffer.from([byte])));
    expect(text(out)).toEqual(['{"seq":1}', '', 'z']);
  });

  it('keeps a partial frame pending until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame('abcdef');
    expect(decoder.push(frame.subarray(0, 7))).toEqual([]);
    expect(decoder.pendingBytes).toBe(7);
    expect(text(decoder.push(frame.subarray(7)))).toEqual(['abcdef']);
  });

  it('returns frames that do not alias later input', () => {
    const decoder = new FrameDecoder();
    const chunk = Buffer.concat([encodeFrame('abc'), encodeFrame('def')]);
    const [first] = decoder.push(chunk);
    chunk.fill(0);
    expect(first?.toString()).toBe('abc');
  });

  it('refuses a frame over the limit with a clear error, and stays failed', () => {
    const decoder = new FrameDecoder(16);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(17, 0);
    expect(() => decoder.push(header)).toThrow(FrameTooLargeError);
    expect(() => decoder.push(header)).toThrow('frame of 17 bytes exceeds the limit of 16 bytes');
    expect(() => decoder.push(encodeFrame('ok'))).toThrow(FrameTooLargeError);
  });

  it('accepts a frame exactly at the limit', () => {
    const decoder = new FrameDecoder(4);
    expect(text(decoder.push(encodeFrame('abcd')))).toEqual(['abcd']);
  });
});
