// The analysts' judgements of a claim, newest first, each in ICD 203 words with its confidence,
// reasons, author and time. Two analysts' views are both kept; none is overwritten.
import { useState } from 'react';
import type { Assessment } from '../../../electron/schema/records';
import { AssessmentForm } from '../forms/lazy-forms';
import { capitalise, confidenceLabels, formatTime, likelihoodLabels } from '../labels';

export function AssessmentSection({ claimId, assessments }: { claimId: string; assessments: Assessment[] }) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="assessments-heading">
      <div className="panel-head">
        <h3 id="assessments-heading" className="panel-title">
          Assessments <span className="count">{assessments.length}</span>
        </h3>
        {!adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Record assessment
          </button>
        )}
      </div>
      {adding && (
        <div className="inline-form">
          <AssessmentForm claimId={claimId} onDone={() => setAdding(false)} />
        </div>
      )}
      {assessments.length === 0 && !adding && <p className="muted">No one has assessed this claim yet.</p>}
      <ol className="assessment-list" aria-label="Assessment history">
        {assessments.map((a, i) => {
          const l = likelihoodLabels[a.likelihood];
          return (
            <li key={a.id} className="assessment">
              <div className="assessment-head">
                <strong className="likelihood">{capitalise(l?.words ?? String(a.likelihood))}</strong>
                <span className="muted">{l?.range}</span>
                <span className="confidence">{confidenceLabels[a.confidence]}</span>
                {i === 0 && <span className="flag">Latest</span>}
              </div>
              <p className="rationale">{a.rationale}</p>
              <p className="byline">
                {a.author} · <time dateTime={a.createdAt}>{formatTime(a.createdAt)}</time>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
