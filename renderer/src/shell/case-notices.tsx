// What the open said about this case that the user must know before working on it: an older copy
// opened anyway ("20 changes are missing"), an unfinished upgrade backup removed. Shown once per
// open until dismissed; the words come from the core (case.info → notices).
import { useState } from 'react';
import { useCaseInfo } from '../queries';

export function CaseNotices() {
  const info = useCaseInfo();
  const [dismissed, setDismissed] = useState(false);
  const notices = info.data?.notices ?? [];
  if (dismissed || notices.length === 0) return null;
  return (
    <section className="case-notices" role="status" aria-label="Notices about this case">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </section>
  );
}
