// Every record form in one chunk (with react-hook-form and its zod resolver): loaded the first time a
// form opens, never to paint the case. Import the forms through lazy-forms.tsx, not from here.
export { ActorForm } from './actor-form';
export { AssessmentForm } from './assessment-form';
export { ClaimForm } from './claim-form';
export { DealForm } from './deal-form';
export { EvidenceForm } from './evidence-form';
export { PartiesEditor } from './parties-editor';
export { SourceForm } from './source-form';
