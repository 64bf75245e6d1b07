// The one contract between the renderer and the case. Every method: its zod input schema here,
// its result type in `Outputs`, its handler in create-api.ts. A method missing any of the three
// fails to compile. The renderer imports this file (schemas for forms, types for the client).
import { z } from 'zod';
import { AuditList, type AuditHead } from '../schema/audit';
import {
  ActorCreate,
  ActorList,
  ActorUpdate,
  AssessmentAdd,
  ById,
  ClaimCreate,
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
  SourceCreate,
  SourceList,
  SourceUpdate,
} from '../schema/inputs';
import type {
  Actor,
  Assessment,
  AuditEvent,
  Claim,
  ClaimDetail,
  ClaimListItem,
  Deal,
  Evidence,
  Page,
  Source,
} from '../schema/records';
import { SearchQuery, type SearchResult } from '../schema/search';
import type { ActorDetail } from '../core/actors';
import type { VerifyResult } from '../core/audit';
import type { PartyView } from '../core/deals';
import type { SourceDetail } from '../core/sources';

const Empty = z.object({}).strict().default({});

export const contract = {
  'case.info': Empty,
  'case.setActor': z.object({ actor: z.string().trim().min(1, { message: 'is required' }).max(limits.name) }).strict(),
  'case.backup': z.object({ path: z.string().min(1).max(4096) }).strict(),

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
  'claims.get': ById,
  'claims.create': ClaimCreate,
  'claims.update': ClaimUpdate,
  'claims.remove': Remove,

  'evidence.add': EvidenceAdd,
  'evidence.update': EvidenceUpdate,
  'evidence.remove': Remove,

  'assessments.add': AssessmentAdd,

  'search.query': SearchQuery,

  'audit.list': AuditList,
  'audit.verify': Empty,
  'audit.checkpoint': Empty,
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
  counts: Record<'deals' | 'actors' | 'sources' | 'claims' | 'evidence' | 'assessments' | 'attachments' | 'auditEvents', number>;
  auditHead: AuditHead;
}

export interface DealDetail {
  deal: Deal;
  parties: PartyView[];
  claims: ClaimListItem[];
}

export interface Checkpoint {
  caseId: string;
  caseName: string;
  seq: number;
  headHash: string;
  at: string;
  counts: CaseInfo['counts'];
}

export interface Outputs {
  'case.info': CaseInfo;
  'case.setActor': CaseInfo;
  'case.backup': { path: string };
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
  'search.query': SearchResult;
  'audit.list': Page<AuditEvent>;
  'audit.verify': VerifyResult;
  'audit.checkpoint': Checkpoint;
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
