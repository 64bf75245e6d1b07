// The two import calls. `previewImport` reads the file and plans it against the case without
// writing anything. `runImport` reads it again, then — inside one write transaction — plans it
// once more, refuses if that plan is not the one the user saw, or if rows are rejected or
// conflicts unresolved and the user has not said what to do, and otherwise applies it whole.
import {
  ExchangeImport,
  ExchangePreview,
  type ImportKind,
  type ImportPlan,
  type ImportProgress,
  type ImportResult,
  type PlanTotals,
  type RunningExchange,
} from '../../schema/exchange';
import { auditHead } from '../audit';
import { canonicalJson } from '../canonical-json';
import type { CaseFile } from '../db';
import { CoreError, parseInput } from '../errors';
import { nowIso } from '../ids';
import { appendImportEvent, applyPlan } from './apply';
import { readBibtex } from './bibtex';
import type { Candidate } from './candidates';
import { readCaseJson } from './case-json';
import { readClaimReview } from './claimreview';
import { readCslJson } from './csl';
import { readCsv } from './csv';
import { decodeInput, sha256Hex } from './decode';
import { type Plan, planImport, toPlanRow } from './plan';
import { readRis } from './ris';

export interface ImportHooks {
  /** Called as the work advances; a transport may forward these to a progress bar. */
  onProgress?: (p: ImportProgress) => void;
}

interface Read {
  kind: ImportKind;
  fileName: string | null;
  fileSha256: string;
  options: unknown;
  candidates: Candidate[];
  notes: string[];
  columns: ImportPlan['columns'];
  fatal: ImportPlan['fatal'];
  attachmentsDir: string | undefined;
}

type ImportInputs = ReturnType<typeof ExchangePreview.parse>;

async function readFile(c: CaseFile, v: ImportInputs, hooks: ImportHooks): Promise<Read> {
  const file = decodeInput(v);
  const progress = (done: number, total: number) => hooks.onProgress?.({ phase: 'read', done, total });
  const base = {
    kind: v.kind,
    fileName: v.fileName ?? null,
    fileSha256: file.sha256,
    options: v.options,
    attachmentsDir: v.attachmentsDir,
  };
  const notes = [...file.notes];
  if (file.text.trim() === '') {
    return {
      ...base,
      candidates: [],
      notes,
      columns: null,
      fatal: { line: 1, message: 'The file is empty. Nothing was imported.' },
    };
  }
  const opts = { defaultReliability: v.options.defaultReliability };
  switch (v.kind) {
    case 'case-json': {
      const r = readCaseJson(file);
      return {
        ...base,
        candidates: r.candidates,
        notes: [...notes, ...r.notes],
        columns: null,
        fatal: r.fatal,
      };
    }
    case 'csl-json': {
      const r = readCslJson(file, opts);
      return { ...base, candidates: r.candidates, notes, columns: null, fatal: r.fatal };
    }
    case 'bibtex': {
      const r = await readBibtex(file, opts, progress);
      return { ...base, candidates: r.candidates, notes: [...notes, ...r.notes], columns: null, fatal: null };
    }
    case 'ris': {
      const r = await readRis(file, opts, progress);
      return { ...base, candidates: r.candidates, notes: [...notes, ...r.notes], columns: null, fatal: null };
    }
    case 'csv-sources':
    case 'csv-claims': {
      const dealByTitle = (title: string) => {
        const ids = c
          .stmt('SELECT id FROM deals WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL LIMIT 2')
          .pluck()
          .all(title.trim()) as string[];
        return { id: ids.length === 1 ? (ids[0] ?? null) : null, count: ids.length };
      };
      const r = await readCsv(
        file,
        v.kind === 'csv-sources' ? 'sources' : 'claims',
        { ...v.options, columns: v.options.columns, dealByTitle },
        progress,
      );
      return {
        ...base,
        candidates: r.candidates,
        notes: [...notes, ...r.notes],
        columns: r.columns,
        fatal: r.fatal,
      };
    }
    case 'claimreview': {
      const r = readClaimReview(file, opts);
      return {
        ...base,
        candidates: r.candidates,
        notes: [...notes, ...r.notes],
        columns: null,
        fatal: r.fatal,
      };
    }
  }
}

function summarize(read: Read, plan: Plan): ImportPlan {
  const rows = plan.ops.map(toPlanRow).sort((a, b) => a.row - b.row);
  const totals: PlanTotals = {
    rows: rows.length,
    create: 0,
    update: 0,
    duplicate: 0,
    conflict: 0,
    rejected: 0,
  };
  for (const r of rows) totals[r.action]++;
  const planId = sha256Hex(
    canonicalJson({
      kind: read.kind,
      file: read.fileSha256,
      options: read.options,
      rows: rows.map((r) => [r.row, r.entity, r.id, r.action]),
      fatal: read.fatal,
    }),
  );
  return {
    kind: read.kind,
    fileName: read.fileName,
    fileSha256: read.fileSha256,
    planId,
    totals,
    rows,
    columns: read.columns,
    notes: read.notes,
    fatal: read.fatal,
  };
}

