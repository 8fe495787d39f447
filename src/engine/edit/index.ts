// The editor's model: editing operations on the network document as pure functions (a topology in,
// a new topology out; the input is never changed, unchanged nodes keep their identity so that
// canvas nodes do not re-render), and the questions the editor asks about a topology. They follow
// the editor's conventions:
// - names: h1…, srv1…, sw1…, r1…, nat1… (the first free number);
// - interfaces: eth1, eth2, … on linux nodes (eth0 is containerlab's management interface),
//   p1, p2, … on each switch; connecting reuses an interface without a link before adding one;
// - MACs: locally administered 02:00:00:xx:xx:xx, the lowest serial not used in the topology;
// - deleting a link unplugs a cable (both interfaces and their addresses stay); deleting a device
//   removes its links and the scenario steps that run on it;
// - a NAT gateway is a router whose WAN interface masquerades: the link that gives it its second
//   interface makes that interface the WAN (`-A POSTROUTING -o WAN -j MASQUERADE`), and setWan
//   moves the WAN side to another interface (see natPreset, setWan); natLinkSide says which side a
//   new link would make, and missingReturnRoutes which LANs behind a router it cannot route back to.
// What the kernel would say about the result (duplicate addresses, routes it refuses) is checked
// by the worker before the app applies an edit (see ui/commands/applyEdit.ts).

export { firstFree, macAllocator, NAME_PREFIX, nextIfaceName, nextNodeName, nodeNameProblem } from './names';
export { addDevice, deleteNodes, emptyTopology, moveNodes, newDevice, renameNode, setIpForward } from './devices';
export { connect, deleteLinks, linkedIfaces, natLinkSide, peerOf, type ConnectResult } from './links';
export { removeIface, setIfaceAddrs, setIfaceMac } from './interfaces';
export { dropRoutes, isDefaultRoute, setRoutes } from './routes';
export { appendNatRule, dropNatRules, masquerade, natPreset, natRulesOf, setNatRules, setWan, wanOf } from './nat';
export { copyNodes, pasteNodes, type Clipboard } from './clipboard';
export { defaultGateway, l2Segment, nextFreeAddress, type Gateway, type NextAddress } from './segment';
export { missingReturnRoutes, type ReturnRoute } from './returnRoutes';
export { bridgesOf, deviceVlans, VID_MAX, VID_MIN } from '../devices/bridge-vlan';
