// The Api's trusted face: what only the main process and the loopback host may do, because it
// names files on this computer or moves bytes as streams. The renderer can never reach it (it is
// not in the contract), and every path must be absolute: a relative one would be resolved against
// whatever folder the process happens to run in, so it is refused.
import { isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import {
  addAttachmentFromFile,
  addAttachmentFromStream,
  exportAttachment,
  getAttachmentRecord,
  openAttachmentStream,
} from '../core/attachments';
import { backupTo, type CaseFile } from '../core/db';
import { runExport, runReport } from '../core/exchange/export';
import { type IntegrityRunOptions, runIntegrity } from '../core/integrity/run-integrity';
import { requireRecord } from '../core/records';
import { sourceTable } from '../core/tables';
import type { Attachment, AttachmentAdded } from '../schema/attachments';
import type { IntegrityReport } from '../schema/custody';
import { CoreError } from '../schema/errors';
import type { ExportFormat, ExportResult, ReportResult } from '../schema/exchange';

export interface AttachMeta {
  sourceId: string;
  fileName?: string;
  mediaType?: string;
}

export interface ReportSelection {
  dealId?: string | undefined;
  claimIds?: string[] | undefined;
  title?: string | undefined;
  includeConfidential?: boolean | undefined;
}

/** Throw CoreError on refusal (the callers are our own code, which shows or maps it). */
export interface LocalApi {
  /** Refuses (not_found, naming `sourceId`) a source that is missing or removed. */
  requireSource(sourceId: string): void;
  attachFromFile(
    meta: AttachMeta,
    filePath: string,
    options?: { onProgress?: (bytes: number) => void },
  ): Promise<AttachmentAdded>;
  attachFromStream(
    meta: AttachMeta & { fileName: string },
    source: AsyncIterable<Uint8Array>,
    options?: { onProgress?: (bytes: number) => void },
  ): Promise<AttachmentAdded>;
  /** The attachment's record, removed ones included. */
  attachment(id: string): Attachment;
  /** Its bytes as a stream, one stored chunk at a time. */
  openAttachment(id: string): Readable;
  /** Writes its bytes into `target`, a new empty file the caller created; checks their hash. */
  saveAttachment(id: string, target: string): Promise<{ bytes: number; sha256: string }>;
  exportTo(input: {
    format: ExportFormat;
    includeConfidential?: boolean;
    path: string;
    attachmentsDir?: string | undefined;
  }): ExportResult;
  /** The report's HTML, recorded as an export (for printing to PDF: the caller writes the file). */
  report(selection: ReportSelection): ReportResult;
  saveReport(selection: ReportSelection & { path: string }): ReportResult;
  /** Save a Copy As…: a consistent copy of the open case at a new file. */
  copyTo(target: string): { path: string };
  /** `case.verifyIntegrity` with live progress and an abort signal (the command line's Ctrl+C). */
  verifyIntegrity(input: unknown, options?: IntegrityRunOptions): Promise<IntegrityReport>;
}

/** Refuses a relative path, naming the field. */
export function absolute(path: string, field: string): string {
  if (typeof path !== 'string' || path === '' || !isAbsolute(path)) {
    throw new CoreError('invalid_input', `Invalid input: ${field} must be an absolute path`, {
      [field]: 'must be an absolute path',
    });
  }
  return path;
}

/** The local face over the open case; `fileOf` throws `locked` while an encrypted case is locked. */
export function bindLocal(fileOf: () => CaseFile): LocalApi {
  return {
    requireSource: (sourceId) => {
      const file = fileOf();
      file.read(() => requireRecord(file, sourceTable, sourceId, { field: 'sourceId' }));
    },
    attachFromFile: (meta, filePath, options = {}) =>
      addAttachmentFromFile(fileOf(), meta, absolute(filePath, 'filePath'), options),
    attachFromStream: (meta, source, options = {}) =>
      addAttachmentFromStream(fileOf(), meta, source, options),
    attachment: (id) => {
      const file = fileOf();
      return file.read(() => getAttachmentRecord(file, id));
    },
    openAttachment: (id) => openAttachmentStream(fileOf(), id),
    saveAttachment: (id, target) => exportAttachment(fileOf(), id, absolute(target, 'path')),
    exportTo: (input) =>
      runExport(fileOf(), {
        ...input,
        path: absolute(input.path, 'path'),
        ...(input.attachmentsDir === undefined
          ? {}
          : { attachmentsDir: absolute(input.attachmentsDir, 'attachmentsDir') }),
      }),
    report: (selection) => runReport(fileOf(), selection),
    saveReport: (selection) => runReport(fileOf(), { ...selection, path: absolute(selection.path, 'path') }),
    copyTo: (target) => {
      backupTo(fileOf().db, absolute(target, 'path'));
      return { path: target };
    },
    verifyIntegrity: (input, options) => runIntegrity(fileOf(), input, options),
  };
}
