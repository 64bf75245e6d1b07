// One line saying what an audit event changed, from its payload (the record's new state).
import type { AuditEvent } from '../../../electron/schema/records';
import { truncate } from '../components/confirm-remove';
import { claimStatusLabels, likelihoodLabels, stanceLabels } from '../labels';

function field(payload: unknown, name: string): unknown {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;
}

export function summarizeEvent(event: AuditEvent): string {
  const p = event.payload;
  const str = (name: string) => {
    const v = field(p, name);
    return typeof v === 'string' ? v : null;
  };
  const parts: string[] = [];
  switch (event.entity) {
    case 'claim': {
      const statement = str('statement');
      if (statement) parts.push(`“${truncate(statement, 90)}”`);
      const status = str('status');
      if (status && status in claimStatusLabels)
        parts.push(claimStatusLabels[status as keyof typeof claimStatusLabels]);
      break;
    }
    case 'evidence': {
      const stance = str('stance');
      if (stance && stance in stanceLabels) parts.push(stanceLabels[stance as keyof typeof stanceLabels]);
      const excerpt = str('excerpt');
      if (excerpt) parts.push(`“${truncate(excerpt, 90)}”`);
      break;
    }
    case 'assessment': {
      const l = field(p, 'likelihood');
      if (typeof l === 'number') parts.push(likelihoodLabels[l]?.words ?? String(l));
      const c = str('confidence');
      if (c) parts.push(`${c} confidence`);
      break;
    }
    default: {
      const name = str('title') ?? str('name') ?? str('actor');
      if (name) parts.push(`“${truncate(name, 90)}”`);
    }
  }
  const reason = str('removalReason');
  if (reason) parts.push(`reason: ${reason}`);
  return parts.join(' · ');
}
