// Every way out of a case: case JSON (with attachment bytes to a folder when asked), CSV of claims
// and of evidence, sources as CSL-JSON, the HTML report and ClaimReview. Each runs in one write so
// its `export` audit event — what left, whether confidential identities were included, the hash of
// what was written — is recorded with it, or nothing is.

import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { Attachment } from '../../schema/attachments';
import { likelihoodLabels } from '../../schema/enums';
import {
  type ClaimReviewResult,
  ExchangeClaimReview,
  ExchangeExport,
  ExchangeReport,
  type ExportFormat,
  type ExportResult,
  type ReportResult,
} from '../../schema/exchange';
import { fileSlug } from '../../schema/file-slug';
import { attachmentChunks } from '../attachments';
import { appendEvent } from '../audit';
import { canonicalJson } from '../canonical-json';
import { corroborationOf } from '../claim-verdicts';
import { assessmentsOf } from '../claims';
import type { CaseFile } from '../db';
import { CoreError, parseInput } from '../errors';
import { exportCaseJson } from './case-json';
import { claimReviewJsonLd, selectClaims } from './claimreview';
import { sourceToCsl } from './csl';
import { claimsCsvColumns, evidenceCsvColumns, toCsv } from './csv';
import { sha256Hex } from './decode';
import { hides, Pseudonyms, pseudonymKey, redactedFileName, redactSource } from './redact';
import { buildReport } from './report';
import { allRecords } from './snapshot';

const mediaTypes: Record<ExportFormat, string> = {
  'case-json': 'application/json',
  'claims-csv': 'text/csv',
  'evidence-csv': 'text/csv',
  'sources-csl': 'application/vnd.citationstyles.csl+json',
};

const extensions: Record<ExportFormat, string> = {
  'case-json': 'case.json',
  'claims-csv': 'claims.csv',
  'evidence-csv': 'evidence.csv',
  'sources-csl': 'sources.csl.json',
};

export function namesFor(c: CaseFile): Pseudonyms {
  return new Pseudonyms(
    pseudonymKey(c),
    c.stmt('SELECT id FROM sources WHERE confidential = 1').pluck().all() as string[],
  );
}

/** Writes a new file; an existing one is never replaced. */
function writeNew(path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST')
      throw new CoreError('conflict', `${basename(path)} already exists; choose another name.`, {
        path: 'already exists',
      });
    if (code === 'ENOENT')
      throw new CoreError('not_found', `The folder for ${basename(path)} does not exist.`, {
        path: 'folder does not exist',
      });
    throw new CoreError(
      'io',
      `${basename(path)} could not be written (${code ?? 'error'}): ${(error as Error).message}`,
    );
  }
}

function claimsCsv(c: CaseFile): { text: string; rows: number } {
  const claims = allRecords(c, 'claim').filter((x) => !x.deletedAt);
  const dealTitle = c.stmt('SELECT title FROM deals WHERE id = ?').pluck();
  const rows = claims.map((claim) => {
    const v = corroborationOf(c, claim.id);
    const latest = assessmentsOf(c, claim.id)[0];
    return {
      id: claim.id,
      statement: claim.statement,
      status: claim.status,
      verdict: v.verdict,
      supporting_lines: v.supporting.length,
      contradicting_lines: v.contradicting.length,
      evidence_items: c
        .stmt('SELECT count(*) FROM evidence WHERE claim_id = ? AND deleted_at IS NULL')
        .pluck()
        .get(claim.id),
      fragile: v.warnings.fragile ? 'yes' : 'no',
      overconfident: v.warnings.overconfident ? 'yes' : 'no',
      likelihood: latest?.likelihood ?? '',
      likelihood_words: latest ? likelihoodLabels[latest.likelihood]?.words : '',
      confidence: latest?.confidence ?? '',
      deal_id: claim.dealId ?? '',
      deal: claim.dealId ? (dealTitle.get(claim.dealId) as string) : '',
      tags: claim.tags.join('; '),
      created_at: claim.createdAt,
      updated_at: claim.updatedAt,
    };
  });
  return { text: toCsv(claimsCsvColumns, rows), rows: rows.length };
}

