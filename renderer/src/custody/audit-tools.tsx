// The chain-of-custody actions of the Audit view, beside "Verify the audit trail".
import './custody.css';
import { useState } from 'react';
import { CheckpointDialog } from './checkpoint-dialog';
import { IntegrityDialog } from './integrity-dialog';

export function AuditTools() {
  const [checkpoint, setCheckpoint] = useState(false);
  const [integrity, setIntegrity] = useState(false);
  return (
    <div className="audit-tools">
      <button type="button" className="button button-small" onClick={() => setCheckpoint(true)}>
        Checkpoint…
      </button>
      <button type="button" className="button button-small" onClick={() => setIntegrity(true)}>
        Verify case integrity…
      </button>
      <CheckpointDialog open={checkpoint} onOpenChange={setCheckpoint} />
      <IntegrityDialog open={integrity} onOpenChange={setIntegrity} />
    </div>
  );
}
