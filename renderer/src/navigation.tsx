// Where the investigator is: which section, which record, and whether it is being read, created or
// edited. Kept in memory (no URL routing): the app has one window and nothing to deep-link from.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type RecordKind = 'claim' | 'source' | 'deal' | 'actor' | 'audit';
// Built-in sections, or the id of a section added through extensions.ts.
export type SectionId = 'deals' | 'claims' | 'sources' | 'actors' | 'audit' | (string & {});
export type Mode = 'view' | 'create' | 'edit';

export interface NavState {
  section: SectionId;
  selection: { kind: RecordKind; id: string } | null;
  mode: Mode;
  /** Move focus to the detail heading after this change (an explicit "open", not an arrow key). */
  focusDetail: boolean;
  /** Values a "create" starts with, e.g. the deal a new claim is about. */
  preset?: Record<string, string>;
}

export const sectionOf: Record<RecordKind, SectionId> = {
  claim: 'claims',
  source: 'sources',
  deal: 'deals',
  actor: 'actors',
  audit: 'audit',
};

export interface Navigation extends NavState {
  canGoBack: boolean;
  goTo(section: SectionId): void;
  open(kind: RecordKind, id: string, options?: { focus?: boolean }): void;
  /** Selecting in a list replaces the current record instead of adding a step to go back to. */
  select(kind: RecordKind, id: string): void;
  create(kind: RecordKind, preset?: Record<string, string>): void;
  edit(): void;
  view(): void;
  back(): void;
  clear(): void;
}

const NavigationContext = createContext<Navigation | null>(null);

const initial: NavState = { section: 'claims', selection: null, mode: 'view', focusDetail: false };

export function NavigationProvider({ children, start = initial }: { children: ReactNode; start?: NavState }) {
  const [history, setHistory] = useState<NavState[]>([start]);
  const state = history[history.length - 1] ?? start;

  const push = useCallback((next: NavState) => setHistory((h) => [...h.slice(-49), next]), []);
  const replace = useCallback(
    (change: (s: NavState) => NavState) =>
      setHistory((h) => [...h.slice(0, -1), change(h[h.length - 1] ?? initial)]),
    [],
  );

  const value = useMemo<Navigation>(
    () => ({
      ...state,
      canGoBack: history.length > 1,
      goTo: (section) => push({ section, selection: null, mode: 'view', focusDetail: false }),
      open: (kind, id, options) =>
        push({
          section: sectionOf[kind],
          selection: { kind, id },
          mode: 'view',
          focusDetail: options?.focus ?? true,
        }),
      select: (kind, id) =>
        replace(() => ({
          section: sectionOf[kind],
          selection: { kind, id },
          mode: 'view',
          focusDetail: false,
        })),
      create: (kind, preset) =>
        push({
          section: sectionOf[kind],
          selection: null,
          mode: 'create',
          focusDetail: true,
          ...(preset ? { preset } : {}),
        }),
      edit: () => replace((s) => ({ ...s, mode: 'edit', focusDetail: true })),
      view: () => replace((s) => ({ ...s, mode: 'view', focusDetail: true })),
      clear: () => replace((s) => ({ ...s, selection: null, mode: 'view', focusDetail: false })),
      back: () => setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h)),
    }),
    [state, history.length, push, replace],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationProvider');
  return nav;
}
