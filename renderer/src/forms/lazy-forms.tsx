// The record forms as the views use them: each loads with the forms' chunk (form-chunk.ts) the first
// time one opens, and says so while it loads. Same names and props as the forms themselves.
import { type ComponentProps, lazy } from 'react';
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

export function ActorForm(props: ComponentProps<typeof Forms.ActorForm>) {
  return (
    <LazyView what="the form">
      <ActorFormChunk {...props} />
    </LazyView>
  );
}

export function AssessmentForm(props: ComponentProps<typeof Forms.AssessmentForm>) {
  return (
    <LazyView what="the form">
      <AssessmentFormChunk {...props} />
    </LazyView>
  );
}

export function ClaimForm(props: ComponentProps<typeof Forms.ClaimForm>) {
  return (
    <LazyView what="the form">
      <ClaimFormChunk {...props} />
    </LazyView>
  );
}

export function DealForm(props: ComponentProps<typeof Forms.DealForm>) {
  return (
    <LazyView what="the form">
      <DealFormChunk {...props} />
    </LazyView>
  );
}

export function EvidenceForm(props: ComponentProps<typeof Forms.EvidenceForm>) {
  return (
    <LazyView what="the form">
      <EvidenceFormChunk {...props} />
    </LazyView>
  );
}

export function PartiesEditor(props: ComponentProps<typeof Forms.PartiesEditor>) {
  return (
    <LazyView what="the form">
      <PartiesEditorChunk {...props} />
    </LazyView>
  );
}

export function SourceForm(props: ComponentProps<typeof Forms.SourceForm>) {
  return (
    <LazyView what="the form">
      <SourceFormChunk {...props} />
    </LazyView>
  );
}
