// The Linux bridge's IEEE 802.1D spanning tree (net/bridge/br_stp.c, br_stp_timer.c, br_stp_if.c,
// the receive side of br_stp_bpdu.c), function for function: root election by bridge id, root and
// designated ports, port states blocking → listening → learning → forwarding on the forward
// delay timer, hello BPDUs from the root relayed by each bridge from its root port, message age,
// the hold timer, topology change notifications and the root's topology change flag (which makes
// the fdb age out after twice the forward delay, __br_set_topology_change). A bridge with STP off
// uses the same port states: a port is forwarding when it is up and disabled when it is down.
//
// Timers run on the virtual clock. Linux counts them in jiffies (this machine's HZ is 250, 4 ms)
// and BPDUs carry 1/256 s: message ages are computed in jiffies and converted as the kernel
// does, so a BPDU relayed at once says 1/256 s per bridge. round_jiffies (the hello and hold
// timers) rounds to the nearest whole second of the virtual clock.

import type { MacAddr } from '../wire/addr';
import { BPDU_TYPE, bpduFrame, STP_HZ, type StpBpdu, type StpConfigFields } from '../wire/stp';
import type { Sim } from '../sim/sim';
import type { PacketId, StpPortState, StpRole, StpVerdict } from '../sim/trace';
import type { BridgeStpConf, PortStpConf } from '../topology';

/** CONFIG_HZ of the kernel the goldens were recorded on. */
const HZ = 250;
const US_PER_JIFFY = 1_000_000 / HZ;
/** MESSAGE_AGE_INCR: (HZ / 256) + 1 jiffies */
const MESSAGE_AGE_INCR = Math.floor(HZ / 256) + 1;
/** BR_HOLD_TIME: at most one configuration BPDU a second on a port */
const HOLD_TIME_US = 1_000_000;
/** USER_HZ: `ip` reads and writes the bridge's times in 1/100 s */
const US_PER_CLOCK_T = 10_000;

/** The kernel's defaults (br_dev_setup, new_nbp, br_port_cost for a veth's 10 Gb/s). */
export const STP_DEFAULTS = { priority: 0x8000, forwardDelay: 1500, helloTime: 200, maxAge: 2000, portPriority: 32, portCost: 2, ageingTime: 30000 } as const;
/** BR_PORT_BITS: the port number's share of a port id */
const PORT_BITS = 10;

/** struct bridge_id: priority, then address; compared as 8 bytes (memcmp). */
export interface BridgeId {
  prio: number;
  mac: MacAddr;
}

const cmpId = (a: BridgeId, b: BridgeId): number => (a.prio !== b.prio ? a.prio - b.prio : a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0);
const sameId = (a: BridgeId, b: BridgeId): boolean => cmpId(a, b) === 0;

