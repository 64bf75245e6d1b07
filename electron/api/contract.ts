// The one contract between the renderer and the case. Every method: its zod input schema here,
// its result type in `Outputs`, its handler in create-api.ts. A method missing any of the three
// fails to compile. The renderer imports this file (schemas for forms, types for the client).
import { z } from 'zod';
import {
  type Attachment,
  AttachmentAdd,
  type AttachmentAdded,
  type AttachmentContent,
  AttachmentGet,
  AttachmentList,
  type AttachmentVerification,
  AttachmentVerify,
} from '../schema/attachments';
import { type AuditHead, AuditList } from '../schema/audit';
import { type BulkResult, ClaimsBulkUpdate, SourcesBulkUpdate } from '../schema/bulk';
import {
  type AuditVerification,
  AuditVerify,
  type CheckpointRecord,
  type IntegrityProgress,
  type IntegrityReport,
  IntegrityVerify,
} from '../schema/custody';
import {
  type ClaimReviewResult,
  ExchangeClaimReview,
  ExchangeExportCall,
  ExchangeImportCall,
  ExchangePreviewCall,
  ExchangeReportCall,
  type ExportResult,
  type ImportPlan,
  type ImportResult,
  type ReportResult,
  type RunningExchange,
} from '../schema/exchange';
import {
  ActorCreate,
  ActorList,
  ActorUpdate,
  AssessmentAdd,
  ById,
  ClaimCreate,
  ClaimGet,
  ClaimList,
  ClaimUpdate,
  DealCreate,
  DealList,
  DealSetParties,
  DealUpdate,
  EvidenceAdd,
  EvidenceUpdate,
  limits,
  Remove,
  requiredText,
  SourceCreate,
  SourceList,
  SourceUpdate,
} from '../schema/inputs';
import { ActorsMerge, type MergeResult } from '../schema/merge';
import {
  type MatrixPicture,
  type NetworkPicture,
  PicturesMatrix,
  PicturesNetwork,
  PicturesTimeline,
  SavePositions,
  type TimelinePicture,
} from '../schema/pictures';
import type {
  Actor,
  ActorDetail,
  Assessment,
  AuditEvent,
  BackupInfo,
  Claim,
  ClaimDetail,
  ClaimListItem,
  Deal,
  Evidence,
  Page,
  PartyView,
  Source,
  SourceDetail,
} from '../schema/records';
import { SearchQuery, type SearchResult } from '../schema/search';
import { RecordsRestore, type TrashItem, TrashList, type UndoOutcome, type UndoState } from '../schema/trash';

const Empty = z.object({}).strict().default({});

