#!/usr/bin/env node
// Draws the tray icons in code (no image tools needed) and writes them to assets/:
//   assets/tray/linux/<state>.png (16 px) and <state>@2x.png (32 px)
//   assets/tray/mac/<state>Template.png and @2x (black glyph + alpha: macOS tints it)
//   assets/tray/win/<state>.ico (16 and 32 px)
//   assets/app/icon.png (1024 px: macOS's icns needs at least 512) and icon.ico (16–256 px)
// Every state has its own shape, so states differ without colour (template images have
// none), and a coloured fill with a dark outline reads on light and dark panels alike.
// Each state also has a "-demo" twin with a purple corner badge, and an "-error" twin (a red
// corner triangle) for a failed command, which overlays the state instead of replacing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const STATES = ['disconnected', 'idle', 'on-call', 'recording', 'recording-screen', 'paused', 'declined', 'pending', 'error'];
const COLORS = {
  grey: [140, 146, 154],
  red: [214, 40, 40],
  amber: [230, 150, 0],
  blue: [40, 110, 220],
  purple: [111, 66, 193],
  white: [255, 255, 255],
  outline: [24, 24, 24],
};

// Shapes in unit coordinates (0..1); each is a list of [insideFn, colour].
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const line = (x0, y0, x1, y1, w) => (x, y) => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= w / 2;
};
const triangle = (x, y) => y >= 0.12 && y <= 0.9 && Math.abs(x - 0.5) <= (y - 0.12) * 0.55;
const not = (a, b) => (x, y) => a(x, y) && !b(x, y);

const GLYPHS = {
  disconnected: [[ring(0.5, 0.5, 0.42, 0.12), 'grey'], [line(0.3, 0.3, 0.7, 0.7, 0.11), 'grey'], [line(0.7, 0.3, 0.3, 0.7, 0.11), 'grey']],
  idle: [[ring(0.5, 0.5, 0.42, 0.13), 'grey']],
  'on-call': [[ring(0.5, 0.5, 0.42, 0.13), 'blue'], [circle(0.5, 0.5, 0.16), 'blue']],
  recording: [[circle(0.5, 0.5, 0.42), 'red']],
  'recording-screen': [[circle(0.42, 0.42, 0.36), 'red'], [not(rect(0.52, 0.6, 0.98, 0.92), rect(0.6, 0.67, 0.9, 0.85)), 'blue']],
  paused: [[rect(0.22, 0.14, 0.42, 0.86), 'amber'], [rect(0.58, 0.14, 0.78, 0.86), 'amber']],
  declined: [[ring(0.5, 0.5, 0.42, 0.12), 'red'], [line(0.24, 0.76, 0.76, 0.24, 0.12), 'red']],
  pending: [[circle(0.2, 0.5, 0.1), 'blue'], [circle(0.5, 0.5, 0.1), 'blue'], [circle(0.8, 0.5, 0.1), 'blue']],
  error: [[not(triangle, (x, y) => rect(0.45, 0.38, 0.55, 0.66)(x, y) || circle(0.5, 0.77, 0.055)(x, y)), 'red']],
};
const DEMO_BADGE = [[rect(0, 0.62, 0.38, 1), 'purple']];
// A failed command: a small triangle over the top-right corner, so the state underneath (paused!) still shows.
const cornerTriangle = (x, y) => y >= 0 && y <= 0.46 && Math.abs(x - 0.77) <= y * 0.5;
const ERROR_BADGE = [[cornerTriangle, 'red']];

function render(layers, size, { template = false } = {}) {
  const px = new Float64Array(size * size * 4);
  const samples = 4;
  const covers = (fn, px0, py0, grow) => {
    let hit = 0;
    for (let sy = 0; sy < samples; sy++)
      for (let sx = 0; sx < samples; sx++) {
        const x = (px0 + (sx + 0.5) / samples) / size;
        const y = (py0 + (sy + 0.5) / samples) / size;
        if (grow ? [[0, 0], [grow, 0], [-grow, 0], [0, grow], [0, -grow]].some(([dx, dy]) => fn(x + dx, y + dy)) : fn(x, y)) hit++;
      }
    return hit / (samples * samples);
  };
  const blend = (i, rgb, a) => {
    const oa = px[i + 3];
    const na = a + oa * (1 - a);
    for (let c = 0; c < 3; c++) px[i + c] = na ? (rgb[c] * a + px[i + c] * oa * (1 - a)) / na : 0;
    px[i + 3] = na;
  };
  const outline = 1.2 / size;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      for (const [fn, colour] of layers) {
        if (!template) {
          const edge = covers(fn, x, y, outline);
          if (edge) blend(i, COLORS.outline, edge * 0.85);
        }
        const a = covers(fn, x, y, 0);
        if (a) blend(i, template ? [0, 0, 0] : COLORS[colour], a);
      }
    }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(px, size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size * 4; x++) raw[y * (size * 4 + 1) + 1 + x] = Math.round(px[y * size * 4 + x] * (x % 4 === 3 ? 255 : 1));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const out = 'assets';
for (const dir of ['tray/linux', 'tray/mac', 'tray/win', 'app']) mkdirSync(`${out}/${dir}`, { recursive: true });
let count = 0;
for (const state of STATES) {
  for (const [failed, demo] of [[false, false], [false, true], [true, false], [true, true]]) {
    // The plain "error" icon is the start-failure tray's; it needs no error badge.
    if (failed && state === 'error') continue;
    const name = `${state}${failed ? '-error' : ''}${demo ? '-demo' : ''}`;
    const layers = [...GLYPHS[state], ...(failed ? ERROR_BADGE : []), ...(demo ? DEMO_BADGE : [])];
    count += 1;
    const p16 = png(render(layers, 16), 16);
    const p32 = png(render(layers, 32), 32);
    writeFileSync(`${out}/tray/linux/${name}.png`, p16);
    writeFileSync(`${out}/tray/linux/${name}@2x.png`, p32);
    writeFileSync(`${out}/tray/mac/${name}Template.png`, png(render(layers, 16, { template: true }), 16));
    writeFileSync(`${out}/tray/mac/${name}Template@2x.png`, png(render(layers, 32, { template: true }), 32));
    writeFileSync(`${out}/tray/win/${name}.ico`, ico([{ size: 16, data: p16 }, { size: 32, data: p32 }]));
  }
}
const appLayers = [[circle(0.5, 0.5, 0.46), 'white'], [ring(0.5, 0.5, 0.46, 0.06), 'outline'], [circle(0.5, 0.5, 0.3), 'red']];
// electron-builder makes the macOS icns and the Linux icon set from this one PNG: icns needs >= 512 px.
writeFileSync(`${out}/app/icon.png`, png(render(appLayers, 1024), 1024));
const icoSizes = [16, 32, 48, 256];
writeFileSync(`${out}/app/icon.ico`, ico(icoSizes.map((size) => ({ size, data: png(render(appLayers, size), size) }))));
console.log(`wrote ${count} tray icons for 3 platforms and the app icon to ${out}/`);
