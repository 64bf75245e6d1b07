// The Pictures section: the deal network, the timeline and the evidence matrix, as tabs. Each
// picture opens records through the shell's navigation, and the chosen tab survives the visit.
import './pictures.css';
import { type KeyboardEvent, useRef } from 'react';
import { useSessionState } from '../hooks/use-session-state';
import { useNavigation } from '../navigation';
import type { PictureTab } from './deal-matrix-link';
import { DealNetwork, type OpenRecord } from './deal-network';
import { EvidenceMatrix } from './evidence-matrix-view';
import { pictureTabKey } from './session-keys';
import { Timeline } from './timeline-view';

const tabs: { id: PictureTab; label: string }[] = [
  { id: 'network', label: 'Deal network' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'matrix', label: 'Evidence matrix' },
];

export function PicturesView() {
  const nav = useNavigation();
  const [tab, setTab] = useSessionState<PictureTab>(pictureTabKey, 'network');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onOpen: OpenRecord = (kind, id) => nav.open(kind, id);

  // Arrow keys move between tabs, as in every tablist.
  const onKeyDown = (event: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length] as (typeof tabs)[number];
    setTab(next.id);
    refs.current[next.id]?.focus();
  };

  return (
    <div className="pic-view">
      <div className="pic-head">
        <h1>Pictures</h1>
      </div>
      <div className="pic-tabs" role="tablist" aria-label="Pictures" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`pic-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`pic-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="pic-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`pic-panel-${tab}`} aria-labelledby={`pic-tab-${tab}`}>
        {tab === 'network' && <DealNetwork onOpen={onOpen} />}
        {tab === 'timeline' && <Timeline onOpen={onOpen} />}
        {tab === 'matrix' && <EvidenceMatrix onOpen={onOpen} />}
      </div>
    </div>
  );
}
