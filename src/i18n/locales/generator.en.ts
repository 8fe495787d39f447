// English messages of "Generate data center…" (src/ui/generator). Kept apart from en.ts so that
// the generator and the editor can be worded by different people at once; i18n/index.ts merges
// it under `generator`.

export const generatorEn = {
  title: 'Generate a data center network',
  design: 'Design',
  designs: {
    'leaf-spine': 'Leaf–spine',
    'three-tier': 'Three-tier',
  },
  about: {
    'leaf-spine': 'Two tiers of routers: every leaf links to every spine. Each leaf is a rack: a switch with its hosts.',
    'three-tier': 'Core, aggregation and access routers. In each pod, every aggregation router links to every core router and to every access router of the pod. Each access router is a rack: a switch with its hosts.',
  },
  fields: {
    spines: 'Spines',
    leaves: 'Leaves (racks)',
    hostsPerLeaf: 'Hosts per leaf',
    cores: 'Core routers',
    pods: 'Pods',
    aggPerPod: 'Aggregation routers per pod',
    accessPerPod: 'Access routers (racks) per pod',
    hostsPerAccess: 'Hosts per access router',
  },
  problem: {
    required: 'Enter a number',
    notInteger: 'A whole number, like 4',
    tooSmall: 'At least {{min}}',
    tooLarge: 'At most {{max, number}}',
  },
  devices_one: '{{count, number}} device',
  devices_other: '{{count, number}} devices',
  countPending: 'The device count appears when every number is valid.',
  routers_one: '{{count, number}} router',
  routers_other: '{{count, number}} routers',
  switches_one: '{{count, number}} switch',
  switches_other: '{{count, number}} switches',
  hosts_one: '{{count, number}} host',
  hosts_other: '{{count, number}} hosts',
  links_one: '{{count, number}} link',
  links_other: '{{count, number}} links',
  limit: 'At most {{max, number}} devices: the diagram draws every device, and beyond that moving around it gets too slow to follow.',
  tooManyDevices: 'Too many: {{count, number}} devices, at most {{max, number}}.',
  tooManyRoutes:
    'Too many routes: the routers would hold {{count, number}} static routes, at most {{max, number}}. Every router gets a route to every subnet it is not on, so routers × uplinks add up: use fewer spines (cores) or fewer leaves (pods).',
  routingTitle: 'Routing',
  ecmp: 'ECMP (all equal paths)',
  singlePath: 'Single path',
  routing:
    'Addressing: one subnet per rack (from 10.1.0.0), a /31 on every link between routers (10.0.0.0/16). Routing: static routes along the shortest paths, computed for you; where uplinks tie, a next hop through each (ECMP), and Linux hashes each flow’s addresses and ports to pick one (fib_multipath_hash_policy 1, one seed for the fabric): flows spread over the spines (cores), each on one path, its answer back the same way.',
  routingSingle:
    'Addressing: one subnet per rack (from 10.1.0.0), a /31 on every link between routers (10.0.0.0/16). Routing: static routes along the shortest paths, computed for you, without ECMP: where several uplinks are equally short, the lowest-numbered one wins (spine1, core1…), so the other uplinks carry nothing until you change the routes.',
  scenarioTitle: 'Scenario',
  ping: 'A ping',
  flowsChoice: 'Flows from different ports:',
  flowsCount: 'Number of flows',
  scenario: 'Its scenario: {{first}} pings {{last}}, the last host.',
  scenarioFlows_one: 'Its scenario: {{count}} flow from {{first}} to {{last}} (a TCP connection to port 80 from port 40000).',
  scenarioFlows_other: 'Its scenario: {{count}} flows from {{first}} to {{last}}, the last host (TCP connections to port 80 from ports 40000, 40001…): the walk colours each one’s path.',
  name: 'Name',
  generate: 'Generate',
  fixFirst: 'Correct the sizes marked above first.',
  generating: 'Generating {{count, number}} devices…',
  opening: 'Drawing {{count, number}} devices…',
  failed: 'The network could not be generated',
  help: 'Examples → Generate data center… builds a three-tier or leaf–spine network of up to {{max, number}} devices, addressed and routed (ECMP or single-path), with a ping or several flows from the first host to the last.',
};

export type GeneratorMessages = typeof generatorEn;
