// The record forms as the views use them: each loads with the forms' chunk (form-chunk.ts) the first
// time one opens, and says so while it loads. Same names and props as the forms themselves.
import { type ComponentProps, type ComponentType, lazy } from 'react';
import { LazyView } from '../components/lazy-view';
import type * as Forms from './form-chunk';

const load = () => import('./form-chunk');
const ActorFormChunk = lazy(() => load().then((m) => ({ default: m.ActorForm })));
const AssessmentFormChunk = lazy(() => load().then((m) => ({ default: m.AssessmentForm })));
const ClaimFormChunk = lazy(() => load().then((m) => ({ default: m.ClaimForm })));
const DealFormChunk = lazy(() => load().then((m) => ({ default: m.DealForm })));
const EvidenceFormChunk = lazy(() => load().then((m) => ({ default: m.EvidenceForm })));
const PartiesEditorChunk = lazy(() => load().then((m) => ({ default: m.PartiesEditor })));
const SourceFormChunk = lazy(() => load().then((m) => ({ default: m.SourceForm })));

/** A form from the chunk, with the words said while the chunk loads. */
function Loaded<P extends object>({ Form, props }: { Form: ComponentType<P>; props: P }) {
  return (
    <LazyView what="the form">
      <Form {...props} />
    </LazyView>
  );
}

export const ActorForm = (props: ComponentProps<typeof Forms.ActorForm>) => (
  <Loaded Form={ActorFormChunk} props={props} />
);
export const AssessmentForm = (props: ComponentProps<typeof Forms.AssessmentForm>) => (
  <Loaded Form={AssessmentFormChunk} props={props} />
);
export const ClaimForm = (props: ComponentProps<typeof Forms.ClaimForm>) => (
  <Loaded Form={ClaimFormChunk} props={props} />
);
export const DealForm = (props: ComponentProps<typeof Forms.DealForm>) => (
  <Loaded Form={DealFormChunk} props={props} />
);
export const EvidenceForm = (props: ComponentProps<typeof Forms.EvidenceForm>) => (
  <Loaded Form={EvidenceFormChunk} props={props} />
);
export const PartiesEditor = (props: ComponentProps<typeof Forms.PartiesEditor>) => (
  <Loaded Form={PartiesEditorChunk} props={props} />
);
export const SourceForm = (props: ComponentProps<typeof Forms.SourceForm>) => (
  <Loaded Form={SourceFormChunk} props={props} />
);
