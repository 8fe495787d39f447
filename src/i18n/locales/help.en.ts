// The help dialog's messages (English), under `help`: loaded with the dialog (HelpDialog.tsx), so
// the first load carries none of them. The Chinese ones are in zh-CN.ts with the rest.

export const helpEn = {
  title: 'Keyboard shortcuts and help',
  shortcuts: 'Keyboard shortcuts',
  action: 'Action',
  keys: 'Keys',
  undo: 'Undo',
  redo: 'Redo',
  delete: 'Delete the selected devices or links',
  copy: 'Copy the selected devices',
  cut: 'Cut the selected devices',
  paste: 'Paste',
  duplicate: 'Duplicate the selected devices',
  selectAll: 'Select everything',
  multiSelect: 'Select several devices',
  multiSelectKeys: 'Shift+click, or Shift+drag a box',
  deselect: 'Clear the selection',
  nextDevice: 'In the diagram: go to the nearest device that way (from a link: to its end that way)',
  select: 'Select the focused device or link',
  links: 'Go through the focused device’s links (forwards, backwards)',
  move: 'Move the selected devices',
  moveKeys: 'Drag, or Alt+arrow keys on a focused device',
  fit: 'Fit the network in view',
  snap: 'Snap to grid on or off',
  open: 'Open a file',
  save: 'Save as JSON',
  help: 'This help',
  terminal: 'Open the selected device’s terminal',
  apply: 'Apply a field (Esc reverts it)',
  applyRoutes: 'Apply the route lines or the NAT rule lines',
  editing: 'How editing works',
  walkLayout:
    'When a walk opens, the diagram shows the devices it involves, large enough to read their names; when they cannot all be shown that large, it shows the first step and Follow is on (the view moves with each step). With Follow off, the view still moves when a step happens outside it. Drag the line between the diagram and the player (or focus it and use the arrow keys) to share the window between them; the size is remembered. On a wide window, the button at the right of the player’s toolbar puts the player beside the diagram, and back under it.',
  eventList:
    'Each row of the event list names its step by the most important thing decided there: a drop and its reason first, then NAT’s rewrite, the route a router chose, a switch’s flood or port, an ARP answer, held packets sent, a packet held for ARP, a delivery. The frame comes after it.',
  notes: {
    name: 'The network’s name is in the toolbar: click it to rename the network (Enter applies, Esc cancels). Slides, exported files and the page’s title use it.',
    keyboard:
      'The diagram is one stop of the Tab key: Tab enters it on a device (the last one you were on, else the selected one, else the one at the top left) and the next Tab leaves it. There the arrow keys go from device to device, Enter or Space selects, L goes through the device’s links, Delete removes what is selected and the focus stays on the nearest device left.',
    add: 'Drag a device from the palette onto the canvas, or focus its button and press Enter to add it in the middle of the view (or in the free space nearest it: never on another device, its labels or a link).',
    wire: 'To link two devices, drag from the blue dot at the top right of a device (pale on every device, full blue on the one under the mouse) to the other device (or use “Connect to” in the inspector); the device you dragged from stays selected, ready for its new interface’s address. Each end gets an interface: eth1, eth2, … on hosts, servers and routers (eth0 is left to containerlab’s management network), p1, p2, … on each switch. An interface without a link is used before a new one is made.',
    unplug: 'Deleting a link unplugs the cable: both interfaces keep their addresses. Deleting a device removes its links and the scenario steps that run on it.',
    validate: 'Every field is checked as you type and only applied when Linux would accept it; the reason is shown beside the field. Taking an address away removes the routes that went through it, as Linux does.',
    copy: 'Copy and paste give the copies new names and new MACs; an address is kept only if nothing else uses it (after a cut, everything comes back).',
    history: 'Every change can be undone. Opening a file, an example or New starts a new history.',
    autosave: 'The network is saved in this browser on every change and comes back after a reload or a crash.',
    export: 'Export as containerlab YAML writes a file that containerlab and the oracle (record.mjs) accept. MACs chosen by packetwalk are left to the kernel, and interfaces without a link cannot be written. containerlab creates switch ports on the host, where names must be unique: ports that two switches share (p1 on sw1 and p1 on sw2) are written as sw1-p1 and sw2-p1, with a label that gives their names back when the file is opened again.',
    large: 'A network of more than 200 devices, zoomed out until its labels are too small to read, is drawn as one picture: click a device or a link to select it, zoom in to move or connect devices.',
    why: 'A button you cannot use right now says why when you click it or reach it with Tab (“Run scenario” on a network without a scenario, Undo with nothing to undo…).',
    more: 'On a small window, the controls that do not fit in a toolbar are in its “⋯” menu, at its right.',
    terminal:
      'Every device has a Linux terminal (T, “Terminal” in the inspector, or right-click the device): type ip addr, ip route, ip neigh, sysctl, iptables -t nat, bridge fdb, ss, conntrack as on Linux, with Tab to complete and ↑ ↓ for the history. A command that changes the configuration (ip addr add, ip route add, ip neigh add, sysctl -w, iptables -A…) is an edit like any other (Ctrl+Z in the editor undoes it); one Linux would refuse changes nothing and prints Linux’s error. ping, traceroute, nc and arping are walks: the player opens on the walk and the output appears as the walk reaches it. tcpdump -i DEV prints the frames every walk passes on that interface. Ctrl+C stops, Ctrl+L clears.',
    nat: 'A NAT gateway is a router with iptables nat rules: link it to the LAN first, then to the WAN, and its WAN interface gets MASQUERADE (iptables -t nat -A POSTROUTING -o WAN -j MASQUERADE). Under NAT in the inspector: choose another WAN interface (on a router too, which makes it a NAT gateway), forward a WAN port to a server inside (DNAT), or edit the rules as iptables lines. While you drag a link to or from a NAT gateway, a note above it says which side the link will make. When the gateway sits behind a router (two LANs and a router, the gateway on one of them), its inspector says which route back to the other LAN it needs, with a button that adds it.',
  },
} as const;

export type HelpMessages = typeof helpEn;
