// A local tile server for basemap tests: answers every /tiles/{z}/{x}/{y}.png with a 256×256 PNG of one
// colour and counts the requests, so a test sees that the map really fetched the administrator's basemap.
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import { freePort } from './service.ts';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A solid-colour RGB PNG. */
export function solidPng([r, g, b]: [number, number, number], size = 256): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set([r, g, b], 1 + i * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

export interface TileServer {
  origin: string;
  hits: string[];
  close: () => Promise<void>;
}

export async function startTileServer(color: [number, number, number] = [250, 220, 120]): Promise<TileServer> {
  const png = solidPng(color);
  const hits: string[] = [];
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (/^\/tiles\/\d+\/\d+\/\d+\.png/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      res.end(png);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${port}`, hits, close: () => new Promise((ok) => server.close(() => ok())) };
}
