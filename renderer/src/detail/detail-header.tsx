// The top of every detail: what kind of record, its name as the heading (where focus lands when a
// record is opened explicitly), and its actions.
import { type ReactNode, useEffect, useRef } from 'react';
import { useNavigation } from '../navigation';

export function DetailHeader({
  kind,
  title,
  actions,
  children,
}: {
  kind: string;
  title: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const nav = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Re-run whenever an explicit open lands on another record or mode, not on every render.
  const focusKey = nav.focusDetail ? `${nav.selection?.id ?? 'new'}:${nav.mode}` : null;
  useEffect(() => {
    if (focusKey) heading.current?.focus();
  }, [focusKey]);
  return (
    <header className="detail-header">
      <div className="detail-kind-row">
        {nav.canGoBack && (
          <button type="button" className="button button-quiet button-small" onClick={nav.back}>
            ← Back
          </button>
        )}
        <span className="detail-kind">{kind}</span>
        <div className="detail-actions">{actions}</div>
      </div>
      <h2 className="detail-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
    </header>
  );
}
