// The DBF reader cuts a text field's trailing spaces and NULs before decoding it (the decoded text is cut there
// anyway). That must give the same text in every encoding it does it for, whatever the field holds before them:
// whole characters, a character cut short, bytes that are no character at all. And number fields that are plain
// integers are read without decoding them as text: the same values.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/lib/geo/text/encoding.ts';
import { plainInteger } from '../../../../src/lib/geo/formats/dbf.ts';

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

describe('DBF number fields read as plain integers without a string', () => {
  const LATIN1 = new TextDecoder('latin1');
  /** what the reader gives through text: NULs dropped, trimmed, Number(), null when empty or not finite */
  const viaText = (raw: Uint8Array) => {
    const s = LATIN1.decode(raw).replace(/\0/g, '').trim();
    if (!s || /^\*+$/.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  it('give what the text gives, or leave the field to the text', () => {
    const rand = rng(9);
    const alphabet = [0x20, 0, 0x2d, 0x2b, 0x2e, 0x2a, 0x09, 0x65, ...Array.from({ length: 10 }, (_, i) => 0x30 + i)];
    let fast = 0;
    for (let k = 0; k < 50_000; k++) {
      const raw = Uint8Array.from({ length: Math.floor(rand() * 20) }, () =>
        rand() < 0.6 ? 0x30 + Math.floor(rand() * 10) : alphabet[Math.floor(rand() * alphabet.length)]
      );
      const v = plainInteger(raw);
      if (v === undefined) continue;
      fast++;
      expect([[...raw], Object.is(v, viaText(raw))]).toEqual([[...raw], true]);
    }
    expect(fast).toBeGreaterThan(5000);
  });
});
