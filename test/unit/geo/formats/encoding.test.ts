// Encoding decisions on their own: label normalisation, language-driver bytes, and detection on short
// Chinese strings where GBK and UTF-8 readings are easiest to confuse.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decideDbfEncoding,
  decodeMany,
  decodeText,
  detectEncoding,
  encodingFromLdid,
  normaliseEncodingLabel
} from '../../../../src/lib/geo/text/encoding.ts';
import { sniff } from '../../../../src/lib/geo/io/sniff.ts';

const WORDS = [
  '红线',
  '用地红线',
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
  '临港新片区',
  '宗地',
  '界址点',
  '工业用地',
  '地块（一）',
  '张江高科技园区'
];

describe('labels and language-driver bytes', () => {
  it.each([
    ['ANSI 936', 'gbk'],
    ['CP936', 'gbk'],
    ['cp 936', 'gbk'],
    ['GB2312', 'gbk'],
    ['GBK', 'gbk'],
    ['GB18030', 'gb18030'],
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['88591', 'latin1'],
    ['ISO 8859-1', 'latin1'],
    ['8859_5', 'iso-8859-5'],
    ['1252', 'cp1252'],
    ['ANSI 1250', 'cp1250'],
    ['Big-5', 'big5'],
    ['950', 'big5'],
    ['windows-1251', 'cp1251']
  ])('%s → %s', (label, enc) => expect(normaliseEncodingLabel(label)).toBe(enc));

  it('unknown and empty labels give nothing', () => {
    expect(normaliseEncodingLabel('KLINGON')).toBeUndefined();
    expect(normaliseEncodingLabel('  ')).toBeUndefined();
  });

  it('LDID 0x4D and 0x7A are GBK; 0 and 87 say nothing', () => {
    expect(encodingFromLdid(0x4d)).toBe('gbk');
    expect(encodingFromLdid(0x7a)).toBe('gbk');
    expect(encodingFromLdid(0)).toBeUndefined();
    expect(encodingFromLdid(87)).toBeUndefined();
  });

  it('the order is user → cpg → ldid → detection, and the deciding rule is reported', () => {
    const chunks = [new Uint8Array(iconv.encode('用地红线', 'gbk'))];
    expect(decideDbfEncoding({ userChoice: 'utf-8', cpg: 'GBK', ldid: 0x4d, chunks }).decision.rule).toBe(
      'user-choice'
    );
    expect(decideDbfEncoding({ cpg: 'GBK', ldid: 0x01, chunks }).decision.rule).toBe('cpg');
    expect(decideDbfEncoding({ ldid: 0x4d, chunks }).decision.rule).toBe('dbf-ldid');
    expect(decideDbfEncoding({ ldid: 0x57, chunks }).decision.rule).toBe('detect-gb18030-common-hanzi');
    expect(decideDbfEncoding({ chunks: [new TextEncoder().encode('ABC')] }).decision.rule).toBe('all-ascii');
  });
});

describe('detection on short real words', () => {
  it.each(WORDS)('%s: GBK bytes → gb18030, UTF-8 bytes → utf-8', (w) => {
    expect(detectEncoding([new Uint8Array(iconv.encode(w, 'gbk'))], 'encoding').encoding).toBe('gb18030');
    expect(detectEncoding([new TextEncoder().encode(w)], 'encoding').encoding).toBe('utf-8');
  });
});

describe('sniffing', () => {
  const f = (name: string, text: string | Uint8Array) => ({
    name,
    bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text
  });
  it('content beats the extension', () => {
    expect(sniff(f('boundary.txt', '{"type":"Polygon"}'))).toEqual({ kind: 'geojson', rule: 'magic' });
    expect(sniff(f('x.dat', '  0\nSECTION\n  2\nENTITIES\n'))).toEqual({ kind: 'dxf', rule: 'magic' });
    expect(sniff(f('x.bin', 'AutoCAD Binary DXF\r\n\x1a\0'))).toEqual({ kind: 'dxf', rule: 'magic' });
    expect(sniff(f('x.bin', 'AC1015\0\0\0'))).toEqual({ kind: 'dwg', rule: 'magic' });
    expect(sniff(f('doc.xml', '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'))).toEqual({
      kind: 'kml',
      rule: 'magic'
    });
  });
  it('a GBK survey TXT is found by its section names, or by J-point lines', () => {
    expect(
      sniff(f('a.dat', new Uint8Array(iconv.encode('[属性描述]\r\n坐标系=2000国家大地坐标系\r\n', 'gbk'))))
    ).toEqual({ kind: 'survey-txt', rule: 'magic' });
    expect(sniff(f('b.dat', 'J1,1,3457455.123,40640412.456\n'))).toEqual({ kind: 'survey-txt', rule: 'magic' });
  });
  it('binary junk named .dxf or .dwg gets a clear refusal, not a crash', () => {
    const junk = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256);
    expect(() => sniff(f('site.dxf', junk))).toThrow(/not DXF/);
    expect(() => sniff(f('site.dwg', junk))).toThrow(/DWG version tag/);
    expect(() => sniff(f('empty.dxf', new Uint8Array(0)))).toThrow(/empty/);
  });
});

describe('decodeMany (DBF fields in one decoder call)', () => {
  const gbk = (t: string) => new Uint8Array(iconv.encode(t, 'gbk'));
  const same = (pieces: Uint8Array[], enc: string) =>
    expect(decodeMany(pieces, enc)).toEqual(pieces.map((p) => decodeText(p, enc)));

  it('gives what decodeText gives on each piece', () => {
    const pieces = [gbk('青浦区地块1  '), gbk('ID-7'), gbk(''), gbk('用地红线'), new Uint8Array([0x41, 0, 0])];
    for (const enc of ['gbk', 'gb18030', 'utf-8', 'latin1', 'big5', 'cp437']) same(pieces, enc);
  });

  it('falls back to one piece at a time when a piece ends inside a character or holds a newline', () => {
    const cut = gbk('用地红线').subarray(0, 3); // a writer truncated the field mid-character
    same([gbk('青浦'), cut, gbk('松江')], 'gbk');
    same([gbk('青浦'), gbk('a\nb'), gbk('松江')], 'gbk');
    same([gbk('青浦'), new Uint8Array([0xff, 0xfe]), gbk('松江')], 'gb18030');
  });
});

describe('decodeText by Node’s own decoders where they agree with iconv-lite', () => {
  it('gives iconv-lite’s character for every code it decodes natively (GBK, GB18030, latin1)', () => {
    for (const enc of ['gbk', 'gb18030']) {
      for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
          const b = new Uint8Array([0x41, lead, trail, 0x20]);
          expect(decodeText(b, enc), `${enc} ${lead.toString(16)}${trail.toString(16)}`).toBe(
            iconv.decode(Buffer.from(b), enc)
          );
        }
      }
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeText(all, 'latin1')).toBe(iconv.decode(Buffer.from(all), 'latin1'));
  });
});
