// The frame of the current step as layers with every field. Fields the device changed since the
// previous hop of the same packet show old → new (NAT's changes in their own colour, with a NAT
// badge), and "IP addresses unchanged" is said when they are. A toggle shows the raw bytes in
// hex (from the worker's encoder, with every field's position) with the selected field's bytes
// highlighted; clicking a byte selects its field.

import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EthernetFrame } from '../../engine';
import { simClient } from '../../worker/client';
import type { FrameBytes } from '../../worker/protocol';
import { diffFrames, type FieldChange } from './diff';
import { frameLayers, spanMatches, tunnelChange, type Layer } from './fields';
import { usePlayerView } from './playerView';
import type { StepFrame } from './rows';

function HexView({ frame, field, onPick }: { frame: EthernetFrame; field?: string; onPick: (path: string) => void }) {
  const { t } = useTranslation();
  const [bytes, setBytes] = useState<{ frame: EthernetFrame; value: FrameBytes } | undefined>();
  useEffect(() => {
    let live = true;
    void simClient()
      .frameBytes(frame)
      .then((value) => live && setBytes({ frame, value }))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [frame]);
  const current = bytes?.frame === frame ? bytes.value : undefined;
  const marked = useMemo(() => {
    const m = new Set<number>();
    if (!current || !field) return m;
    for (const s of current.spans) if (spanMatches(field, s.path)) for (let i = 0; i < s.length; i++) m.add(s.offset + i);
    return m;
  }, [current, field]);
  if (!current) return <p className="pw-muted">{t('player.headers.loadingBytes')}</p>;
  const n = current.hex.length / 2;
  const rows: number[] = [];
  for (let i = 0; i < n; i += 16) rows.push(i);
  const fieldAt = (offset: number) => {
    // The innermost (last) span that covers the byte: a quoted header's field, not the whole quote.
    let best: string | undefined;
    for (const s of current.spans) if (offset >= s.offset && offset < s.offset + s.length) best = s.path.replace(/\.flags\.\w+$/, '.flags');
    return best;
  };
  return (
    <div className="pw-hex" data-testid="header.hex">
      <p className="pw-muted pw-hex__hint">
        {t('player.headers.bytes', { count: n })} · {t('player.headers.hexHint')}
      </p>
      <div className="pw-hex__grid" role="group" aria-label={t('player.headers.hex')}>
        {rows.map((start) => (
          <div key={start} className="pw-hex__row">
            <span className="pw-hex__offset">{start.toString(16).padStart(4, '0')}</span>
            <span className="pw-hex__bytes">
              {Array.from({ length: Math.min(16, n - start) }, (_, k) => {
                const i = start + k;
                const on = marked.has(i);
                return (
                  <span
                    key={i}
                    className={`pw-hex__byte${on ? ' is-marked' : ''}`}
                    data-testid={on ? 'header.hex.marked' : undefined}
                    onClick={() => {
                      const p = fieldAt(i);
                      if (p) onPick(p);
                    }}
                  >
                    {current.hex.slice(i * 2, i * 2 + 2)}
                  </span>
                );
              })}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

export function HeaderView({ frames, node }: { frames: StepFrame[]; node?: string }) {
  const { t } = useTranslation();
  const chosen = usePlayerView((s) => s.frame);
  const setFrame = usePlayerView((s) => s.setFrame);
  const field = usePlayerView((s) => s.field);
  const setField = usePlayerView((s) => s.setField);
  const hex = usePlayerView((s) => s.hex);
  const setHex = usePlayerView((s) => s.setHex);
  const index = chosen >= 0 && chosen < frames.length ? chosen : Math.max(0, frames.findIndex((f) => f.dir === 'out'));
  const f = frames[index];
  const diff = useMemo(() => (f?.prev ? diffFrames(f.prev, f.frame, f.nat) : undefined), [f]);
  const layers = useMemo(() => (f ? frameLayers(f.frame) : []), [f]);
  if (!f)
    return (
      <div className="pw-headers">
        <p className="pw-muted" data-testid="header.none">
          {t('player.headers.none')}
        </p>
      </div>
    );
  const changes = new Map<string, FieldChange>((diff?.changes ?? []).map((c) => [c.path, c]));
  const outerLayers = layers.filter((l) => !l.inner);
  const innerLayers = layers.filter((l) => l.inner);
  const tunnel = f.dir === 'out' ? tunnelChange(f.prev, f.frame) : undefined;
  const natChanged = diff?.changes.some((c) => c.cause === 'nat');
  return (
    <div className="pw-headers" data-testid="header.view">
      <div className="pw-headers__bar">
        {frames.length > 1 && (
          <div className="pw-seg" role="tablist">
            {frames.map((x, i) => (
              <button
                key={x.seq}
                type="button"
                role="tab"
                aria-selected={i === index}
                className={`pw-seg__item${i === index ? ' is-on' : ''}`}
                data-testid={`header.frame-${i}`}
                onClick={() => setFrame(i)}
              >
                {x.dir === 'in' ? t('player.headers.received', { iface: x.ifaces[0] ?? '' }) : x.ifaces.length > 1 ? t('player.headers.sentMany', { ifaces: x.ifaces.join(', ') }) : t('player.headers.sent', { iface: x.ifaces[0] ?? '' })}
              </button>
            ))}
          </div>
        )}
        {frames.length === 1 && (
          <span className="pw-muted">{f.dir === 'in' ? t('player.headers.received', { iface: f.ifaces[0] ?? '' }) : t('player.headers.sentMany', { ifaces: f.ifaces.join(', ') })}</span>
        )}
        <label className="pw-check">
          <input type="checkbox" checked={hex} onChange={(e) => setHex(e.target.checked)} data-testid="header.hex-toggle" />
          {t('player.headers.hex')}
        </label>
      </div>
      {f.dir === 'out' && (
        <div className="pw-headers__summary" data-testid="header.summary">
          {diff?.vlan && (
            <p className="pw-headers__tunnel" data-testid={`header.vlan-${diff.vlan.kind}`}>
              {t(`player.headers.vlan_${diff.vlan.kind}`, { vid: diff.vlan.vid, old: diff.vlan.kind === 'changed' ? diff.vlan.old : '' })}
            </p>
          )}
          {tunnel && (
            <p className="pw-headers__tunnel" data-testid={`header.tunnel-${tunnel.kind}`}>
              {t(tunnel.kind === 'added' ? 'player.headers.encapAdded' : 'player.headers.decapRemoved', { src: tunnel.outer.srcIp, dst: tunnel.outer.dstIp, protocol: tunnel.outer.protocol })}
            </p>
          )}
          {!f.prev ? (
            <p>{t('player.headers.firstHop', { node: f.node })}</p>
          ) : diff && diff.changes.length === 0 ? (
            diff.vlan ? null : <p>{t('player.headers.nothingChanged')}</p>
          ) : (
            <p>{t('player.headers.changed', { node: node ?? f.node })}</p>
          )}
          {diff?.ipUnchanged && diff.changes.length > 0 ? <p className="pw-headers__same" data-testid="header.ip-unchanged">{t('player.headers.ipUnchanged')}</p> : null}
          {natChanged ? (
            <p className="pw-headers__nat" data-testid="header.nat-changed">
              <span className="pw-nat-badge">{t('player.headers.nat')}</span> {t('player.headers.ipUnchangedNat')}
            </p>
          ) : null}
        </div>
      )}
      {hex && <HexView frame={f.frame} {...(field ? { field } : {})} onPick={(p) => setField(p)} />}
      {outerLayers.map(renderLayer)}
      {innerLayers.length > 0 && (
        <div className="pw-inner" data-testid="header.inner">
          <h4 className="pw-inner__title">{t(innerLayers[0]!.id === 'inner.eth' ? 'player.headers.innerFrame' : 'player.headers.innerPacket')}</h4>
          {innerLayers.map(renderLayer)}
        </div>
      )}
    </div>
  );

  function renderLayer(layer: Layer) {
    return (
      <section key={layer.id} className="pw-layer" data-testid={`header.layer.${layer.id}`}>
        <h4 className="pw-layer__title">{t(`player.headers.layer.${(layer.inner ? layer.id.slice('inner.'.length) : layer.id) as 'eth'}`)}</h4>
        <table className="pw-layer__fields">
          <tbody>
            {layer.fields.map((x) => {
              const c = changes.get(x.path);
              return (
                <tr
                  key={x.path}
                  className={`pw-field${c ? ` is-changed is-${c.cause}` : ''}${field === x.path ? ' is-selected' : ''}`}
                  data-testid={`header.field.${x.path}`}
                  data-changed={c ? c.cause : undefined}
                  onClick={() => setField(field === x.path ? undefined : x.path)}
                >
                  <th scope="row">{t(`player.field.${x.label}` as 'player.field.ttl')}</th>
                  <td>
                    {c ? (
                      <>
                        <span className="pw-field__old">{c.old}</span>
                        <span className="pw-field__arrow" aria-hidden="true">
                          {' → '}
                        </span>
                        <span className="pw-field__new">{x.value}</span>
                        {c.cause === 'nat' ? <span className="pw-nat-badge">{t('player.headers.nat')}</span> : null}
                      </>
                    ) : (
                      x.value
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    );
  }
}