/** As iproute2 prints a bridge id: priority in hex, the address's bytes in %x (8000.2:0:0:0:1:1). */
export const bridgeIdText = (id: BridgeId): string => `${id.prio.toString(16).padStart(4, '0')}.${id.mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;

/** A kernel timer: mod_timer, del_timer, timer_pending. A timer armed again makes its last arming stale. */
class Timer {
  expires: number | undefined = undefined;
  private gen = 0;
  constructor(
    private readonly sim: Sim,
    private readonly fn: () => void,
  ) {}
  mod(t: number): void {
    const g = ++this.gen;
    this.expires = t;
    this.sim.at(t, () => {
      if (g !== this.gen) return;
      this.expires = undefined;
      this.fn();
    });
  }
  del(): void {
    this.gen++;
    this.expires = undefined;
  }
  get pending(): boolean {
    return this.expires !== undefined;
  }
}

/** struct net_bridge_port, its STP part. */
export interface StpPort {
  readonly name: string;
  readonly mac: MacAddr;
  readonly portNo: number;
  priority: number;
  pathCost: number;
  portId: number;
  state: StpPortState;
  /** ip link set DEV up, with a link (netif_running && netif_oper_up) */
  up: boolean;
  designatedRoot: BridgeId;
  designatedCost: number;
  designatedBridge: BridgeId;
  designatedPort: number;
  /** virtual time (µs) at which the recorded BPDU's information was born (jiffies - message_age) */
  designatedAge: number;
  topologyChangeAck: boolean;
  configPending: boolean;
  /** the role the trace last gave it */
  reportedRole: StpRole;
  messageAgeTimer: Timer;
  forwardDelayTimer: Timer;
  holdTimer: Timer;
}

/** What the STP needs of its bridge. */
export interface StpHost {
  readonly name: string;
  readonly sim: Sim;
  /** sends a BPDU out of a port (dev_queue_xmit) */
  sendBpdu(port: string, bpdu: ReturnType<typeof bpduFrame>): void;
  /** the fdb's ageing time changed (µs) */
  setAgeing(us: number): void;
  /** the port went down: its fdb entries go (br_fdb_delete_by_port) */
  fdbDeletePort(port: string): void;
  /** br0 went up (the fdb's gc runs 0.1 s later) or down (it stops) */
  fdbGc(run: boolean): void;
}

const toJiffies = (clockT: number): number => Math.round((clockT * US_PER_CLOCK_T) / US_PER_JIFFY);
/** br_set_ticks: jiffies → 1/256 s */
const ticks = (j: number): number => Math.floor((STP_HZ * j) / HZ);
/** br_get_ticks: 1/256 s → jiffies, rounded up */
const fromTicks = (t: number): number => Math.ceil((t * HZ) / STP_HZ);
const roundJiffies = (now: number, t: number): number => {
  const r = Math.round(t / 1_000_000) * 1_000_000;
  return r > now ? r : t;
};

export class BridgeStp {
  /** BR_KERNEL_STP (true) or BR_NO_STP */
  enabled: boolean;
  bridgeId: BridgeId;
  designatedRoot: BridgeId;
  rootPathCost = 0;
  /** port number of the root port, 0 when this bridge is the root */
  rootPort = 0;
  /** in jiffies: the values in use (the root's, learned from its BPDUs) and the bridge's own */
  maxAge: number;
  helloTime: number;
  forwardDelay: number;
  bridgeMaxAge: number;
  bridgeHelloTime: number;
  bridgeForwardDelay: number;
  topologyChange = false;
  topologyChangeDetected = false;
  /** IFF_UP on br0 */
  devUp = false;
  /** the port list, most recently added first (list_add_rcu), as every loop of the kernel walks it */
  readonly ports: StpPort[];
  private readonly byName = new Map<string, StpPort>();
  private readonly helloTimer: Timer;
  private readonly tcnTimer: Timer;
  private readonly topologyChangeTimer: Timer;
  private lastRoot: { bridge: string; root: string; rootPort: string | null; cost: number } | undefined;

  constructor(
    private readonly host: StpHost,
    conf: BridgeStpConf | undefined,
    ports: { name: string; mac: MacAddr; stp?: PortStpConf }[],
  ) {
    const sim = host.sim;
    this.enabled = conf?.enabled ?? false;
    const mac = ports.map((p) => p.mac).sort()[0] ?? ('00:00:00:00:00:00' as MacAddr);
    this.bridgeId = { prio: conf?.priority ?? STP_DEFAULTS.priority, mac };
    this.designatedRoot = this.bridgeId;
    this.bridgeMaxAge = this.maxAge = toJiffies(conf?.maxAge ?? STP_DEFAULTS.maxAge);
    this.bridgeHelloTime = this.helloTime = toJiffies(conf?.helloTime ?? STP_DEFAULTS.helloTime);
    this.bridgeForwardDelay = this.forwardDelay = toJiffies(conf?.forwardDelay ?? STP_DEFAULTS.forwardDelay);
    this.helloTimer = new Timer(sim, () => this.helloTimerExpired());
    this.tcnTimer = new Timer(sim, () => this.tcnTimerExpired());
    this.topologyChangeTimer = new Timer(sim, () => this.topologyChangeTimerExpired());
    this.ports = ports
      .map((p, i) => {
        const port: StpPort = {
          name: p.name,
          mac: p.mac,
          portNo: i + 1,
          priority: p.stp?.priority ?? STP_DEFAULTS.portPriority,
          pathCost: p.stp?.cost ?? STP_DEFAULTS.portCost,
          portId: 0,
          state: 'disabled',
          up: true,
          designatedRoot: this.bridgeId,
          designatedCost: 0,
          designatedBridge: this.bridgeId,
          designatedPort: 0,
          designatedAge: 0,
          topologyChangeAck: false,
          configPending: false,
          reportedRole: 'disabled',
          messageAgeTimer: undefined as unknown as Timer,
          forwardDelayTimer: undefined as unknown as Timer,
          holdTimer: undefined as unknown as Timer,
        };
        port.messageAgeTimer = new Timer(sim, () => this.messageAgeTimerExpired(port));
        port.forwardDelayTimer = new Timer(sim, () => this.forwardDelayTimerExpired(port));
        port.holdTimer = new Timer(sim, () => this.holdTimerExpired(port));
        port.portId = makePortId(port.priority, port.portNo);
        this.byName.set(p.name, port);
        return port;
      })
      .reverse();
  }

  port(name: string): StpPort | undefined {
    return this.byName.get(name);
  }

  private get now(): number {
    return this.host.sim.now;
  }
  private at(j: number): number {
    return this.now + j * US_PER_JIFFY;
  }
  private getPort(no: number): StpPort | undefined {
    return this.ports.find((p) => p.portNo === no);
  }

  isRootBridge(): boolean {
    return sameId(this.bridgeId, this.designatedRoot);
  }
  isDesignatedPort(p: StpPort): boolean {
    return sameId(p.designatedBridge, this.bridgeId) && p.designatedPort === p.portId;
  }

  /** The port's role in the tree, for the trace and the views. */
  role(p: StpPort): StpRole {
    if (p.state === 'disabled') return 'disabled';
    if (p.portNo === this.rootPort) return 'root';
    return this.isDesignatedPort(p) ? 'designated' : 'blocked';
  }

  /** br_set_state; the trace tells of it only with STP on (a bridge without STP just forwards). */
  private setState(p: StpPort, state: StpPortState): void {
    const prev = p.state;
    p.state = state;
    if (prev !== state && this.enabled) this.host.sim.emit({ kind: 'stp.port', node: this.host.name, port: p.name, state, prev, role: (p.reportedRole = this.role(p)) });
  }

  /** The root and each port's role, told to the trace when they changed (a role can change while the state stays). */
  private reportRoot(): void {
    if (this.enabled) {
      for (const p of this.ports) {
        const role = this.role(p);
        if (role !== p.reportedRole) this.host.sim.emit({ kind: 'stp.port', node: this.host.name, port: p.name, state: p.state, prev: p.state, role: (p.reportedRole = role) });
      }
    }
    const now = { bridge: bridgeIdText(this.bridgeId), root: bridgeIdText(this.designatedRoot), rootPort: this.getPort(this.rootPort)?.name ?? null, cost: this.rootPathCost };
    const l = this.lastRoot;
    if (l && l.bridge === now.bridge && l.root === now.root && l.rootPort === now.rootPort && l.cost === now.cost) return;
    this.lastRoot = now;
    if (this.enabled) this.host.sim.emit({ kind: 'stp.root', node: this.host.name, ...now });
  }

  // -------------------------------------------------------------------------------------------
  // br_stp_if.c

  /** br_init_port */
  private initPort(p: StpPort): void {
    p.portId = makePortId(p.priority, p.portNo);
    this.becomeDesignatedPort(p);
    this.setState(p, 'blocking');
    p.topologyChangeAck = false;
    p.configPending = false;
  }

  /** br_stp_enable_bridge: br0 goes up (br_dev_open). */
  enableBridge(): void {
    this.devUp = true;
    if (this.enabled) this.helloTimer.mod(this.at(this.helloTime));
    this.host.fdbGc(true);
    this.configBpduGeneration();
    for (const p of this.ports) if (p.up) this.enablePort(p);
    this.reportRoot();
  }

  /** br_stp_disable_bridge: br0 goes down. */
  disableBridge(): void {
    for (const p of this.ports) if (p.state !== 'disabled') this.disablePort(p);
    this.setTopologyChange(false);
    this.topologyChangeDetected = false;
    this.helloTimer.del();
    this.topologyChangeTimer.del();
    this.tcnTimer.del();
    this.host.fdbGc(false);
    this.devUp = false;
  }

  /** br_stp_enable_port */
  enablePort(p: StpPort): void {
    this.initPort(p);
    this.portStateSelection();
  }

  /** br_stp_disable_port */
  disablePort(p: StpPort): void {
    const wasRoot = this.isRootBridge();
    this.becomeDesignatedPort(p);
    this.setState(p, 'disabled');
    p.topologyChangeAck = false;
    p.configPending = false;
    p.messageAgeTimer.del();
    p.forwardDelayTimer.del();
    p.holdTimer.del();
    this.host.fdbDeletePort(p.name);
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRootBridge() && !wasRoot) this.becomeRootBridge();
    this.reportRoot();
  }

  /** A port's carrier or admin state changed (br_port_carrier_check, br_device_event). */
  setPortUp(name: string, up: boolean): void {
    const p = this.byName.get(name);
    if (!p || p.up === up) return;
    p.up = up;
    if (!this.devUp) return;
    if (up) this.enablePort(p);
    else if (p.state !== 'disabled') this.disablePort(p);
    this.reportRoot();
  }

  /** br_stp_set_enabled: stp_state 1 or 0 at run time. */
  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    if (on) {
      // br_stp_start: in a namespace other than init_net there is no user-space helper: kernel STP.
      if (this.bridgeForwardDelay < 2 * HZ) this.setBridgeForwardDelay(2 * HZ);
      this.enabled = true;
      if (this.devUp) this.helloTimer.mod(this.at(this.helloTime));
      this.portStateSelection();
      this.reportRoot();
    } else this.enabled = false;
  }

  /** br_stp_set_bridge_priority */
  setBridgePriority(prio: number): void {
    const wasRoot = this.isRootBridge();
    for (const p of this.ports) if (p.state !== 'disabled' && this.isDesignatedPort(p)) p.designatedBridge = { ...p.designatedBridge, prio };
    this.bridgeId = { ...this.bridgeId, prio };
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRootBridge() && !wasRoot) this.becomeRootBridge();
    this.reportRoot();
  }

  /** br_stp_set_port_priority */
  setPortPriority(p: StpPort, prio: number): void {
    const id = makePortId(prio, p.portNo);
    if (this.isDesignatedPort(p)) p.designatedPort = id;
    p.portId = id;
    p.priority = prio;
    if (sameId(this.bridgeId, p.designatedBridge) && p.portId < p.designatedPort) {
      this.becomeDesignatedPort(p);
      this.portStateSelection();
    }
    this.reportRoot();
  }

  /** br_stp_set_path_cost */
  setPathCost(p: StpPort, cost: number): void {
    p.pathCost = cost;
    this.configurationUpdate();
    this.portStateSelection();
    this.reportRoot();
  }

  /** br_set_hello_time, br_set_max_age, __br_set_forward_delay (jiffies) */
  setBridgeTimes(t: { helloTime?: number; maxAge?: number; forwardDelay?: number }): void {
    const root = this.isRootBridge();
    if (t.helloTime !== undefined) {
      this.bridgeHelloTime = t.helloTime;
      if (root) this.helloTime = t.helloTime;
    }
    if (t.maxAge !== undefined) {
      this.bridgeMaxAge = t.maxAge;
      if (root) this.maxAge = t.maxAge;
    }
    if (t.forwardDelay !== undefined) this.setBridgeForwardDelay(t.forwardDelay);
  }

  private setBridgeForwardDelay(j: number): void {
    this.bridgeForwardDelay = j;
    if (this.isRootBridge()) this.forwardDelay = j;
  }

  // -------------------------------------------------------------------------------------------
  // br_stp.c

  private shouldBecomeRootPort(p: StpPort, rootPort: number): boolean {
    if (p.state === 'disabled' || this.isDesignatedPort(p)) return false;
    if (cmpId(this.bridgeId, p.designatedRoot) <= 0) return false;
    if (!rootPort) return true;
    const rp = this.getPort(rootPort)!;
    const t = cmpId(p.designatedRoot, rp.designatedRoot);
    if (t !== 0) return t < 0;
    const c = p.designatedCost + p.pathCost - (rp.designatedCost + rp.pathCost);
    if (c !== 0) return c < 0;
    const b = cmpId(p.designatedBridge, rp.designatedBridge);
    if (b !== 0) return b < 0;
    if (p.designatedPort !== rp.designatedPort) return p.designatedPort < rp.designatedPort;
    return p.portId < rp.portId;
  }

  /** br_root_selection */
  private rootSelection(): void {
    let rootPort = 0;
    for (const p of this.ports) if (this.shouldBecomeRootPort(p, rootPort)) rootPort = p.portNo;
    this.rootPort = rootPort;
    if (!rootPort) {
      this.designatedRoot = this.bridgeId;
      this.rootPathCost = 0;
    } else {
      const p = this.getPort(rootPort)!;
      this.designatedRoot = p.designatedRoot;
      this.rootPathCost = p.designatedCost + p.pathCost;
    }
  }

  /** br_become_root_bridge */
  private becomeRootBridge(): void {
    this.maxAge = this.bridgeMaxAge;
    this.helloTime = this.bridgeHelloTime;
    this.forwardDelay = this.bridgeForwardDelay;
    this.topologyChangeDetection();
    this.tcnTimer.del();
    if (this.devUp) {
      this.configBpduGeneration();
      this.helloTimer.mod(this.at(this.helloTime));
    }
  }

  /** br_transmit_config */
  private transmitConfig(p: StpPort): void {
    if (p.holdTimer.pending) {
      p.configPending = true;
      return;
    }
    let messageAge = 0;
    if (!this.isRootBridge()) {
      const root = this.getPort(this.rootPort)!;
      messageAge = Math.floor((this.now - root.designatedAge) / US_PER_JIFFY) + MESSAGE_AGE_INCR;
    }
    if (messageAge >= this.maxAge) return;
    const bpdu: StpConfigFields = {
      flags: (this.topologyChange ? 0x01 : 0) | (p.topologyChangeAck ? 0x80 : 0),
      rootPriority: this.designatedRoot.prio,
      rootMac: this.designatedRoot.mac,
      rootPathCost: this.rootPathCost,
      bridgePriority: this.bridgeId.prio,
      bridgeMac: this.bridgeId.mac,
      portId: p.portId,
      messageAge: ticks(messageAge),
      maxAge: ticks(this.maxAge),
      helloTime: ticks(this.helloTime),
      forwardDelay: ticks(this.forwardDelay),
    };
    if (this.enabled) this.host.sendBpdu(p.name, bpduFrame(p.mac, bpdu));
    p.topologyChangeAck = false;
    p.configPending = false;
    p.holdTimer.mod(roundJiffies(this.now, this.now + HOLD_TIME_US));
  }

  /** br_record_config_information */
  private recordConfigInformation(p: StpPort, b: ReceivedConfig): void {
    p.designatedRoot = b.root;
    p.designatedCost = b.rootPathCost;
    p.designatedBridge = b.bridgeId;
    p.designatedPort = b.portId;
    p.designatedAge = this.now - b.messageAge * US_PER_JIFFY;
    p.messageAgeTimer.mod(this.at(b.maxAge - b.messageAge));
  }

  /** br_record_config_timeout_values */
  private recordConfigTimeoutValues(b: ReceivedConfig): void {
    this.maxAge = b.maxAge;
    this.helloTime = b.helloTime;
    this.forwardDelay = b.forwardDelay;
    this.setTopologyChange(b.topologyChange);
  }

  /** br_transmit_tcn */
  private transmitTcn(): void {
    const p = this.getPort(this.rootPort);
    if (p && this.enabled) this.host.sendBpdu(p.name, bpduFrame(p.mac, undefined));
  }

  private shouldBecomeDesignatedPort(p: StpPort): boolean {
    if (this.isDesignatedPort(p)) return true;
    if (!sameId(p.designatedRoot, this.designatedRoot)) return true;
    if (this.rootPathCost !== p.designatedCost) return this.rootPathCost < p.designatedCost;
    const t = cmpId(this.bridgeId, p.designatedBridge);
    if (t !== 0) return t < 0;
    return p.portId < p.designatedPort;
  }

  /** br_designated_port_selection */
  private designatedPortSelection(): void {
    for (const p of this.ports) if (p.state !== 'disabled' && this.shouldBecomeDesignatedPort(p)) this.becomeDesignatedPort(p);
  }

  private supersedesPortInfo(p: StpPort, b: ReceivedConfig): boolean {
    let t = cmpId(b.root, p.designatedRoot);
    if (t !== 0) return t < 0;
    if (b.rootPathCost !== p.designatedCost) return b.rootPathCost < p.designatedCost;
    t = cmpId(b.bridgeId, p.designatedBridge);
    if (t !== 0) return t < 0;
    if (!sameId(b.bridgeId, this.bridgeId)) return true;
    return b.portId <= p.designatedPort;
  }

  /** br_topology_change_acknowledged */
  private topologyChangeAcknowledged(): void {
    this.topologyChangeDetected = false;
    this.tcnTimer.del();
  }

  /** br_topology_change_detection */
  private topologyChangeDetection(): void {
    if (!this.enabled) return;
    if (this.isRootBridge()) {
      this.setTopologyChange(true);
      this.topologyChangeTimer.mod(this.at(this.bridgeForwardDelay + this.bridgeMaxAge));
    } else if (!this.topologyChangeDetected) {
      this.transmitTcn();
      this.tcnTimer.mod(this.at(this.bridgeHelloTime));
    }
    this.topologyChangeDetected = true;
  }

  /** __br_set_topology_change: while the flag is on, the fdb ages out after twice the forward delay. */
  private setTopologyChange(on: boolean): void {
    if (this.enabled && this.topologyChange !== on) {
      const ageing = on ? 2 * this.forwardDelay * US_PER_JIFFY : STP_DEFAULTS.ageingTime * US_PER_CLOCK_T;
      this.host.setAgeing(ageing);
      this.topologyChange = on;
      this.host.sim.emit({ kind: 'stp.topology-change', node: this.host.name, on, ageingS: ageing / 1_000_000 });
    }
    this.topologyChange = on;
  }

  /** br_config_bpdu_generation */
  private configBpduGeneration(): void {
    for (const p of this.ports) if (p.state !== 'disabled' && this.isDesignatedPort(p)) this.transmitConfig(p);
  }

  /** br_configuration_update */
  private configurationUpdate(): void {
    this.rootSelection();
    this.designatedPortSelection();
  }

  /** br_become_designated_port */
  private becomeDesignatedPort(p: StpPort): void {
    p.designatedRoot = this.designatedRoot;
    p.designatedCost = this.rootPathCost;
    p.designatedBridge = this.bridgeId;
    p.designatedPort = p.portId;
  }

  /** br_make_blocking */
  private makeBlocking(p: StpPort): void {
    if (p.state === 'disabled' || p.state === 'blocking') return;
    if (p.state === 'forwarding' || p.state === 'learning') this.topologyChangeDetection();
    this.setState(p, 'blocking');
    p.forwardDelayTimer.del();
  }

  /** br_make_forwarding */
  private makeForwarding(p: StpPort): void {
    if (p.state !== 'blocking') return;
    if (!this.enabled || this.forwardDelay === 0) {
      this.setState(p, 'forwarding');
      this.topologyChangeDetection();
      p.forwardDelayTimer.del();
    } else this.setState(p, 'listening');
    if (this.forwardDelay !== 0) p.forwardDelayTimer.mod(this.at(this.forwardDelay));
  }

  /** br_port_state_selection */
  private portStateSelection(): void {
    for (const p of this.ports) {
      if (p.state === 'disabled') continue;
      if (p.portNo === this.rootPort) {
        p.configPending = false;
        p.topologyChangeAck = false;
        this.makeForwarding(p);
      } else if (this.isDesignatedPort(p)) {
        p.messageAgeTimer.del();
        this.makeForwarding(p);
      } else {
        p.configPending = false;
        p.topologyChangeAck = false;
        this.makeBlocking(p);
      }
    }
  }

  /** br_topology_change_acknowledge */
  private topologyChangeAcknowledge(p: StpPort): void {
    p.topologyChangeAck = true;
    this.transmitConfig(p);
  }

  /** br_received_config_bpdu */
  private receivedConfigBpdu(p: StpPort, b: ReceivedConfig): StpVerdict {
    const wasRoot = this.isRootBridge();
    if (this.supersedesPortInfo(p, b)) {
      this.recordConfigInformation(p, b);
      this.configurationUpdate();
      this.portStateSelection();
      if (!this.isRootBridge() && wasRoot) {
        this.helloTimer.del();
        if (this.topologyChangeDetected) {
          this.topologyChangeTimer.del();
          this.transmitTcn();
          this.tcnTimer.mod(this.at(this.bridgeHelloTime));
        }
      }
      if (p.portNo === this.rootPort) {
        this.recordConfigTimeoutValues(b);
        this.configBpduGeneration();
        if (b.topologyChangeAck) this.topologyChangeAcknowledged();
      }
      return 'superior';
    }
    if (this.isDesignatedPort(p)) {
      this.transmitConfig(p);
      return 'inferior';
    }
    return 'ignored';
  }

  /** br_received_tcn_bpdu */
  private receivedTcnBpdu(p: StpPort): StpVerdict {
    if (!this.isDesignatedPort(p)) return 'tcn-ignored';
    this.topologyChangeDetection();
    this.topologyChangeAcknowledge(p);
    return 'tcn';
  }

  /**
   * br_stp_rcv: a BPDU received on a port (the bridge passes up what is sent to the group
   * address when STP is on). Returns what STP made of it, or undefined when it ignored it
   * without looking (STP off, br0 down, a disabled port).
   */
  receive(portName: string, bpdu: StpBpdu, pkt: PacketId): StpVerdict | undefined {
    const p = this.byName.get(portName);
    if (!p || !this.enabled || !this.devUp || p.state === 'disabled') return undefined;
    if (bpdu.bpduType === BPDU_TYPE.config && bpdu.config) {
      const c = bpdu.config;
      const b: ReceivedConfig = {
        topologyChange: (c.flags & 0x01) !== 0,
        topologyChangeAck: (c.flags & 0x80) !== 0,
        root: { prio: c.rootPriority, mac: c.rootMac },
        rootPathCost: c.rootPathCost,
        bridgeId: { prio: c.bridgePriority, mac: c.bridgeMac },
        portId: c.portId,
        messageAge: fromTicks(c.messageAge),
        maxAge: fromTicks(c.maxAge),
        helloTime: fromTicks(c.helloTime),
        forwardDelay: fromTicks(c.forwardDelay),
      };
      // The event comes first, what it caused after it: its verdict is filled in once known.
      const ev = this.host.sim.emit({ kind: 'stp.bpdu', node: this.host.name, port: p.name, pkt, verdict: 'ignored' as StpVerdict });
      if (b.messageAge <= b.maxAge) ev.verdict = this.receivedConfigBpdu(p, b);
      if (ev.verdict === 'superior') ev.recorded = { root: bridgeIdText(b.root), cost: b.rootPathCost, bridge: bridgeIdText(b.bridgeId), port: b.portId };
      this.reportRoot();
      return ev.verdict;
    }
    if (bpdu.bpduType !== BPDU_TYPE.tcn) return undefined;
    const ev = this.host.sim.emit({ kind: 'stp.bpdu', node: this.host.name, port: p.name, pkt, verdict: 'tcn' as StpVerdict });
    ev.verdict = this.receivedTcnBpdu(p);
    return ev.verdict;
  }

  // -------------------------------------------------------------------------------------------
  // br_stp_timer.c

  private isDesignatedForSomePort(): boolean {
    return this.ports.some((p) => p.state !== 'disabled' && sameId(p.designatedBridge, this.bridgeId));
  }

  private helloTimerExpired(): void {
    if (!this.devUp) return;
    this.configBpduGeneration();
    if (this.enabled) this.helloTimer.mod(roundJiffies(this.now, this.at(this.helloTime)));
  }

  private messageAgeTimerExpired(p: StpPort): void {
    if (p.state === 'disabled') return;
    const wasRoot = this.isRootBridge();
    this.becomeDesignatedPort(p);
    this.configurationUpdate();
    this.portStateSelection();
    if (this.isRootBridge() && !wasRoot) this.becomeRootBridge();
    this.reportRoot();
  }

  private forwardDelayTimerExpired(p: StpPort): void {
    if (p.state === 'listening') {
      this.setState(p, 'learning');
      p.forwardDelayTimer.mod(this.at(this.forwardDelay));
    } else if (p.state === 'learning') {
      this.setState(p, 'forwarding');
      if (this.isDesignatedForSomePort()) this.topologyChangeDetection();
    }
  }

  private tcnTimerExpired(): void {
    if (!this.isRootBridge() && this.devUp) {
      this.transmitTcn();
      this.tcnTimer.mod(this.at(this.bridgeHelloTime));
    }
  }

  private topologyChangeTimerExpired(): void {
    this.topologyChangeDetected = false;
    this.setTopologyChange(false);
  }

  private holdTimerExpired(p: StpPort): void {
    if (p.configPending) this.transmitConfig(p);
  }
}

/** A configuration BPDU as br_stp_rcv reads it: times in jiffies. */
interface ReceivedConfig {
  topologyChange: boolean;
  topologyChangeAck: boolean;
  root: BridgeId;
  rootPathCost: number;
  bridgeId: BridgeId;
  portId: number;
  messageAge: number;
  maxAge: number;
  helloTime: number;
  forwardDelay: number;
}

/** br_make_port_id: the port priority, then the port number */
export const makePortId = (priority: number, portNo: number): number => ((priority << PORT_BITS) | (portNo & ((1 << PORT_BITS) - 1))) & 0xffff;

/** Linux's time units for `ip -d link`: jiffies → 1/100 s. */
export const jiffiesToClockT = (j: number): number => Math.round((j * US_PER_JIFFY) / US_PER_CLOCK_T);
/** 1/100 s → jiffies, as clock_t_to_jiffies. */
export const clockTToJiffies = toJiffies;
