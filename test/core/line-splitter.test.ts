import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/core/line-splitter';

describe('LineSplitter', () => {
  it('splits on LF and CRLF and holds the unterminated rest', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\r\nb\nc')).toEqual(['a', 'b']);
    expect(splitter.push('d\n')).toEqual(['cd']);
    expect(splitter.flush()).toEqual([]);
  });

  it('does not break a multi-byte character split across chunks', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('ünïcode\n', 'utf8');
    expect(splitter.push(bytes.subarray(0, 1))).toEqual([]);
    expect(splitter.push(bytes.subarray(1))).toEqual(['ünïcode']);
  });

  it('flushes a last line without a newline', () => {
    const splitter = new LineSplitter();
    splitter.push('tail');
    expect(splitter.flush()).toEqual(['tail']);
  });
});
