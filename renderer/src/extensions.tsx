// Where later features plug in without touching the views: extra navigation sections (import,
// export, reports) and extra panels in a record's detail (a source's attachments, custody).
// Each entry is a component that receives the record's id; the views render them in order.
import { type ComponentType, lazy } from 'react';
import { AttachmentsPanel } from './attachments/attachments-panel';
import { LazyView } from './components/lazy-view';
import { AuditTools } from './custody/audit-tools';
import { ClaimPublishPanel, DealPublishPanel } from './exchange/publish-panels';
import { DealMatrixLink } from './pictures/deal-matrix-link';
import { EXPORT_SECTION, IMPORT_SECTION, PICTURES_SECTION, TRASH_SECTION } from './section-ids';

// The wide sections load on first visit: the pictures carry Cytoscape, the exchange screens their
// parsers and previews; none of it is needed to paint the case.
const PicturesChunk = lazy(() =>
  import('./pictures/pictures-view').then((m) => ({ default: m.PicturesView })),
);
const ImportChunk = lazy(() => import('./exchange/import-view').then((m) => ({ default: m.ImportView })));
const ExportChunk = lazy(() => import('./exchange/export-view').then((m) => ({ default: m.ExportView })));
const TrashChunk = lazy(() => import('./trash/trash-view').then((m) => ({ default: m.TrashView })));

function PicturesView() {
  return (
    <LazyView what="the pictures">
      <PicturesChunk />
    </LazyView>
  );
}
function ImportView() {
  return (
    <LazyView what="the import screen">
      <ImportChunk />
    </LazyView>
  );
}
function ExportView() {
  return (
    <LazyView what="the export screen">
      <ExportChunk />
    </LazyView>
  );
}

function TrashView() {
  return (
    <LazyView what="the Trash">
      <TrashChunk />
    </LazyView>
  );
}

export interface DetailExtension {
  /** Stable key, e.g. "attachments". */
  id: string;
  Component: ComponentType<{ id: string }>;
}

export interface SectionExtension {
  id: string;
  /** The navigation entry's label. */
  label: string;
  /** Fills the list and detail panes together. */
  Component: ComponentType;
}

/** Panels shown on a source's detail, after its metadata (issue 6: attachments and custody). */
export const sourceDetailExtensions: DetailExtension[] = [{ id: 'attachments', Component: AttachmentsPanel }];
/** Panels shown on a claim's detail, before its audit trail. */
export const claimDetailExtensions: DetailExtension[] = [{ id: 'publish', Component: ClaimPublishPanel }];
/** Panels shown on a deal's detail, after its claims. */
export const dealDetailExtensions: DetailExtension[] = [
  { id: 'publish', Component: DealPublishPanel },
  { id: 'evidence-matrix', Component: DealMatrixLink },
];
/** Sections after Audit in the navigation (issue 5: import, export, reports). */
export const sectionExtensions: SectionExtension[] = [
  { id: PICTURES_SECTION, label: 'Pictures', Component: PicturesView },
  { id: IMPORT_SECTION, label: 'Import…', Component: ImportView },
  { id: EXPORT_SECTION, label: 'Export & reports', Component: ExportView },
  { id: TRASH_SECTION, label: 'Trash', Component: TrashView },
];
/** Actions in the Audit view's title row, beside its heading (issue 6: checkpoint, case integrity). */
export const auditToolExtensions: { id: string; Component: ComponentType }[] = [
  { id: 'custody', Component: AuditTools },
];

export function Extensions({ list, id }: { list: readonly DetailExtension[]; id: string }) {
  return (
    <>
      {list.map(({ id: key, Component }) => (
        <Component key={key} id={id} />
      ))}
    </>
  );
}
