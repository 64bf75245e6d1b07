import { basename } from 'node:path';
// The contract bound to one open case. Both transports (Electron IPC, the loopback host) are
// thin loops over `call`: it checks the method, parses the input, runs the handler, and wraps
// every outcome — including a bug — as a Result. Nothing thrown here crashes the process.
import { createActor, getActor, listActors, removeActor, updateActor } from '../core/actors';
import { addAssessment } from '../core/assessments';
import { addAttachment, getAttachment, listAttachments, verifyAttachments } from '../core/attachments';
import { auditHead, listEvents } from '../core/audit';
import { findBackups } from '../core/backups';
import { checkCase } from '../core/check-case';
import { createClaim, getClaim, listClaims, removeClaim, updateClaim } from '../core/claims';
import { changePassphrase } from '../core/crypto/case-rekey';
import { integrityProgress, takeCheckpoint, verifyAudit, verifyCaseIntegrity } from '../core/custody';
import { backupTo, type CaseFile, type OpenOptions, setActor } from '../core/db';
import {
  createDeal,
  getDeal,
  listDeals,
  listParties,
  removeDeal,
  setParties,
  updateDeal,
} from '../core/deals';
import { CoreError, parseInput } from '../core/errors';
import { addEvidence, removeEvidence, updateEvidence } from '../core/evidence';
import { runClaimReview, runExport, runReport } from '../core/exchange/export';
import { exchangeProgress, previewImport, runImport } from '../core/exchange/preview';
import { matrixPicture, networkPicture, savePositions, timelinePicture } from '../core/pictures';
import { searchCase } from '../core/search';
import { createSource, getSource, listSources, removeSource, updateSource } from '../core/sources';
import type { Result } from '../schema/result';
import { CaseLock } from './case-lock';
import { type CaseInfo, contract, isMethod, type Method, type Output, type ParsedInput } from './contract';

export interface Api {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
  /** Save a Copy As…: for the main process only, never reachable through `call`. */
  copyTo(target: string): Result<{ path: string }>;
  /** The open case; throws `locked` while the case is locked (check `locked` first). */
  readonly file: CaseFile;
  readonly locked: boolean;
}

type Handlers = { [M in Method]: (c: CaseFile, input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

function caseInfo(c: CaseFile): CaseInfo {
  const count = (table: string, live = true) =>
    c
      .stmt(`SELECT count(*) FROM ${table}${live ? ' WHERE deleted_at IS NULL' : ''}`)
      .pluck()
      .get() as number;
  return {
    path: c.path,
    name: c.meta.name,
    caseId: c.meta.caseId,
    replica: c.meta.replica,
    actor: c.meta.actor,
    schemaVersion: c.schemaVersion,
    counts: {
      deals: count('deals'),
      actors: count('actors'),
      sources: count('sources'),
      claims: count('claims'),
      evidence: count('evidence'),
      assessments: count('assessments'),
      attachments: count('attachments'),
      auditEvents: count('audit_log', false),
    },
    auditHead: auditHead(c.db),
    openCheck: c.openCheck,
  };
}

const handlers: Handlers = {
  'case.info': (c) => caseInfo(c),
  'case.setActor': (c, { actor }) => {
    setActor(c, actor);
    return caseInfo(c);
  },
  'case.backups': (c) => findBackups(c.path),
  'case.check': (c) => checkCase(c),
  'case.verifyIntegrity': (c, input) => verifyCaseIntegrity(c, input),
  'case.integrityProgress': (c) => integrityProgress(c),

  'deals.list': listDeals,
  'deals.get': (c, { id }) => {
    const deal = getDeal(c, id);
    return {
      deal,
      parties: listParties(c, id),
      claims: listClaims(c, { filters: { dealId: id }, limit: 500 }).items,
    };
  },
  'deals.create': createDeal,
  'deals.update': updateDeal,
  'deals.remove': removeDeal,
  'deals.setParties': setParties,

  'actors.list': listActors,
  'actors.get': (c, { id }) => getActor(c, id),
  'actors.create': createActor,
  'actors.update': updateActor,
  'actors.remove': removeActor,

  'sources.list': listSources,
  'sources.get': (c, { id }) => getSource(c, id),
  'sources.create': createSource,
  'sources.update': updateSource,
  'sources.remove': removeSource,

  'claims.list': listClaims,
  'claims.get': (c, { id }) => getClaim(c, id),
  'claims.create': createClaim,
  'claims.update': updateClaim,
  'claims.remove': removeClaim,

  'evidence.add': addEvidence,
  'evidence.update': updateEvidence,
  'evidence.remove': removeEvidence,

  'assessments.add': addAssessment,

  'search.query': searchCase,

  'pictures.network': networkPicture,
  'pictures.timeline': timelinePicture,
  'pictures.matrix': matrixPicture,
  'pictures.savePositions': savePositions,

  'audit.list': (c, input) => listEvents(c.db, input),
  'audit.verify': verifyAudit,
  'audit.checkpoint': takeCheckpoint,

  'attachments.add': addAttachment,
  'attachments.list': listAttachments,
  'attachments.get': getAttachment,
  'attachments.verify': (c, input) => verifyAttachments(c, input),

  'exchange.preview': (c, input) => previewImport(c, input),
  'exchange.import': (c, input) => runImport(c, input),
  'exchange.progress': (c) => exchangeProgress(c),
  'exchange.export': runExport,
  'exchange.report': runReport,
  'exchange.claimReview': runClaimReview,

  // ---- Encryption and locking (issue 15) ----
  // createApi's CaseLock answers the session's methods before a handler is reached; these run
  // only for a caller that owns the CaseFile itself (callOn), which cannot lock it.
  'session.state': (c) => ({ locked: false, encrypted: c.encrypted, fileName: basename(c.path) }),
  'session.lock': () => {
    throw new CoreError(
      'conflict',
      'This case is not opened in a way that can be locked.',
      undefined,
      'not_lockable',
    );
  },
  'session.unlock': (c) => ({ locked: false, encrypted: c.encrypted, fileName: basename(c.path) }),
  'case.changePassphrase': (c, { currentPassphrase, newPassphrase }) => {
    changePassphrase(c, currentPassphrase, newPassphrase);
    return { changed: true };
  },
};

export function toResultError(error: unknown): Result<never> {
  if (error instanceof CoreError) return { ok: false, error: error.toApiError() };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: `Unexpected error: ${message}` } };
}

