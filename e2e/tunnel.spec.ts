// Issue 16: a packet inside a packet. The seed's Calico node: pod-a pings pod-b across IP in IP.
// On the LAN the header view shows the outer IPv4 header 192.168.56.101 → 192.168.56.103
// (protocol 4) around the inner packet 172.32.185.70 → 172.32.135.130, node1 says it added the
// outer header and node2 that it removed it, and pod-b receives the echo request with TTL 62 (as
// in the calico-ipip golden recorded on Linux).

import { expect, test } from '@playwright/test';
import { PlayerPage } from './pages/PlayerPage';

test('calico-ipip: pod-a → pod-b rides inside IP in IP on the LAN', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('calico-ipip');
  await p.walk({ from: 'pod-a', to: 'pod-b', address: '172.32.135.130' });

  // The event list names the LAN frame by its outer header with the inner packet in brackets.
  const lan = page.getByTestId(/^trace\.row-\d+$/).filter({ hasText: 'IP in IP 192.168.56.101 → 192.168.56.103' }).first();
  await expect(lan).toContainText('[ICMP echo request 172.32.185.70 → 172.32.135.130, TTL 63]');
  await lan.click();
  // The tag on the diagram shows the packet inside the outer one.
  await expect(page.getByTestId('canvas.packet').first()).toHaveText('IPIP [ICMP]');
  await expect(p.headerField('ipv4.srcIp')).toContainText('192.168.56.101');
  await expect(p.headerField('ipv4.dstIp')).toContainText('192.168.56.103');
  await expect(p.headerField('ipv4.protocol')).toContainText('4 (IP in IP)');
  const inner = page.getByTestId('header.inner');
  await expect(inner).toBeVisible();
  await expect(inner.getByTestId('header.field.inner.ipv4.srcIp')).toContainText('172.32.185.70');
  await expect(inner.getByTestId('header.field.inner.ipv4.dstIp')).toContainText('172.32.135.130');
  await expect(page.getByTestId('header.tunnel-added')).toContainText('outer IPv4 192.168.56.101 → 192.168.56.103, protocol 4');

  // Why: the step where node1 routed the packet into tunl0 (and then had to ARP for node2).
  await page.getByTestId(/^trace\.row-\d+$/).filter({ hasText: 'who has 192.168.56.103?' }).first().click();
  await expect(p.explanation).toContainText('route 172.32.135.128/26 via 192.168.56.103 dev tunl0 proto bird onlink');
  await expect(p.explanation).toContainText('tunl0 is a tunnel device (ipip) with remote any');
  await expect(p.explanation).toContainText('Added: outer IPv4 192.168.56.101 → 192.168.56.103, protocol 4, TTL 63');
  await expect(p.explanation).toContainText('The outer packet is then routed and ARPed like any packet this host sends.');

  // node2 takes the outer header off; the echo request reaches pod-b with the TTL Linux gives it.
  const toPodB = page.getByTestId(/^trace\.row-\d+$/).filter({ hasText: 'ICMP echo request 172.32.185.70 → 172.32.135.130, TTL 62' }).first();
  await toPodB.click();
  await expect(page.getByTestId('header.tunnel-removed')).toContainText('outer IPv4 192.168.56.101 → 192.168.56.103');
  await expect(p.headerField('ipv4.ttl')).toContainText('62');
  await expect(page.getByTestId('header.inner')).toHaveCount(0);
});

test('calico-ipip: a 1500-byte ping with DF set is too big for tunl0 (MTU 1480): node1 answers fragmentation needed', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('calico-ipip');
  await p.press('header.walk');
  await page.getByTestId('pdu.source').selectOption('pod-a');
  await page.getByTestId('pdu.destination').selectOption('pod-b|172.32.135.130');
  await page.getByTestId('pdu.size').fill('1472');
  await page.getByTestId('pdu.df').selectOption('do');
  await expect(page.getByTestId('pdu.commands')).toHaveText('pod-a: ping -c 1 -s 1472 -M do -W 1 172.32.135.130');
  await page.getByTestId('pdu.run').click();
  const error = page.getByTestId(/^trace\.row-\d+$/).filter({ hasText: 'ICMP destination unreachable (code 4) 172.32.185.64 → 172.32.185.70' }).first();
  await expect(error).toBeVisible({ timeout: 30_000 });
  await error.click();
  await expect(p.headerField('icmp.rest')).toContainText('1480');
});