function evidenceCsv(
  c: CaseFile,
  include: boolean,
  names: Pseudonyms,
  redacted: Set<string>,
): { text: string; rows: number } {
  const rows = (
    c
      .stmt(
        `SELECT e.*, c.statement, s.title, s.reliability, s.confidential FROM evidence e
         JOIN claims c ON c.id = e.claim_id JOIN sources s ON s.id = e.source_id
         WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.id, e.id`,
      )
      .all() as Record<string, string | number | null>[]
  ).map((r) => {
    const hidden = r.confidential === 1 && !include;
    if (hidden) redacted.add(String(r.source_id));
    return {
      id: r.id,
      claim_id: r.claim_id,
      claim: r.statement,
      source_id: r.source_id,
      source: hidden ? names.of(String(r.source_id)) : r.title,
      stance: r.stance,
      grade: `${r.reliability}${r.credibility}`,
      reliability: r.reliability,
      credibility: r.credibility,
      excerpt: r.excerpt,
      locator: r.locator,
      note: r.note,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  });
  return { text: toCsv(evidenceCsvColumns, rows), rows: rows.length };
}

function sourcesCsl(
  c: CaseFile,
  include: boolean,
  names: Pseudonyms,
  redacted: Set<string>,
): { text: string; rows: number } {
  const attachments = allRecords(c, 'attachment').filter((a) => !a.deletedAt);
  const bySource = new Map<string, Attachment[]>();
  for (const a of attachments) bySource.set(a.sourceId, [...(bySource.get(a.sourceId) ?? []), a]);
  const items = allRecords(c, 'source')
    .filter((s) => !s.deletedAt)
    .map((s) => {
      const hidden = hides(s, include);
      if (hidden) redacted.add(s.id);
      const shown = hidden ? redactSource(s, names) : s;
      const files = (bySource.get(s.id) ?? []).map((a) =>
        hidden ? { ...a, fileName: redactedFileName(a.sha256) } : a,
      );
      return sourceToCsl(shown, files, sha256Hex(canonicalJson(shown)));
    });
  return { text: `${JSON.stringify(items, null, 2)}\n`, rows: items.length };
}

/**
 * Copies attachment bytes into `dir` (new or empty), one file per distinct sha256, each re-hashed
 * as it is written, with a SHA256SUMS manifest (`sha256sum -c` checks it) and attachments.json
 * telling which attachment is which file. Bytes of confidential sources stay in the case unless
 * their identity is included.
 */
function writeAttachments(
  c: CaseFile,
  dir: string,
  include: boolean,
): { dir: string; files: number; manifest: string } {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CoreError(
      'conflict',
      `The folder ${basename(dir)} is not empty; choose a new or empty folder for the attachments.`,
      {
        attachmentsDir: 'is not empty',
      },
    );
  }
  mkdirSync(dir, { recursive: true });
  const hiddenSources = new Set(
    c.stmt('SELECT id FROM sources WHERE confidential = 1').pluck().all() as string[],
  );
  const written = new Map<string, string>();
  const index: Record<string, unknown>[] = [];
  try {
    for (const a of allRecords(c, 'attachment')) {
      const withheld = hiddenSources.has(a.sourceId) && !include;
      index.push({
        id: a.id,
        sourceId: a.sourceId,
        fileName: withheld ? redactedFileName(a.sha256) : a.fileName,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
        removed: a.deletedAt !== null,
        file: withheld ? null : a.sha256,
        ...(withheld ? { withheld: 'the source is confidential' } : {}),
      });
      if (withheld || written.has(a.sha256)) continue;
      const target = join(dir, a.sha256);
      const fd = openSync(target, 'wx');
      const hash = createHash('sha256');
      try {
        for (const chunk of attachmentChunks(c, a.id)) {
          hash.update(chunk);
          writeSync(fd, chunk);
        }
      } finally {
        closeSync(fd);
      }
      if (hash.digest('hex') !== a.sha256) {
        throw new CoreError(
          'integrity',
          `The stored bytes of "${a.fileName}" no longer match their sha256; the export was stopped. Run "Verify case integrity".`,
        );
      }
      written.set(a.sha256, a.sha256);
    }
    const manifest = join(dir, 'SHA256SUMS');
    writeNew(manifest, [...written.keys()].map((sha) => `${sha}  ${sha}\n`).join(''));
    writeNew(join(dir, 'attachments.json'), `${JSON.stringify(index, null, 2)}\n`);
    return { dir, files: written.size, manifest };
  } catch (error) {
    for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
    throw error;
  }
}

function recordExport(c: CaseFile, payload: Record<string, unknown>): { seq: number; hash: string } {
  const e = appendEvent(c.db, {
    actor: c.meta.actor,
    replica: c.meta.replica,
    action: 'export',
    entity: 'case',
    entityId: c.meta.caseId,
    payload,
  });
  return { seq: e.seq, hash: e.hash };
}

