// A view loaded only when it is first shown, so its code (and libraries such as Cytoscape) stays out
// of the bundle the app paints first. While its chunk loads, screen readers hear what is coming.
import { type ComponentType, lazy, Suspense } from 'react';
import { Loading } from './status-message';

export function lazyView<P extends object>(
  what: string,
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyView(props: P) {
    return (
      <Suspense fallback={<Loading what={what} />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyView;
}
