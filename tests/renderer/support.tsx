// Test support for the renderer: a fake of the typed client at the module boundary (no database,
// no transport), and the providers every view needs. Test files route the client module here with
//   vi.mock('../../renderer/src/client', async (actual) => ({ ...(await actual()), ...(await import('./support')).clientMock }));
// This module must not import anything that imports the client, or the mock would import itself.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import type { Input, Method, Output } from '../../electron/api/contract';
import { NavigationProvider, type NavState, useNavigation } from '../../renderer/src/navigation';

type Handler<M extends Method> = (input: Input<M>) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]?: Handler<M> };

export const backend: { handlers: Handlers; calls: { method: Method; input: unknown }[] } = {
  handlers: {},
  calls: [],
};

export function resetBackend(handlers: Handlers = {}): void {
  backend.handlers = handlers;
  backend.calls = [];
}

export function callsTo(method: Method): unknown[] {
  return backend.calls.filter((c) => c.method === method).map((c) => c.input);
}

async function fakeCall(method: Method, input?: unknown): Promise<unknown> {
  backend.calls.push({ method, input });
  const handler = backend.handlers[method] as ((i: unknown) => unknown) | undefined;
  if (!handler) throw new Error(`the test gave no answer for ${method}`);
  return handler(input);
}

const fakeClient = new Proxy(
  {},
  {
    get: (_t, ns: string) =>
      new Proxy(
        {},
        { get: (_u, op: string) => (input?: unknown) => fakeCall(`${ns}.${op}` as Method, input) },
      ),
  },
);

export const clientMock = { call: fakeCall, client: fakeClient };

/** Shows where the app navigated, so a test can assert "it opened the claim". */
function NavProbe() {
  const nav = useNavigation();
  return (
    <div data-testid="nav">
      {nav.section}|{nav.selection ? `${nav.selection.kind}:${nav.selection.id}` : ''}|{nav.mode}
    </div>
  );
}

export function renderApp(ui: ReactElement, options: { nav?: Partial<NavState> } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY },
      mutations: { retry: false },
    },
  });
  const start: NavState = {
    section: 'claims',
    selection: null,
    mode: 'view',
    focusDetail: false,
    ...options.nav,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <NavigationProvider start={start}>
        {children}
        <NavProbe />
      </NavigationProvider>
    </QueryClientProvider>
  );
  return { ...render(ui, { wrapper }), queryClient };
}

/** jsdom lays nothing out; give virtual lists a viewport so they render what would be visible. */
export function giveListsAViewport(height = 600): () => void {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('virtual-list') ? height : 0;
    },
  });
  return () => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  };
}

export function page<T>(items: T[], total = items.length, nextCursor: string | null = null) {
  return { items, total, nextCursor };
}
