// The three panes: sections, the list of the current section, the selected record.
import { useEffect, useState } from 'react';
import { SearchPalette } from '../components/search-palette';
import { DetailPane } from '../detail/detail-pane';
import { sectionExtensions } from '../extensions';
import { ActorsList } from '../lists/actors-list';
import { AuditList } from '../lists/audit-list';
import { ClaimsList } from '../lists/claims-list';
import { DealsList } from '../lists/deals-list';
import { SourcesList } from '../lists/sources-list';
import { useNavigation } from '../navigation';
import { CaseNotices } from './case-notices';
import { SectionNav } from './section-nav';
import { sections } from './sections';
import { TopBar } from './top-bar';

const lists: Record<string, () => React.JSX.Element> = {
  deals: DealsList,
  claims: ClaimsList,
  sources: SourcesList,
  actors: ActorsList,
  audit: AuditList,
};

export function Shell() {
  const nav = useNavigation();
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setSearching(true);
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        const section = sections.find((s) => s.key === event.key);
        if (section) {
          event.preventDefault();
          nav.goTo(section.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav.goTo]);

  const extension = sectionExtensions.find((s) => s.id === nav.section);
  const List = lists[nav.section];
  return (
    <div className="app">
      <TopBar onSearch={() => setSearching(true)} />
      <CaseNotices />
      <div className="panes">
        <SectionNav />
        {extension ? (
          <main className="wide-pane" aria-label={extension.label}>
            <extension.Component />
          </main>
        ) : (
          <>
            <section className="list-pane" aria-label="List">
              {List && <List />}
            </section>
            <main className="detail-pane" aria-label="Detail">
              <DetailPane />
            </main>
          </>
        )}
      </div>
      <SearchPalette open={searching} onOpenChange={setSearching} />
    </div>
  );
}