/** Runs `write` (which creates files) inside the transaction; if the transaction fails, the files go. */
function withFiles<T>(c: CaseFile, paths: (string | undefined)[], fn: () => T): T {
  const fresh = paths.filter((p): p is string => p !== undefined && !existsSync(p));
  try {
    return c.write(fn);
  } catch (error) {
    for (const p of fresh) rmSync(p, { recursive: true, force: true });
    throw error;
  }
}

export function runExport(c: CaseFile, input: unknown): ExportResult {
  const v = parseInput(ExchangeExport, input);
  if (v.attachmentsDir && v.format !== 'case-json') {
    throw new CoreError('invalid_input', 'Invalid input: attachmentsDir is only for the case JSON export', {
      attachmentsDir: 'is only for the case JSON export',
    });
  }
  return withFiles(c, [v.path, v.attachmentsDir], () => {
    const names = namesFor(c);
    const redacted = new Set<string>();
    let text: string;
    let counts: Record<string, number>;
    switch (v.format) {
      case 'case-json': {
        const out = exportCaseJson(c, { includeConfidential: v.includeConfidential, names });
        text = out.text;
        counts = out.counts;
        for (const s of allRecords(c, 'source')) if (hides(s, v.includeConfidential)) redacted.add(s.id);
        break;
      }
      case 'claims-csv': {
        const out = claimsCsv(c);
        text = out.text;
        counts = { claims: out.rows };
        break;
      }
      case 'evidence-csv': {
        const out = evidenceCsv(c, v.includeConfidential, names, redacted);
        text = out.text;
        counts = { evidence: out.rows };
        break;
      }
      case 'sources-csl': {
        const out = sourcesCsl(c, v.includeConfidential, names, redacted);
        text = out.text;
        counts = { sources: out.rows };
        break;
      }
    }
    const fileName = `${fileSlug(c.meta.name)}.${extensions[v.format]}`;
    const sha256 = sha256Hex(text);
    const bytes = Buffer.byteLength(text);
    if (v.path) writeNew(v.path, text);
    const attachments = v.attachmentsDir
      ? writeAttachments(c, v.attachmentsDir, v.includeConfidential)
      : null;
    const exportEvent = recordExport(c, {
      format: v.format,
      includeConfidential: v.includeConfidential,
      confidentialSources: c.stmt('SELECT count(*) FROM sources WHERE confidential = 1').pluck().get(),
      redactedSources: redacted.size,
      fileName,
      // File names only: a folder's path can itself identify someone, and this event travels
      // in every case export.
      path: v.path ? basename(v.path) : null,
      sha256,
      bytes,
      counts,
      attachments: attachments ? { dir: basename(attachments.dir), files: attachments.files } : null,
    });
    return {
      format: v.format,
      fileName,
      mediaType: mediaTypes[v.format],
      text: v.path ? null : text,
      path: v.path ?? null,
      sha256,
      bytes,
      counts,
      redactedSources: redacted.size,
      attachments,
      exportEvent,
    };
  });
}

export function runReport(c: CaseFile, input: unknown): ReportResult {
  const v = parseInput(ExchangeReport, input);
  return withFiles(c, [v.path], () => {
    const claims = selectClaims(c, v);
    const built = buildReport(c, {
      title: v.title,
      dealId: v.dealId,
      claims,
      includeConfidential: v.includeConfidential,
      names: namesFor(c),
    });
    const sha256 = sha256Hex(built.html);
    const fileName = `${fileSlug(v.title || c.meta.name)}.report.html`;
    if (v.path) writeNew(v.path, built.html);
    recordExport(c, {
      format: 'report-html',
      includeConfidential: v.includeConfidential,
      redactedSources: built.redactedSources,
      dealId: v.dealId ?? null,
      claimIds: claims.map((x) => x.id),
      checkpoint: built.checkpoint,
      fileName,
      path: v.path ? basename(v.path) : null,
      sha256,
    });
    return {
      html: built.html,
      fileName,
      path: v.path ?? null,
      sha256,
      claims: claims.length,
      redactedSources: built.redactedSources,
      checkpoint: built.checkpoint,
    };
  });
}

export function runClaimReview(c: CaseFile, input: unknown): ClaimReviewResult {
  const v = parseInput(ExchangeClaimReview, input);
  return c.write(() => {
    const out = claimReviewJsonLd(c, v);
    recordExport(c, {
      format: 'claimreview',
      includeConfidential: v.includeConfidential,
      redactedSources: out.redactedSources,
      reviews: out.reviews,
      sha256: sha256Hex(out.jsonLd),
    });
    const { redactedSources: _r, ...result } = out;
    return result;
  });
}
