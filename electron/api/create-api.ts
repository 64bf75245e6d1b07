// The contract bound to one open case. Both transports (Electron IPC, the loopback host) are
// thin loops over `call`: it checks the method, parses the input, runs the handler, and wraps
// every outcome — including a bug — as a Result. Nothing thrown here crashes the process. The
// trusted callers (main and host) also get `local` (local-api.ts): paths and streams.
import { basename } from 'node:path';
import { createActor, getActor, listActors, removeActor, updateActor } from '../core/actors';
import { addAssessment } from '../core/assessments';
import { addAttachment, getAttachment, listAttachments, verifyAttachments } from '../core/attachments';
import { auditHead, listEvents } from '../core/audit';
import { findBackups } from '../core/backups';
import { bulkUpdateClaims, bulkUpdateSources } from '../core/bulk';
import { caseCounts } from '../core/case-counts';
import { createClaim, getClaim, listClaims, removeClaim, updateClaim } from '../core/claims';
import { changePassphrase } from '../core/crypto/case-rekey';
import { takeCheckpoint, verifyAudit } from '../core/custody';
import { type CaseFile, type OpenOptions, setActor } from '../core/db';
import {
  createDeal,
  getDeal,
  listDeals,
  listParties,
  removeDeal,
  setParties,
  updateDeal,
} from '../core/deals';
import { addEvidence, removeEvidence, updateEvidence } from '../core/evidence';
import { runClaimReview, runExport, runReport } from '../core/exchange/export';
import { exchangeProgress, previewImport, runImport } from '../core/exchange/preview';
import { cancelIntegrity, integrityProgress, runIntegrity } from '../core/integrity/run-integrity';
import { mergeActors } from '../core/merge';
import { matrixPicture, networkPicture, savePositions, timelinePicture } from '../core/pictures';
import { listTrash, restoreRecordCall } from '../core/restore';
import { retryWhenBusy } from '../core/retry-when-busy';
import { searchCase } from '../core/search';
import { createSource, getSource, listSources, removeSource, updateSource } from '../core/sources';
import { redoLast, undoLast, undoState } from '../core/undo';
import { CoreError, parseInput, toResultError } from '../schema/errors';
import type { Result } from '../schema/result';
import { CaseLock } from './case-lock';
import { type CaseInfo, contract, isMethod, type Method, type Output, type ParsedInput } from './contract';
import { bindLocal, type LocalApi } from './local-api';

export interface Api {
  /** The contract: all a renderer can reach. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** The trusted face, for the main process and the host only: paths and streams. */
  readonly local: LocalApi;
  close(): void;
  /** True while an encrypted case is locked: every call but the session's own is refused. */
  readonly locked: boolean;
}

/** The Api with the case file it is bound to: for callers that own the file (tests, the bench). */
export interface ApiWithFile extends Api {
  /** The open case; throws `locked` while the case is locked (check `locked` first). */
  readonly file: CaseFile;
}

/** Events of a claim's trail sent with its detail (the renderer's trail shows at most this many). */
const CLAIM_TRAIL_LIMIT = 500;

type Handlers = { [M in Method]: (c: CaseFile, input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

function caseInfo(c: CaseFile): CaseInfo {
  return {
    path: c.path,
    name: c.meta.name,
    caseId: c.meta.caseId,
    replica: c.meta.replica,
    actor: c.meta.actor,
    schemaVersion: c.schemaVersion,
    counts: c.read(() => caseCounts(c)),
    auditHead: auditHead(c.db),
    openCheck: c.openCheck,
    notices: c.notices,
  };
}

const handlers: Handlers = {
  'case.info': (c) => caseInfo(c),
  'case.setActor': (c, { actor }) => {
    setActor(c, actor);
    return caseInfo(c);
  },
  'case.backups': (c) => findBackups(c.path),
  'case.verifyIntegrity': (c, input) => runIntegrity(c, input),
  'case.integrityProgress': (c) => integrityProgress(c),
  'case.cancelIntegrity': (c) => cancelIntegrity(c),

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
  'claims.get': (c, { id, trail }) =>
    c.read(() => {
      const detail = getClaim(c, id);
      // One round trip for the detail pane: the trail the renderer would fetch next comes along.
      return trail
        ? { ...detail, trail: listEvents(c.db, { claimId: id, limit: CLAIM_TRAIL_LIMIT }) }
        : detail;
    }),
  'claims.create': createClaim,
  'claims.update': updateClaim,
  'claims.remove': removeClaim,

  'evidence.add': addEvidence,
  'evidence.update': updateEvidence,
  'evidence.remove': removeEvidence,

  'assessments.add': addAssessment,

  'records.restore': restoreRecordCall,
  'trash.list': listTrash,
  'undo.state': (c) => undoState(c),
  'undo.last': (c) => undoLast(c),
  'undo.redo': (c) => redoLast(c),
  'sources.bulkUpdate': bulkUpdateSources,
  'claims.bulkUpdate': bulkUpdateClaims,
  'actors.merge': mergeActors,

  'search.query': searchCase,

  'pictures.network': networkPicture,
  'pictures.timeline': timelinePicture,
  'pictures.matrix': matrixPicture,
  'pictures.savePositions': savePositions,

  'audit.list': (c, input) => listEvents(c.db, input, { now: c.now(), caseCreatedAt: c.meta.createdAt }),
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
    return { ok: true, value: await retryWhenBusy(file, () => handler(file, parsed)) };
  } catch (error) {
    return toResultError(error);
  }
}

/** Binds the contract (and the local face) to a case file the caller opened (it cannot be locked). */
export function bindApi(file: CaseFile): ApiWithFile {
  return {
    file,
    locked: false,
    call: (method, input) => callOn(file, method, input),
    local: bindLocal(() => file),
    close: () => file.close(),
  };
}

/**
 * Opens the case file (throwing CoreError if it is refused) and binds the contract to it. An
 * encrypted case opened without its passphrase starts locked (case-lock.ts): then every call but
 * the session's own, and every use of `local`, is refused as `locked` until it is unlocked.
 */
export function createApi(casePath: string, options: OpenOptions = {}): ApiWithFile {
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
    local: bindLocal(() => session.file),
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
