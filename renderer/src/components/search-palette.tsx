// Ctrl/Cmd+K: one box over every record of the case. Results come grouped by kind, the arrow keys
// walk them, Enter opens the record (a piece of evidence opens its claim).
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useState } from 'react';
import { plural } from '../../../electron/schema/plural';
import {
  SEARCH_RANK_CAP,
  type SearchGroup,
  type SearchHit,
  type SearchResult,
} from '../../../electron/schema/search';
import { type ApiCallError, client } from '../client';
import { useDebounced } from '../hooks/use-debounced';
import { searchKindLabels } from '../labels';
import { type RecordKind, useNavigation } from '../navigation';
import { HighlightedSnippet } from './highlighted-snippet';
import { Modal } from './modal';

const PER_KIND = 8;

/** How many of a kind match: "300+" when there are more than the ranked cap. */
export function groupCount(group: SearchGroup): string {
  return group.capped ? `${SEARCH_RANK_CAP.toLocaleString()}+` : group.total.toLocaleString();
}

export function targetOf(hit: SearchHit): { kind: RecordKind; id: string } | null {
  if (hit.kind === 'evidence') return hit.claimId ? { kind: 'claim', id: hit.claimId } : null;
  return { kind: hit.kind, id: hit.id };
}

export function SearchPalette({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Search the case" className="palette">
      {open && <PaletteBody close={() => onOpenChange(false)} />}
    </Modal>
  );
}

function PaletteBody({ close }: { close(): void }) {
  const nav = useNavigation();
  const id = useId();
  const listId = `${id}-results`;
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 120);
  const result = useQuery<SearchResult, ApiCallError>({
    queryKey: ['search.query', { query, limit: PER_KIND }],
    queryFn: () => client.search.query({ query, limit: PER_KIND }),
    enabled: query !== '',
  });
  const groups = query === '' ? [] : (result.data?.groups ?? []);
  const flat = groups.flatMap((g) => g.hits);

  const openHit = (hit: SearchHit | undefined) => {
    const target = hit && targetOf(hit);
    if (!target) return;
    close();
    nav.open(target.kind, target.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(flat.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openHit(flat[active]);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  let index = -1;
  return (
    <div className="palette-body">
      <input
        // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into
        autoFocus
        className="input palette-input"
        role="combobox"
        aria-label="Search claims, sources, evidence, deals and actors"
        aria-expanded={flat.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={flat[active] ? optionId(active) : undefined}
        placeholder="Search claims, sources, evidence, deals, actors…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="palette-status" role="status">
        {query === ''
          ? 'Type a word. ↑ ↓ to move, Enter to open, Esc to close.'
          : result.isPending
            ? 'Searching…'
            : result.isError
              ? `Search failed: ${result.error.message}`
              : result.data.total === 0
                ? `Nothing matches “${query}”.`
                : result.data.capped
                  ? `${result.data.total.toLocaleString()}+ matches: add a word to narrow them.`
                  : plural(result.data.total, 'match', 'matches')}
      </p>
      <div id={listId} role="listbox" aria-label="Search results" className="palette-results">
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role="group", not a fieldset
          <div
            key={group.kind}
            role="group"
            aria-labelledby={`${listId}-${group.kind}`}
            className="palette-group"
          >
            <div className="palette-group-title" role="presentation">
              <span id={`${listId}-${group.kind}`}>{searchKindLabels[group.kind]}</span>{' '}
              <span className="palette-group-count">{groupCount(group)}</span>
            </div>
            {group.hits.map((hit) => {
              index++;
              const i = index;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
                // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input; options are pointed at, not focused
                <div
                  key={`${hit.kind}-${hit.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`palette-option${i === active ? ' is-active' : ''}`}
                  onMouseMove={() => setActive(i)}
                  onClick={() => openHit(hit)}
                >
                  <span className="palette-title">{hit.title}</span>
                  {hit.snippet && (
                    <span className="palette-snippet">
                      <HighlightedSnippet text={hit.snippet} />
                    </span>
                  )}
                  {hit.kind === 'evidence' && hit.context && (
                    <span className="palette-context">in the claim “{hit.context}”</span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
