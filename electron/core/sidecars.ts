// Before SQLite reads a case's write-ahead log, decide from the bytes alone whether the -wal and
// -shm beside the case belong to this file at this moment. SQLite cannot tell: it replays any
// intact log whose page size matches, so another copy's log, an older log of the same case, or a
// -shm whose log was deleted would silently change (or damage) the case. The seal (wal-seal.ts)
// that every write leaves in its own page says which audit head each write started from and
// reached; the main file holds the seal of its last checkpoint.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CoreError } from './errors';
import { readCommittedLog, readWalIndexHeader } from './wal-check';
import { type AuditHead, SEAL_SCHEMA, type Seal, sameHead, sealInPage } from './wal-seal';

export type SidecarReason =
  | 'wal_foreign'
  | 'wal_other_copy'
  | 'wal_older'
  | 'main_older'
  | 'shm_without_wal'
  | 'sidecar_conflict_copy';

/** What the user can do instead of opening as usual (sidecar-choices.ts carries them out). */
export type SidecarChoice = 'open_main_read_only' | 'set_aside' | 'recover_copy';

export interface SidecarFile {
  path: string;
  name: string;
  size: number;
}

export interface LogFile extends SidecarFile {
  /** Frames SQLite would apply (to the last intact commit). */
  committedFrames: number;
  /** Sealed writes in those frames. */
  writes: number;
  /** The head the log would leave the case at, when it holds sealed writes. */
  head: AuditHead | null;
}

export interface StrayLog extends LogFile {
  /** Its writes continue the case file's own history: it holds changes the case file lacks. */
  continuesCase: boolean;
}

export interface SidecarProblem {
  reason: SidecarReason;
  /** The side file at fault. */
  sidecar: string;
  detail: string;
  choices: SidecarChoice[];
}

export interface SidecarReport {
  wal: LogFile | null;
  shm: (SidecarFile & { indexedFrames: number | null }) | null;
  /** Copies of side files a sync program made (`x (1).evidence-wal`), with no case file of their own. */
  strays: StrayLog[];
  /** The audit head of the case file alone (null when it cannot be read from its bytes). */
  headWithout: AuditHead | null;
  /** The audit head with its log applied (null when it cannot be read from the bytes). */
  headWith: AuditHead | null;
  /** Whether the side files belong to this file at this moment (true when there are none). */
  belongs: boolean;
  problem: SidecarProblem | null;
}

interface LogSeals {
  file: LogFile;
  seals: Seal[];
  /** The page the seal lives on, as the log wrote it. */
  sealPage: number | null;
}

function sizeOf(path: string): number | null {
  const st = statSync(path, { throwIfNoEntry: false });
  return st?.isFile() ? st.size : null;
}

/** The seals a log's committed writes left, in order (one per commit that rewrote the seal). */
function readLog(path: string, size: number): LogSeals {
  const seals: Seal[] = [];
  let pending: Seal | null = null;
  let sealPage: number | null = null;
  const log = readCommittedLog(path, ({ pgno, page, commit }) => {
    if (sealPage === null || pgno === sealPage) {
      const seal = sealInPage(page);
      if (seal) {
        sealPage = pgno;
        pending = seal;
      }
    }
    if (commit && pending) {
      seals.push(pending);
      pending = null;
    }
  });
  const committed = log?.committedFrames ?? 0;
  // Frames after the last commit were never acknowledged: their seals do not count.
  const kept = committed === 0 ? [] : seals;
  return {
    file: {
      path,
      name: basename(path),
      size,
      committedFrames: committed,
      writes: kept.length,
      head: kept.at(-1)?.head ?? null,
    },
    seals: kept,
    sealPage,
  };
}

function readPage(path: string, pageSize: number, pgno: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const page = Buffer.alloc(pageSize);
    return readSync(fd, page, 0, pageSize, (pgno - 1) * pageSize) === pageSize ? page : null;
  } finally {
    closeSync(fd);
  }
}

function mainHeader(path: string): { pageSize: number; schema: number } | null {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null;
    const raw = header.readUInt16BE(16);
    return { pageSize: raw === 1 ? 65536 : raw, schema: header.readUInt32BE(60) };
  } finally {
    closeSync(fd);
  }
}