export const contract = {
  'case.info': Empty,
  // requiredText refuses a lone surrogate: the actor is hashed into every audit event as text.
  'case.setActor': z.object({ actor: requiredText(limits.name) }).strict(),
  'case.backups': Empty,
  'case.verifyIntegrity': IntegrityVerify,
  'case.integrityProgress': Empty,
  'case.cancelIntegrity': Empty,

  'deals.list': DealList,
  'deals.get': ById,
  'deals.create': DealCreate,
  'deals.update': DealUpdate,
  'deals.remove': Remove,
  'deals.setParties': DealSetParties,

  'actors.list': ActorList,
  'actors.get': ById,
  'actors.create': ActorCreate,
  'actors.update': ActorUpdate,
  'actors.remove': Remove,

  'sources.list': SourceList,
  'sources.get': ById,
  'sources.create': SourceCreate,
  'sources.update': SourceUpdate,
  'sources.remove': Remove,

  'claims.list': ClaimList,
  'claims.get': ClaimGet,
  'claims.create': ClaimCreate,
  'claims.update': ClaimUpdate,
  'claims.remove': Remove,

  'evidence.add': EvidenceAdd,
  'evidence.update': EvidenceUpdate,
  'evidence.remove': Remove,

  'assessments.add': AssessmentAdd,

  'records.restore': RecordsRestore,
  'trash.list': TrashList,
  'undo.state': Empty,
  'undo.last': Empty,
  'undo.redo': Empty,
  'sources.bulkUpdate': SourcesBulkUpdate,
  'claims.bulkUpdate': ClaimsBulkUpdate,
  'actors.merge': ActorsMerge,

  'search.query': SearchQuery,

  'pictures.network': PicturesNetwork,
  'pictures.timeline': PicturesTimeline,
  'pictures.matrix': PicturesMatrix,
  'pictures.savePositions': SavePositions,

  'audit.list': AuditList,
  'audit.verify': AuditVerify,
  'audit.checkpoint': Empty,

  'attachments.add': AttachmentAdd,
  'attachments.list': AttachmentList,
  'attachments.get': AttachmentGet,
  'attachments.verify': AttachmentVerify,

  'exchange.preview': ExchangePreviewCall,
  'exchange.import': ExchangeImportCall,
  'exchange.progress': Empty,
  'exchange.export': ExchangeExportCall,
  'exchange.report': ExchangeReportCall,
  'exchange.claimReview': ExchangeClaimReview,

  // ---- Encryption and locking (issue 15) ----
  /** Whether the case is encrypted and whether it is locked; answered while locked. */
  'session.state': Empty,
  /** Closes the database and drops its key; every other call is refused as `locked` until unlocked. */
  'session.lock': Empty,
  'session.unlock': z
    .object({ passphrase: z.string().min(1, { message: 'is required' }).max(4096) })
    .strict(),
  /** Re-keys the case in place; audited without key material. */
  'case.changePassphrase': z
    .object({
      currentPassphrase: z.string().min(1, { message: 'is required' }).max(4096),
      newPassphrase: z.string().min(1, { message: 'is required' }).max(4096),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]>;
export type ParsedInput<M extends Method> = z.output<Contract[M]>;

export interface CaseInfo {
  path: string;
  name: string;
  caseId: string;
  replica: string;
  actor: string;
  schemaVersion: number;
  counts: Record<
    'deals' | 'actors' | 'sources' | 'claims' | 'evidence' | 'assessments' | 'attachments' | 'auditEvents',
    number
  >;
  auditHead: AuditHead;
  /** `deferred`: the file was too large for the full page check at open; run Verify case integrity. */
  openCheck: 'full' | 'deferred';
  /** What the open did or found that the user should be told (an unfinished backup removed, an older copy opened anyway). */
  notices?: string[];
}

export interface DealDetail {
  deal: Deal;
  parties: PartyView[];
  claims: ClaimListItem[];
}

export type { Checkpoint, CheckpointRecord } from '../schema/custody';

export interface Outputs {
  'case.info': CaseInfo;
  'case.setActor': CaseInfo;
  /** The app's own backups of this case (taken before migrations), newest first. */
  'case.backups': BackupInfo[];
  /**
   * The one integrity run: database structure, links between records, the audit chain, a
   * checkpoint if given, records against their history, stored verdicts, the search index and
   * every attachment's bytes (`steps` narrows it); a plain-words report.
   */
  'case.verifyIntegrity': IntegrityReport;
  /** Where a running case.verifyIntegrity is (poll while it runs), or null. */
  'case.integrityProgress': IntegrityProgress | null;
  /** Stops a running case.verifyIntegrity at its next batch; false when none runs. */
  'case.cancelIntegrity': { cancelled: boolean };
  'deals.list': Page<Deal>;
  'deals.get': DealDetail;
  'deals.create': Deal;
  'deals.update': Deal;
  'deals.remove': Deal;
  'deals.setParties': PartyView[];
  'actors.list': Page<Actor>;
  'actors.get': ActorDetail;
  'actors.create': Actor;
  'actors.update': Actor;
  'actors.remove': Actor;
  'sources.list': Page<Source>;
  'sources.get': SourceDetail;
  'sources.create': Source;
  'sources.update': Source;
  'sources.remove': Source;
  'claims.list': Page<ClaimListItem>;
  'claims.get': ClaimDetail;
  'claims.create': Claim;
  'claims.update': Claim;
  'claims.remove': Claim;
  'evidence.add': Evidence;
  'evidence.update': Evidence;
  'evidence.remove': Evidence;
  'assessments.add': Assessment;
  /** Brings a removed record back as it was (a new `restore` event); refused while what it points at is removed. */
  'records.restore': { id: string; deletedAt: string | null; updatedAt: string };
  /** Removed records of one kind, latest removal first, with who removed them, when and why. */
  'trash.list': Page<TrashItem>;
  /** What Ctrl+Z and Ctrl+Shift+Z would do now. */
  'undo.state': UndoState;
  /** Reverses this person's last change to a claim, source, evidence, deal or actor with a new event. */
  'undo.last': UndoOutcome | null;
  /** Reverses the last undo with a new event. Null when there is nothing to (un)do. */
  'undo.redo': UndoOutcome | null;
  /** Sets reliability (or its note) on many sources in one transaction; one undo reverses it all. */
  'sources.bulkUpdate': BulkResult;
  /** Sets status and adds or removes tags on many claims in one transaction; one undo reverses it all. */
  'claims.bulkUpdate': BulkResult;
  /** Merges a duplicate actor into the survivor in one transaction; one undo reverses it. */
  'actors.merge': MergeResult;
  'search.query': SearchResult;
  'pictures.network': NetworkPicture;
  'pictures.timeline': TimelinePicture;
  'pictures.matrix': MatrixPicture;
  'pictures.savePositions': { saved: number };
  'audit.list': Page<AuditEvent>;
  'audit.verify': AuditVerification;
  'audit.checkpoint': CheckpointRecord;
  'attachments.add': AttachmentAdded;
  'attachments.list': Attachment[];
  'attachments.get': AttachmentContent;
  'attachments.verify': AttachmentVerification;
  /** Dry run: what importing the file would do, row by row with reasons. Changes nothing. */
  'exchange.preview': ImportPlan;
  /** Applies exactly the previewed plan in one transaction, or nothing. */
  'exchange.import': ImportResult;
  /** Where a running preview or import is (poll while it runs), or null. */
  'exchange.progress': RunningExchange | null;
  'exchange.export': ExportResult;
  'exchange.report': ReportResult;
  'exchange.claimReview': ClaimReviewResult;

  // ---- Encryption and locking (issue 15) ----
  'session.state': SessionState;
  'session.lock': SessionState;
  'session.unlock': SessionState;
  'case.changePassphrase': { changed: true };
}

/** What the unlock screen needs to know, and nothing of the case itself. */
export interface SessionState {
  locked: boolean;
  encrypted: boolean;
  fileName: string;
}

// Both directions must hold: every method has an output type and every output a schema.
type MissingOutput = Exclude<Method, keyof Outputs>;
type MissingSchema = Exclude<keyof Outputs, Method>;
const _complete: [MissingOutput, MissingSchema] extends [never, never] ? true : never = true;
void _complete;

export type Output<M extends Method> = Outputs[M];

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
