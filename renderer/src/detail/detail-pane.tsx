// Chooses what the detail pane shows: a form for a new record, the selected record, or an overview.
import { ActorForm, ClaimForm, DealForm, SourceForm } from '../forms/lazy-forms';
import { type RecordKind, useNavigation } from '../navigation';
import { ActorDetail } from './actor-detail';
import { AuditEventDetail } from './audit-event-detail';
import { ClaimDetail } from './claim-detail';
import { DealDetail } from './deal-detail';
import { DetailHeader } from './detail-header';
import { Overview } from './overview';
import { SourceDetail } from './source-detail';

const kindOfSection: Record<string, RecordKind> = {
  claims: 'claim',
  sources: 'source',
  deals: 'deal',
  actors: 'actor',
  audit: 'audit',
};

export function DetailPane() {
  const nav = useNavigation();
  if (nav.mode === 'create') return <CreatePane kind={kindOfSection[nav.section] ?? 'claim'} />;
  const s = nav.selection;
  if (!s) return <Overview />;
  switch (s.kind) {
    case 'claim':
      return <ClaimDetail key={s.id} id={s.id} />;
    case 'source':
      return <SourceDetail key={s.id} id={s.id} />;
    case 'deal':
      return <DealDetail key={s.id} id={s.id} />;
    case 'actor':
      return <ActorDetail key={s.id} id={s.id} />;
    case 'audit':
      return <AuditEventDetail key={s.id} seq={Number(s.id)} />;
  }
}

function CreatePane({ kind }: { kind: RecordKind }) {
  const nav = useNavigation();
  const done = (k: RecordKind) => (record: { id: string }) => nav.open(k, record.id);
  const cancel = () => nav.back();
  switch (kind) {
    case 'claim':
      return (
        <div className="detail">
          <DetailHeader kind="Claims" title="New claim" />
          <ClaimForm
            presetDealId={nav.preset?.dealId ?? null}
            dealTitle={nav.preset?.dealTitle ?? null}
            onSaved={done('claim')}
            onCancel={cancel}
          />
        </div>
      );
    case 'source':
      return (
        <div className="detail">
          <DetailHeader kind="Sources" title="New source" />
          <SourceForm onSaved={done('source')} onCancel={cancel} />
        </div>
      );
    case 'deal':
      return (
        <div className="detail">
          <DetailHeader kind="Deals" title="New deal" />
          <DealForm onSaved={done('deal')} onCancel={cancel} />
        </div>
      );
    case 'actor':
      return (
        <div className="detail">
          <DetailHeader kind="Actors" title="New actor" />
          <ActorForm onSaved={done('actor')} onCancel={cancel} />
        </div>
      );
    default:
      return <Overview />;
  }
}