type Relation = 'belongs' | 'unknown' | Exclude<SidecarReason, 'shm_without_wal' | 'sidecar_conflict_copy'>;

/**
 * How a log's seals stand to the main file's: it belongs when its first write started from the
 * head the main file holds, or when the main file already holds one of its seals (checkpointed,
 * wholly or partly). A case from before the seal cannot be judged and is left to SQLite.
 */
function relate(main: Seal | null, mainSchema: number, log: LogSeals): Relation {
  const first = log.seals[0];
  const last = log.seals.at(-1);
  if (!first || !last) return 'unknown';
  if (!main) return mainSchema >= SEAL_SCHEMA ? 'wal_foreign' : 'unknown';
  if (main.caseId !== first.caseId) return 'wal_foreign';
  if (sameHead(first.base, main.head) || log.seals.some((s) => sameHead(s.head, main.head))) return 'belongs';
  if (main.head.seq < first.base.seq) return 'main_older';
  if (main.head.seq > last.head.seq) return 'wal_older';
  return 'wal_other_copy';
}

const CONFLICT = /^(?:\s*\(.*\)|\s*[-–]?\s*(?:conflicted )?copy.*|\.sync-conflict-.*|\s+conflicted.*)$/i;

/** Conflicted copies of this case's side files whose own case file is not there. */
function strayNames(path: string): string[] {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  return names.filter((n) => {
    const suffix = n.endsWith(`${ext}-wal`) ? '-wal' : n.endsWith(`${ext}-shm`) ? '-shm' : null;
    if (!suffix || n === `${name}${suffix}` || !n.startsWith(stem)) return false;
    const middle = n.slice(stem.length, n.length - ext.length - suffix.length);
    if (!CONFLICT.test(middle)) return false;
    // `x (1).evidence-wal` beside `x (1).evidence` is that file's own log, not a stray.
    return sizeOf(join(dirname(path), n.slice(0, -suffix.length))) === null;
  });
}

const at = (h: AuditHead) => `change #${h.seq}`;