function planFor(c: CaseFile, read: Read, hooks: ImportHooks): { plan: Plan; summary: ImportPlan } {
  hooks.onProgress?.({ phase: 'plan', done: 0, total: read.candidates.length });
  const plan = read.fatal
    ? { ops: [], remap: new Map<string, string>() }
    : planImport(c, read.candidates, { attachmentsDir: read.attachmentsDir });
  hooks.onProgress?.({ phase: 'plan', done: read.candidates.length, total: read.candidates.length });
  return { plan, summary: summarize(read, plan) };
}

const running = new WeakMap<CaseFile, RunningExchange>();

/** `exchange.progress`: where a running preview or import is (for a UI that polls), or null. */
export function exchangeProgress(c: CaseFile): RunningExchange | null {
  return running.get(c) ?? null;
}

async function tracked<T>(
  c: CaseFile,
  operation: RunningExchange['operation'],
  hooks: ImportHooks,
  fn: (hooks: ImportHooks) => Promise<T>,
): Promise<T> {
  if (running.has(c))
    throw new CoreError(
      'conflict',
      'An import or preview is already running on this case; wait for it to finish.',
    );
  running.set(c, { operation, phase: 'read', done: 0, total: 0 });
  try {
    return await fn({
      onProgress: (p) => {
        running.set(c, { operation, ...p });
        hooks.onProgress?.(p);
      },
    });
  } finally {
    running.delete(c);
  }
}

export async function previewImport(
  c: CaseFile,
  input: unknown,
  hooks: ImportHooks = {},
): Promise<ImportPlan> {
  const v = parseInput(ExchangePreview, input);
  return tracked(c, 'preview', hooks, async (h) => {
    const read = await readFile(c, v, h);
    return c.read(() => planFor(c, read, h).summary);
  });
}

export async function runImport(c: CaseFile, input: unknown, hooks: ImportHooks = {}): Promise<ImportResult> {
  const v = parseInput(ExchangeImport, input);
  return tracked(c, 'import', hooks, async (h) => {
    const read = await readFile(c, v, h);
    return applyRead(c, v, read, h);
  });
}

function applyRead(
  c: CaseFile,
  v: ReturnType<typeof ExchangeImport.parse>,
  read: Read,
  hooks: ImportHooks,
): ImportResult {
  // One transaction for the whole import; inside `bulk`, verdicts are recomputed once per claim at the end.
  return c.bulk(() => {
    const { plan, summary } = planFor(c, read, hooks);
    if (summary.fatal)
      throw new CoreError('invalid_input', summary.fatal.message, { text: summary.fatal.message }, 'fatal');
    if (v.expectedPlanId && v.expectedPlanId !== summary.planId) {
      throw new CoreError(
        'conflict',
        'The case or the file changed since the preview, so the import would not do what the preview showed. Preview it again.',
        { expectedPlanId: 'is not the plan this import would apply' },
        'plan_changed',
      );
    }
    const rejected = summary.rows.filter((r) => r.action === 'rejected');
    if (rejected.length && !v.skipRejected) {
      const list = rejected.slice(0, 5).map((r) => `row ${r.row}: ${r.reason}`);
      throw new CoreError(
        'invalid_input',
        `${rejected.length} row(s) cannot be imported (${list.join('; ')}${rejected.length > 5 ? '; …' : ''}). Nothing was imported; fix the file, or import the other rows and leave these out.`,
        { skipRejected: `${rejected.length} row(s) are rejected` },
        'rejected_rows',
      );
    }
    const conflicts = new Set(summary.rows.filter((r) => r.action === 'conflict').map((r) => r.id!));
    const unresolved = [...conflicts].filter((id) => !v.resolutions[id]);
    if (unresolved.length) {
      throw new CoreError(
        'conflict',
        `${unresolved.length} record(s) were changed on both sides; choose "ours" or "theirs" for each. Nothing was imported.`,
        Object.fromEntries(unresolved.map((id) => [`resolutions.${id}`, 'choose ours or theirs'])),
        'unresolved_conflicts',
      );
    }
    const stray = Object.keys(v.resolutions).filter((id) => !conflicts.has(id));
    if (stray.length) {
      throw new CoreError(
        'invalid_input',
        `Choices were given for records that are not in conflict: ${stray.slice(0, 5).join(', ')}. Preview again.`,
        Object.fromEntries(stray.map((id) => [`resolutions.${id}`, 'is not a conflict in this plan'])),
      );
    }
    const applied = applyPlan(c, plan, v.resolutions, nowIso(), hooks.onProgress);
    const event = appendImportEvent(c, {
      kind: read.kind,
      fileName: read.fileName,
      fileSha256: read.fileSha256,
      planId: summary.planId,
      applied,
      rejectedRows: rejected.map((r) => r.row),
      resolutions: v.resolutions,
    });
    return {
      planId: summary.planId,
      ...applied,
      importEvent: { seq: event.seq, hash: event.hash },
      auditHead: auditHead(c.db),
    };
  });
}
