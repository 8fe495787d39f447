// IEEE 802.1D BPDUs as the Linux bridge sends them (net/bridge/br_stp_bpdu.c): an 802.3 frame
// (the type field is the length) to the bridge group address 01:80:c2:00:00:00, an LLC UI header
// (DSAP 0x42, SSAP 0x42, control 0x03), then protocol id 0, version 0 and the BPDU: a
// configuration BPDU (35 bytes) or a topology change notification (4 bytes). Times are in 1/256 s
// on the wire (br_set_ticks).

import type { MacAddr } from './addr';
import { bytesToMac } from './addr';
import { put16, put32, put8, putMac, rd16, rd32, type Writer } from './codec-bytes';
import type { EthernetFrame } from './types';

/** The bridge group address every BPDU is sent to (br->group_addr). */
export const STP_GROUP_MAC = '01:80:c2:00:00:00' as MacAddr;
/** LLC_SAP_BSPAN: the spanning tree's service access point. */
export const LLC_SAP_BSPAN = 0x42;
/** LLC_PDU_CMD UI (unnumbered information). */
export const LLC_UI = 0x03;
/** BPDU_TYPE_CONFIG and BPDU_TYPE_TCN. */
export const BPDU_TYPE = { config: 0x00, tcn: 0x80 } as const;
/** STP_HZ: a BPDU's times count 1/256 s. */
export const STP_HZ = 256;

/** The fields of a configuration BPDU, as on the wire. */
export interface StpConfigFields {
  /** bit 0 topology change, bit 7 topology change acknowledgement */
  flags: number;
  rootPriority: number;
  rootMac: MacAddr;
  rootPathCost: number;
  bridgePriority: number;
  bridgeMac: MacAddr;
  /** port priority << 10 | port number (br_make_port_id) */
  portId: number;
  /** in 1/256 s */
  messageAge: number;
  maxAge: number;
  helloTime: number;
  forwardDelay: number;
}

/** LLC header and BPDU (what follows the 802.3 length field). */
export interface StpBpdu {
  kind: 'stp';
  dsap: number;
  ssap: number;
  control: number;
  protocolId: number;
  version: number;
  /** BPDU_TYPE.config or BPDU_TYPE.tcn */
  bpduType: number;
  /** present on a configuration BPDU */
  config?: StpConfigFields;
}

/** Bytes after the 802.3 length field: LLC (3) + protocol id, version, type (4) + 31 of a configuration BPDU. */
export const bpduLength = (b: StpBpdu): number => 3 + 4 + (b.config ? 31 : 0);

/** A BPDU frame from `src` (the port's own address), as br_send_bpdu builds it. */
export function bpduFrame(src: MacAddr, config: StpConfigFields | undefined): EthernetFrame {
  const payload: StpBpdu = { kind: 'stp', dsap: LLC_SAP_BSPAN, ssap: LLC_SAP_BSPAN, control: LLC_UI, protocolId: 0, version: 0, bpduType: config ? BPDU_TYPE.config : BPDU_TYPE.tcn, ...(config ? { config } : {}) };
  return { dstMac: STP_GROUP_MAC, srcMac: src, ethertype: bpduLength(payload), payload };
}

/** Writes LLC and BPDU (br_send_config_bpdu, br_send_tcn_bpdu). */
export function writeStp(w: Writer, b: StpBpdu): void {
  put8(w, 'llc.dsap', b.dsap);
  put8(w, 'llc.ssap', b.ssap);
  put8(w, 'llc.control', b.control);
  put16(w, 'stp.protocolId', b.protocolId);
  put8(w, 'stp.version', b.version);
  put8(w, 'stp.bpduType', b.bpduType);
  const c = b.config;
  if (!c) return;
  put8(w, 'stp.config.flags', c.flags);
  put16(w, 'stp.config.rootPriority', c.rootPriority);
  putMac(w, 'stp.config.rootMac', c.rootMac);
  put32(w, 'stp.config.rootPathCost', c.rootPathCost);
  put16(w, 'stp.config.bridgePriority', c.bridgePriority);
  putMac(w, 'stp.config.bridgeMac', c.bridgeMac);
  put16(w, 'stp.config.portId', c.portId);
  put16(w, 'stp.config.messageAge', c.messageAge);
  put16(w, 'stp.config.maxAge', c.maxAge);
  put16(w, 'stp.config.helloTime', c.helloTime);
  put16(w, 'stp.config.forwardDelay', c.forwardDelay);
}

/**
 * What follows an 802.3 length field, when it is LLC 42 42 03 with a BPDU of protocol 0 (as
 * br_stp_rcv checks it); undefined otherwise (the frame stays raw).
 */
export function decodeStp(body: Uint8Array): StpBpdu | undefined {
  if (body.length < 7 || body[0] !== LLC_SAP_BSPAN || body[1] !== LLC_SAP_BSPAN || body[2] !== LLC_UI) return undefined;
  const protocolId = rd16(body, 3);
  const bpduType = body[6]!;
  if (protocolId !== 0) return undefined;
  const b: StpBpdu = { kind: 'stp', dsap: body[0], ssap: body[1], control: body[2], protocolId, version: body[5]!, bpduType };
  if (bpduType === BPDU_TYPE.config) {
    if (body.length < 38) return undefined;
    const at = 7;
    b.config = {
      flags: body[at]!,
      rootPriority: rd16(body, at + 1),
      rootMac: bytesToMac(body, at + 3),
      rootPathCost: rd32(body, at + 9),
      bridgePriority: rd16(body, at + 13),
      bridgeMac: bytesToMac(body, at + 15),
      portId: rd16(body, at + 21),
      messageAge: rd16(body, at + 23),
      maxAge: rd16(body, at + 25),
      helloTime: rd16(body, at + 27),
      forwardDelay: rd16(body, at + 29),
    };
  } else if (bpduType !== BPDU_TYPE.tcn) return undefined;
  return b;
}