/** Everything the bytes say about the side files of the case at `path`; writes and creates nothing. */
export function inspectSidecars(path: string): SidecarReport {
  const name = basename(path);
  const header = mainHeader(path);
  const walPath = `${path}-wal`;
  const shmPath = `${path}-shm`;
  const walSize = sizeOf(walPath);
  const shmSize = sizeOf(shmPath);
  const log = walSize === null ? null : readLog(walPath, walSize);
  const index = shmSize === null ? null : readWalIndexHeader(shmPath);
  const strayLogs = strayNames(path).map((n) => {
    const p = join(dirname(path), n);
    return n.endsWith('-wal')
      ? readLog(p, sizeOf(p) ?? 0)
      : {
          file: { path: p, name: n, size: sizeOf(p) ?? 0, committedFrames: 0, writes: 0, head: null },
          seals: [],
          sealPage: null,
        };
  });
  const sealPage = log?.sealPage ?? strayLogs.find((s) => s.sealPage !== null)?.sealPage ?? null;
  const mainPage = header && sealPage !== null ? readPage(path, header.pageSize, sealPage) : null;
  const main = mainPage ? sealInPage(mainPage) : null;
  const schema = header?.schema ?? 0;
  const relation = log ? relate(main, schema, log) : 'unknown';
  const strays: StrayLog[] = strayLogs.map((s) => ({
    ...s.file,
    continuesCase:
      relate(main, schema, s) === 'belongs' &&
      s.file.head !== null &&
      (main === null || s.file.head.seq > main.head.seq),
  }));
  const headWithout = main?.head ?? null;
  const report: SidecarReport = {
    wal: log?.file ?? null,
    shm:
      shmSize === null
        ? null
        : {
            path: shmPath,
            name: basename(shmPath),
            size: shmSize,
            indexedFrames: index?.committedFrames ?? null,
          },
    strays,
    headWithout,
    headWith: relation === 'belongs' ? (log?.file.head ?? headWithout) : headWithout,
    belongs: true,
    problem: null,
  };
  const problem = (reason: SidecarReason, sidecar: string, detail: string, choices: SidecarChoice[]) => {
    report.belongs = false;
    report.problem = { reason, sidecar, detail, choices };
    return report;
  };
  const walName = basename(walPath);
  const readOnlyOrAside: SidecarChoice[] = ['open_main_read_only', 'set_aside'];
  if (log && relation !== 'belongs' && relation !== 'unknown') {
    const first = log.seals[0]!;
    const last = log.seals.at(-1)!;
    const mainAt = main ? at(main.head) : 'an unknown point';
    switch (relation) {
      case 'wal_foreign':
        return problem(
          relation,
          walName,
          `${walName} is the write-ahead log of another case file, not of ${name}: replaying it would mix two files' pages`,
          readOnlyOrAside,
        );
      case 'wal_other_copy':
        return problem(
          relation,
          walName,
          `${walName} belongs to another copy of this case: it continues from ${at(first.base)} with ${log.file.writes} write(s) up to ${at(last.head)} that differ from the ${mainAt} this file holds. Replaying it would put that copy's changes into this one (or damage it)`,
          readOnlyOrAside,
        );
      case 'wal_older':
        return problem(
          relation,
          walName,
          `${walName} is older than the case file: it ends at ${at(last.head)}, and the case file already holds ${mainAt}. Replaying it would undo the ${main!.head.seq - last.head.seq} change(s) made since (or damage the file)${report.shm ? `; ${report.shm.name} beside it describes that older log too` : ''}`,
          readOnlyOrAside,
        );
      case 'main_older':
        return problem(
          relation,
          walName,
          `the case file is older than its write-ahead log ${walName}: the log continues from ${at(first.base)}, but the file holds only ${mainAt} (the file was replaced by an earlier copy, or the log came from a later one). The ${first.base.seq - (main?.head.seq ?? 0)} change(s) in between are in neither`,
          readOnlyOrAside,
        );
    }
  }
  const walEmpty = walSize === null || walSize < 32 || (log?.file.committedFrames ?? 0) === 0;
  if (walEmpty && index !== null && index.committedFrames > 0 && report.shm) {
    return problem(
      'shm_without_wal',
      report.shm.name,
      `${report.shm.name} describes ${index.committedFrames} frame(s) of a write-ahead log that is no longer there (${walName} was removed after the app stopped without closing the case). The saved changes that were only in that log are missing from ${name}${headWithout ? `, which holds ${at(headWithout)}` : ''}. If you have ${walName} (in the trash, on a backup, on the other computer), put it back beside the case`,
      readOnlyOrAside,
    );
  }
  const stray = strays[0];
  if (stray) {
    const holds = stray.continuesCase
      ? `it holds ${stray.writes} saved write(s) up to ${at(stray.head!)} that ${name} does not have`
      : stray.name.endsWith('-wal') && stray.writes > 0
        ? `its ${stray.writes} write(s) do not continue this case file's history`
        : 'it is not part of the case file';
    return problem(
      'sidecar_conflict_copy',
      stray.name,
      `a sync program's conflicted copy of its side files lies beside it: ${strays.map((s) => s.name).join(', ')}; ${holds}`,
      stray.continuesCase ? [...readOnlyOrAside, 'recover_copy'] : readOnlyOrAside,
    );
  }
  return report;
}

const CHOICE_WORDS: Record<SidecarChoice, string> = {
  open_main_read_only: 'open the case file alone, read-only, as it was before the side file',
  set_aside:
    'set the side files aside (moved into a folder beside the case, not deleted) and open the case as its file holds it',
  recover_copy:
    'recover into a new copy of the case that includes the log (nothing in the original files changes)',
};

/** The refusal the open and `npm run verify` give for side files that do not belong. */
export function sidecarError(path: string, report: SidecarReport): CoreError | null {
  const p = report.problem;
  if (!p) return null;
  const choices = p.choices.map((c) => CHOICE_WORDS[c]).join('; or ');
  return new CoreError(
    'integrity',
    `${basename(path)} was not opened: ${p.detail}. Nothing was changed. You can ${choices}.`,
    { sidecar: p.sidecar },
    p.reason,
  );
}
