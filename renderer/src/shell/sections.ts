// The navigation's entries, in the order investigators think in: the deals under scrutiny, the
// claims about them, the sources behind the claims, the actors involved, and the record of changes.
import type { CaseInfo } from '../../../electron/api/contract';
import type { SectionId } from '../navigation';

export interface SectionEntry {
  id: SectionId;
  label: string;
  count?: keyof CaseInfo['counts'];
  /** Alt+digit jumps to the section. */
  key: string;
}

export const sections: readonly SectionEntry[] = [
  { id: 'deals', label: 'Deals', count: 'deals', key: '1' },
  { id: 'claims', label: 'Claims', count: 'claims', key: '2' },
  { id: 'sources', label: 'Sources', count: 'sources', key: '3' },
  { id: 'actors', label: 'Actors', count: 'actors', key: '4' },
  { id: 'audit', label: 'Audit', count: 'auditEvents', key: '5' },
];
