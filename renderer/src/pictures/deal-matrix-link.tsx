// The one piece of the Pictures section a deal's detail shows: a way straight to its evidence
// matrix. Kept apart from pictures-view so that the detail pane never pulls in the pictures' chunk
// (Cytoscape and the picture builders load only when the section opens).
import { useSessionState } from '../hooks/use-session-state';
import { useNavigation } from '../navigation';
import { PICTURES_SECTION } from '../section-ids';
import { matrixDealKey, pictureTabKey } from './session-keys';

export type PictureTab = 'network' | 'timeline' | 'matrix';

/** On a deal's detail: a way straight to its evidence matrix. */
export function DealMatrixLink({ id }: { id: string }) {
  const nav = useNavigation();
  const [, setTab] = useSessionState<PictureTab>(pictureTabKey, 'network');
  const [, setDeal] = useSessionState<string | null>(matrixDealKey, null);
  return (
    <section className="panel" aria-label="Pictures of this deal">
      <button
        type="button"
        className="button"
        onClick={() => {
          setDeal(id);
          setTab('matrix');
          nav.goTo(PICTURES_SECTION);
        }}
      >
        Open the evidence matrix
      </button>
    </section>
  );
}
