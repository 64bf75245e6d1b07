// What the detail pane shows before anything is selected: the case at a glance and how to move.

import { modifierKey } from '../components/platform';
import { ErrorMessage, Loading } from '../components/status-message';
import { useNavigation } from '../navigation';
import { useCaseInfo } from '../queries';

const nounOf: Record<string, string> = {
  deals: 'a deal',
  claims: 'a claim',
  sources: 'a source',
  actors: 'an actor',
  audit: 'an event',
};

export function Overview() {
  const nav = useNavigation();
  const info = useCaseInfo();
  if (info.isPending) return <Loading what="case" />;
  if (info.isError) return <ErrorMessage error={info.error} retry={() => void info.refetch()} />;
  const { counts } = info.data;
  const noun = nounOf[nav.section];
  return (
    <div className="overview">
      <h2 className="overview-title">{info.data.name}</h2>
      <p className="muted">{noun ? `Select ${noun} in the list to see it here.` : ''}</p>
      <dl className="overview-counts">
        {(
          [
            ['Deals', counts.deals],
            ['Claims', counts.claims],
            ['Sources', counts.sources],
            ['Evidence', counts.evidence],
            ['Actors', counts.actors],
            ['Assessments', counts.assessments],
            ['Audit events', counts.auditEvents],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <h3 className="panel-title">Keyboard</h3>
      <ul className="shortcuts">
        <li>
          <kbd>{modifierKey}</kbd> <kbd>K</kbd> search everything
        </li>
        <li>
          <kbd>Alt</kbd> <kbd>1</kbd>–<kbd>5</kbd> Deals, Claims, Sources, Actors, Audit
        </li>
        <li>
          <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd> move in a list, <kbd>Enter</kbd> open
        </li>
      </ul>
    </div>
  );
}
