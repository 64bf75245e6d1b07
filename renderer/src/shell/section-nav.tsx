import { modifierKey } from '../components/platform';
import { sectionExtensions } from '../extensions';
import { useNavigation } from '../navigation';
import { useCaseInfo } from '../queries';
import { sections } from './sections';

export function SectionNav() {
  const nav = useNavigation();
  const info = useCaseInfo();
  const counts = info.data?.counts;
  return (
    <nav className="nav-pane" aria-label="Sections">
      <ul className="nav-list">
        {sections.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={nav.section === s.id ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${s.key}`}
              onClick={() => nav.goTo(s.id)}
            >
              <span>{s.label}</span>
              {counts && s.count && <span className="nav-count">{counts[s.count].toLocaleString()}</span>}
            </button>
          </li>
        ))}
        {sectionExtensions.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={nav.section === s.id ? 'page' : undefined}
              onClick={() => nav.goTo(s.id)}
            >
              <span>{s.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="nav-hint">
        <kbd>{modifierKey}</kbd> <kbd>K</kbd> search
        <br />
        <kbd>Alt</kbd> <kbd>1</kbd>–<kbd>5</kbd> sections
      </p>
    </nav>
  );
}
