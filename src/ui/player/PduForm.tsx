// "Walk a packet": Packet Tracer's simple PDU as a small form (source device, destination device
// or a typed address, ICMP echo, or UDP or TCP with ports, TTL, count). It shows the commands the engine
// will run, then walks them; or it runs the topology's scenario.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { startWalk } from '../commands/runScenario';
import { Dialog } from '../dialog/Dialog';
import { destinations, pduLabel, pduProblems, pduScenario, type Pdu } from '../../walk/pdu';
import { ReasonButton } from '../toolbar/ReasonButton';
import { usePlayerView } from './playerView';
import './pdu.css';

const TYPED = '__typed__';

function Form() {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology)!;
  const setOpen = usePlayerView((s) => s.setPduOpen);
  const selected = useAppStore((s) => s.selectedNodes);
  const sources = useMemo(() => topology.nodes.filter((n) => n.kind === 'linux' && n.ifaces.some((i) => i.addrs.length > 0)), [topology]);
  const dests = useMemo(() => destinations(topology), [topology]);
  const firstSource = sources.find((n) => selected.includes(n.name))?.name ?? sources[0]?.name ?? '';
  const [source, setSource] = useState(firstSource);
  const [dest, setDest] = useState(() => {
    const d = dests.find((x) => x.device !== firstSource && selected.includes(x.device)) ?? [...dests].reverse().find((x) => x.device !== firstSource);
    return d ? `${d.device}|${d.address}` : TYPED;
  });
  const [typed, setTyped] = useState('');
  const [protocol, setProtocol] = useState<Pdu['protocol']>('icmp');
  const [srcPort, setSrcPort] = useState('40000');
  const [dstPort, setDstPort] = useState('5353');
  const [ttl, setTtl] = useState('');
  const [size, setSize] = useState('');
  const [df, setDf] = useState<'' | NonNullable<Pdu['df']>>('');
  const [count, setCount] = useState('1');
  const [device, address] = dest === TYPED ? [undefined, typed.trim()] : (dest.split('|') as [string, string]);
  const pdu: Pdu = {
    source,
    address,
    ...(device ? { device } : {}),
    protocol,
    srcPort: Number(srcPort),
    dstPort: Number(dstPort),
    ...(protocol === 'icmp' && ttl.trim() !== '' ? { ttl: Number(ttl) } : {}),
    ...(protocol === 'icmp' && size.trim() !== '' ? { size: Number(size) } : {}),
    ...(protocol === 'icmp' && df ? { df } : {}),
    count: Number(count),
  };
  const problems = pduProblems(pdu, topology);
  const firstProblem = Object.values(problems)[0];
  const ok = firstProblem === undefined;
  const lines = ok ? pduScenario(pdu, topology) : [];
  const problem = (k: keyof typeof problems) =>
    problems[k] ? (
      <span className="pw-pdu__error" data-testid={`pdu.${k}.error`}>
        {t(`player.pdu.${problems[k]!}`)}
      </span>
    ) : null;

  const submit = () => {
    if (!ok) return;
    setOpen(false);
    void startWalk(simClient(), { kind: 'pdu', scenario: lines, label: pduLabel(pdu), pdu });
  };

  return (
    <form
      className="pw-pdu"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="pw-muted">{t('player.pdu.intro')}</p>
      <div className="pw-pdu__grid">
        <label>
          {t('player.pdu.source')}
          <select className="pw-input" value={source} onChange={(e) => setSource(e.target.value)} data-testid="pdu.source">
            {sources.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
          {problem('source')}
        </label>
        <label>
          {t('player.pdu.destination')}
          <select className="pw-input" value={dest} onChange={(e) => setDest(e.target.value)} data-testid="pdu.destination">
            {dests.map((d) => (
              <option key={`${d.device}|${d.address}`} value={`${d.device}|${d.address}`}>
                {`${d.device} — ${d.address}`}
              </option>
            ))}
            <option value={TYPED}>{t('player.pdu.typed')}</option>
          </select>
        </label>
        {dest === TYPED && (
          <label>
            {t('player.pdu.address')}
            <input className="pw-input" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="192.0.2.10" data-testid="pdu.address" autoFocus />
            {problem('address')}
          </label>
        )}
        <fieldset className="pw-pdu__proto">
          <legend>{t('player.pdu.protocol')}</legend>
          {(['icmp', 'udp', 'tcp'] as const).map((p) => (
            <label key={p} className="pw-check">
              <input type="radio" name="pdu-proto" checked={protocol === p} onChange={() => setProtocol(p)} data-testid={`pdu.${p}`} />
              {t(`player.pdu.${p}`)}
            </label>
          ))}
        </fieldset>
        {protocol !== 'icmp' && (
          <>
            <label>
              {t('player.pdu.srcPort')}
              <input className="pw-input" inputMode="numeric" value={srcPort} onChange={(e) => setSrcPort(e.target.value)} data-testid="pdu.src-port" />
              {problem('srcPort')}
            </label>
            <label>
              {t('player.pdu.dstPort')}
              <input className="pw-input" inputMode="numeric" value={dstPort} onChange={(e) => setDstPort(e.target.value)} data-testid="pdu.dst-port" />
              {problem('dstPort')}
            </label>
          </>
        )}
        <label>
          {t('player.pdu.ttl')}
          <input
            className="pw-input"
            inputMode="numeric"
            value={protocol === 'icmp' ? ttl : ''}
            disabled={protocol !== 'icmp'}
            placeholder={protocol === 'icmp' ? t('player.pdu.ttlHint') : t('player.pdu.ttlUdp')}
            title={protocol === 'icmp' ? t('player.pdu.ttlHint') : t('player.pdu.ttlUdp')}
            onChange={(e) => setTtl(e.target.value)}
            data-testid="pdu.ttl"
          />
          {problem('ttl')}
        </label>
        {protocol === 'icmp' && (
          <>
            <label>
              {t('player.pdu.size')}
              <input className="pw-input" inputMode="numeric" value={size} placeholder={t('player.pdu.sizeHint')} title={t('player.pdu.sizeHint')} onChange={(e) => setSize(e.target.value)} data-testid="pdu.size" />
              {problem('size')}
            </label>
            <label>
              {t('player.pdu.df')}
              <select className="pw-input" value={df} onChange={(e) => setDf(e.target.value as typeof df)} data-testid="pdu.df">
                <option value="">{t('player.pdu.dfWant')}</option>
                <option value="do">{t('player.pdu.dfDo')}</option>
                <option value="dont">{t('player.pdu.dfDont')}</option>
              </select>
            </label>
          </>
        )}
        <label>
          {t(protocol === 'tcp' ? 'player.pdu.connections' : 'player.pdu.count')}
          <input className="pw-input" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} data-testid="pdu.count" />
          {problem('count')}
        </label>
      </div>
      <div className="pw-pdu__commands">
        <span className="pw-muted">{t('player.pdu.commands')}</span>
        <pre data-testid="pdu.commands">{lines.map((l) => (l.kind === 'run' ? `${l.on}: ${l.run}${l.background ? ' &' : ''}` : '')).join('\n') || ' '}</pre>
      </div>
      <div className="pw-button-row pw-pdu__actions">
        <ReasonButton type="submit" className="pw-button pw-button--primary" reason={firstProblem ? t(`player.pdu.${firstProblem}`) : undefined} data-testid="pdu.run">
          {t('player.pdu.run')}
        </ReasonButton>
        <ReasonButton
          type="button"
          className="pw-button"
          reason={topology.scenario.length === 0 ? t('player.pdu.noScenario') : undefined}
          data-testid="pdu.scenario"
          onClick={() => {
            setOpen(false);
            void startWalk(simClient(), { kind: 'scenario' });
          }}
        >
          {t('player.pdu.scenario')}
        </ReasonButton>
      </div>
    </form>
  );
}

export function PduForm() {
  const { t } = useTranslation();
  const open = usePlayerView((s) => s.pduOpen);
  const setOpen = usePlayerView((s) => s.setPduOpen);
  const ready = useAppStore((s) => s.doc.status === 'ready');
  return (
    <Dialog open={open && ready} onClose={() => setOpen(false)} title={t('player.pdu.title')} testId="pdu">
      <Form />
    </Dialog>
  );
}
