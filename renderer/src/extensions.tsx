// Where later features plug in without touching the views: extra navigation sections (import,
// export, reports) and extra panels in a record's detail (a source's attachments, custody).
// Each entry is a component that receives the record's id; the views render them in order.
import type { ComponentType } from 'react';
import { DealMatrixLink, PICTURES_SECTION, PicturesView } from './pictures/pictures-view';

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
export const sourceDetailExtensions: DetailExtension[] = [];
/** Panels shown on a claim's detail, before its audit trail. */
export const claimDetailExtensions: DetailExtension[] = [];
/** Panels shown on a deal's detail, after its claims. */
export const dealDetailExtensions: DetailExtension[] = [{ id: 'evidence-matrix', Component: DealMatrixLink }];
/** Sections after Audit in the navigation (issue 5: import, export, reports). */
export const sectionExtensions: SectionExtension[] = [
  { id: PICTURES_SECTION, label: 'Pictures', Component: PicturesView },
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
