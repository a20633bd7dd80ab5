// The DBF reader cuts a text field's trailing spaces and NULs before decoding it (the decoded text is cut there
// anyway). That must give the same text in every encoding it does it for, whatever the field holds before them:
// whole characters, a character cut short, bytes that are no character at all.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/lib/geo/text/encoding.ts';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
const cut = (t: string) => t.replace(/[\s\0]+$/, '');

describe('DBF text fields decoded without their trailing spaces and NULs', () => {
  it('give the same text in utf-8, GBK, GB18030, Big5 and latin1', () => {
    const rand = rng(5);
    for (const enc of ['utf-8', 'gbk', 'gb18030', 'big5', 'latin1']) {
      for (let k = 0; k < 4000; k++) {
        const body = Array.from({ length: Math.floor(rand() * 8) }, () =>
          rand() < 0.3 ? Math.floor(rand() * 0x80) : 0x80 + Math.floor(rand() * 0x80)
        );
        const tail = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.5 ? 0x20 : 0));
        const full = Uint8Array.from([...body, ...tail]);
        let e = full.length;
        while (e > 0 && (full[e - 1] === 0x20 || full[e - 1] === 0)) e--;
        expect([enc, [...full], cut(decodeText(full.subarray(0, e), enc))]).toEqual([
          enc,
          [...full],
          cut(decodeText(full, enc))
        ]);
      }
    }
  });
});
