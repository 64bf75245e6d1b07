// A claim's evidence grouped by what it does to the claim, each item with its quote, where it is,
// which source says it, and the grade that says how far to trust it.
import { stances } from '../../../electron/schema/enums';
import type { EvidenceView } from '../../../electron/schema/records';
import { client } from '../client';
import { ConfirmRemove, truncate } from '../components/confirm-remove';
import { GradeBadge } from '../components/grade-badge';
import { EvidenceForm } from '../forms/lazy-forms';
import { stanceHeadings } from '../labels';
import { useNavigation } from '../navigation';

export interface EvidenceSectionProps {
  claimId: string;
  evidence: EvidenceView[];
  /** Which form is open: 'new', an evidence id being edited, or null. */
  editing: string | null;
  onEditingChange(editing: string | null): void;
}

export function EvidenceSection({ claimId, evidence, editing, onEditingChange }: EvidenceSectionProps) {
  const nav = useNavigation();
  return (
    <section className="panel" aria-labelledby="evidence-heading">
      <div className="panel-head">
        <h3 id="evidence-heading" className="panel-title">
          Evidence <span className="count">{evidence.length}</span>
        </h3>
        {editing !== 'new' && (
          <button type="button" className="button" onClick={() => onEditingChange('new')}>
            Add evidence
          </button>
        )}
      </div>
      {editing === 'new' && (
        <div className="inline-form">
          <EvidenceForm
            claimId={claimId}
            onSaved={() => onEditingChange(null)}
            onCancel={() => onEditingChange(null)}
          />
        </div>
      )}
      {evidence.length === 0 && editing !== 'new' && (
        <p className="muted">
          No evidence yet. Add an excerpt from a source that supports or contradicts this claim.
        </p>
      )}
      {stances.map((stance) => {
        const items = evidence.filter((e) => e.stance === stance);
        if (items.length === 0) return null;
        return (
          <div key={stance} className={`evidence-group evidence-group-${stance}`}>
            <h4 className="group-title" id={`evidence-${stance}`}>
              {stanceHeadings[stance]} <span className="count">{items.length}</span>
            </h4>
            <ul className="evidence-list" aria-labelledby={`evidence-${stance}`}>
              {items.map((item) =>
                editing === item.id ? (
                  <li key={item.id} className="inline-form">
                    <EvidenceForm
                      claimId={claimId}
                      evidence={item}
                      onSaved={() => onEditingChange(null)}
                      onCancel={() => onEditingChange(null)}
                    />
                  </li>
                ) : (
                  <li key={item.id} className="evidence-item">
                    <blockquote className="excerpt">{item.excerpt}</blockquote>
                    <div className="evidence-meta">
                      <GradeBadge reliability={item.sourceReliability} credibility={item.credibility} />
                      <button
                        type="button"
                        className="link"
                        onClick={() => nav.open('source', item.sourceId)}
                      >
                        {item.sourceTitle}
                      </button>
                      {item.sourceConfidential && (
                        <span className="flag flag-confidential">Confidential source</span>
                      )}
                      {item.locator && <span className="locator">{item.locator}</span>}
                      <span className="item-actions">
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          aria-label={`Edit evidence from ${item.sourceTitle}`}
                          onClick={() => onEditingChange(item.id)}
                        >
                          Edit
                        </button>
                        <ConfirmRemove
                          noun="evidence"
                          name={item.excerpt}
                          triggerLabel={`Remove evidence from ${item.sourceTitle}: ${truncate(item.excerpt, 60)}`}
                          onConfirm={(reason) => client.evidence.remove({ id: item.id, reason })}
                        />
                      </span>
                    </div>
                    {item.note && <p className="evidence-note">{item.note}</p>}
                  </li>
                ),
              )}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