/** Runs one call against an open case. Exported for tests and for callers that own the CaseFile. */
export async function callOn(file: CaseFile, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Unknown method "${String(method).slice(0, 100)}".` },
      };
    }
    // parseInput, not safeParse: it also refuses the inputs that make a schema throw.
    const parsed = parseInput(contract[method], input);
    const handler = handlers[method] as (c: CaseFile, i: unknown) => unknown;
    return { ok: true, value: await handler(file, parsed) };
  } catch (error) {
    return toResultError(error);
  }
}

/**
 * A consistent copy of the open case at `target` (Save a Copy As…). Not a contract method: only
 * the main process, after a save dialog, may name a path to write.
 */
export function copyCase(file: CaseFile, target: string): Result<{ path: string }> {
  try {
    backupTo(file.db, target);
    return { ok: true, value: { path: target } };
  } catch (error) {
    return toResultError(error);
  }
}

/** Opens the case file (throwing CoreError if it is refused) and binds the contract to it. */
export function createApi(casePath: string, options: OpenOptions = {}): Api {
  const session = new CaseLock(casePath, options);
  return {
    get file() {
      return session.file;
    },
    get locked() {
      return session.locked;
    },
    call: (method, input) => {
      if (method === 'session.state' || method === 'session.lock' || method === 'session.unlock')
        return callSession(session, method, input);
      if (session.locked) return Promise.resolve(toResultError(lockedError(session)));
      return callOn(session.file, method, input);
    },
    copyTo: (target) =>
      session.locked ? toResultError(lockedError(session)) : copyCase(session.file, target),
    close: () => session.close(),
  };
}

function lockedError(session: CaseLock): unknown {
  try {
    return session.file && new CoreError('internal', 'The case is not locked.');
  } catch (error) {
    return error;
  }
}

async function callSession(session: CaseLock, method: Method, input: unknown): Promise<Result<unknown>> {
  try {
    const parsed = parseInput(contract[method], input) as { passphrase?: string };
    if (method === 'session.lock') return { ok: true, value: session.lock() };
    if (method === 'session.unlock') return { ok: true, value: session.unlock(parsed.passphrase ?? '') };
    return { ok: true, value: session.state() };
  } catch (error) {
    return toResultError(error);
  }
}
