#!/usr/bin/env node
// The BPDUs of a recording, as bytes: the oracle's trace format does not decode 802.3/LLC frames
// (a BPDU is {"eth": {…, "type": "unknown"}}), so a golden with STP keeps the frames sent to the
// bridge group address 01:80:c2:00:00:00 beside its trace, one hex string per frame, per link, in
// capture order. Read from the capture files `record.mjs --pcap-dir DIR` keeps (NN_KEY.pcap, one per
// link in file order, classic pcap of Ethernet frames).
//
//   node tools/oracle/bpdu-bytes.mjs DIR NAME.trace.json > NAME.bpdu.json
//
// The trace gives the link keys (in file order, as the pcap files are numbered).

import fs from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';

const [dir, tracePath] = process.argv.slice(2);
if (!dir || !tracePath) {
  console.error('usage: bpdu-bytes.mjs PCAP_DIR TRACE.json');
  process.exit(2);
}
const keys = Object.keys(JSON.parse(fs.readFileSync(tracePath, 'utf8')).links);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pcap')).sort();
if (files.length !== keys.length) throw new Error(`${files.length} capture files for ${keys.length} links`);

/** Frames of a classic pcap file (either byte order). */
function pcapFrames(buf) {
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const frames = [];
  for (let o = 24; o + 16 <= buf.length; ) {
    const len = u32(o + 8);
    frames.push(buf.subarray(o + 16, o + 16 + len));
    o += 16 + len;
  }
  return frames;
}

const GROUP = Buffer.from([0x01, 0x80, 0xc2, 0x00, 0x00, 0x00]);
const links = {};
keys.forEach((key, i) => {
  links[key] = pcapFrames(fs.readFileSync(path.join(dir, files[i]))).filter((f) => f.subarray(0, 6).equals(GROUP)).map((f) => f.toString('hex'));
});
const body = Object.entries(links)
  .map(([k, v]) => `    ${JSON.stringify(k)}: [${v.length ? `\n${v.map((h) => `      ${JSON.stringify(h)}`).join(',\n')}\n    ` : ''}]`)
  .join(',\n');
process.stdout.write(`{\n  "format": 1,\n  "links": {\n${body}\n  }\n}\n`);
