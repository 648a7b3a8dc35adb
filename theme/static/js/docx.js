// A model text's Word file with the reader's values in place of its placeholders, made in the browser
// from the file the build wrote: the ZIP package is read, the text parts (word/document.xml, headers and
// footers) are inflated, each <w:t> text is filled, and the package is written again, with the
// browser's own compression streams ("deflate-raw"). Nothing leaves the page. The build writes every
// placeholder as a run of its own (plugins/hub_toolkit/blocks.py, word.py), so a placeholder is never
// split across runs; a filled one loses its yellow highlight (highlighted = still to fill in).
// fill.js imports this module the first time a reader downloads the Word file with values filled in.

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const PARTS = /^word\/(document|header\d*|footer\d*)\.xml$/;
const FULL = 0xffffffff; // a ZIP64 size or offset: never in a model text's file
// A run holding one text (its properties are empty elements only), else any text element.
const TEXT =
  /<w:r>(?:<w:rPr>((?:<w:[^>]*\/>)*)<\/w:rPr>)?<w:t(?:\s[^>]*)?>([^<]*)<\/w:t><\/w:r>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
const HIGHLIGHT = '<w:highlight w:val="yellow"/>';
const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

const unescapeXml = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name) => {
    if (name[0] !== "#") return ENTITIES[name] ?? entity;
    const point = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });
const escapeXml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const textElement = (text) => `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;

// `fill(text)` gives the text with the reader's values in place of the placeholders they filled.
export function fillXml(xml, fill) {
  return xml.replace(TEXT, (whole, props, runText, loneText) => {
    const written = unescapeXml(runText ?? loneText);
    const filled = fill(written);
    if (filled === written) return whole;
    if (runText === undefined) return textElement(filled);
    const alone = /^\[[^[\]]*\]$/.test(written);
    const kept = alone ? (props ?? "").replace(HIGHLIGHT, "") : (props ?? "");
    return `<w:r>${kept ? `<w:rPr>${kept}</w:rPr>` : ""}${textElement(filled)}</w:r>`;
  });
}

let table;
const crc32 = (bytes) => {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const through = async (bytes, stream) =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());

const endOf = (view) => {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END) return at;
  }
  throw new Error("not a ZIP package");
};

const check = (condition) => {
  if (!condition) throw new Error("a ZIP package this page cannot fill");
};

// One entry of the package: its central record, and its data as stored or as filled.
async function entry(bytes, view, at, fill) {
  check(view.getUint32(at, true) === CENTRAL);
  const nameLength = view.getUint16(at + 28, true);
  const length = 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  const central = bytes.slice(at, at + length);
  const record = new DataView(central.buffer);
  const name = new TextDecoder().decode(central.subarray(46, 46 + nameLength));
  const local = record.getUint32(42, true);
  const size = record.getUint32(20, true);
  const method = record.getUint16(10, true);
  check(local !== FULL && size !== FULL && (record.getUint16(8, true) & 1) === 0);
  check(local + 30 <= bytes.length && view.getUint32(local, true) === LOCAL);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  check(start + size <= bytes.length);
  let data = bytes.subarray(start, start + size);
  if (PARTS.test(name)) {
    check(method === 0 || method === 8);
    const raw = method === 8 ? await through(data, new DecompressionStream("deflate-raw")) : data;
    const xml = new TextDecoder().decode(raw);
    const edited = fillXml(xml, fill);
    if (edited !== xml) {
      const encoded = new TextEncoder().encode(edited);
      data = await through(encoded, new CompressionStream("deflate-raw"));
      record.setUint16(10, 8, true);
      record.setUint32(16, crc32(encoded), true);
      record.setUint32(20, data.length, true);
      record.setUint32(24, encoded.length, true);
    }
  }
  record.setUint16(8, record.getUint16(8, true) & ~8, true); // sizes are in the headers: no descriptor
  return { central, record, data, nameLength, length };
}

// The Word file `bytes` (a Uint8Array) with `fill` applied to its text, as a Blob.
export async function fillWord(bytes, fill, type) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOf(view);
  const count = view.getUint16(end + 10, true);
  const parts = [];
  const centrals = [];
  let offset = 0;
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    const { central, record, data, nameLength, length } = await entry(bytes, view, at, fill);
    at += length;
    const local = new Uint8Array(30 + nameLength);
    const header = new DataView(local.buffer);
    header.setUint32(0, LOCAL, true);
    for (const [to, from] of [[4, 6], [6, 8], [8, 10], [10, 12], [12, 14]]) {
      header.setUint16(to, record.getUint16(from, true), true); // version, flags, method, time, date
    }
    for (const [to, from] of [[14, 16], [18, 20], [22, 24]]) {
      header.setUint32(to, record.getUint32(from, true), true); // CRC-32, sizes
    }
    header.setUint16(26, nameLength, true);
    local.set(central.subarray(46, 46 + nameLength), 30);
    record.setUint32(42, offset, true);
    parts.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directory = centrals.reduce((sum, c) => sum + c.length, 0);
  const close = new DataView(new ArrayBuffer(22));
  close.setUint32(0, END, true);
  close.setUint16(8, count, true);
  close.setUint16(10, count, true);
  close.setUint32(12, directory, true);
  close.setUint32(16, offset, true);
  return new Blob([...parts, ...centrals, close], { type });
}
