// Views loaded only when first shown (React.lazy), so their code and libraries such as Cytoscape
// stay out of the bundle the app paints first. While a chunk loads, screen readers hear what is coming.
import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { Loading } from './status-message';

export function LazyView({ what, children }: { what: string; children: ReactNode }) {
  return <Suspense fallback={<Loading what={what} />}>{children}</Suspense>;
}
