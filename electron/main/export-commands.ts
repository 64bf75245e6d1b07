// app.exportCase and app.saveReport: the contract's exchange.export / exchange.report, written to
// files the user chose in main-process dialogs. The core writes with O_EXCL (an existing file is
// never replaced) and records each export, with the confidential-sources choice, in the audit log.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileFilter } from 'electron';
import type { AppParsedInput, SavedReport } from '../schema/app-methods';
import { CoreError } from '../schema/errors';
import type { ExportFormat, ExportResult } from '../schema/exchange';
import {
  type AppCase,
  type AppCommandContext,
  ensureStillOpen,
  fileNameFrom,
  inDocuments,
} from './app-command-context';
import { alreadyExists, chooseOpenPath, chooseSavePath, withDefaultExtension } from './file-dialogs';
import { printHtmlToPdf } from './report-pdf';

const exportFiles: Record<ExportFormat, { suffix: string; filter: FileFilter }> = {
  'case-json': { suffix: 'case.json', filter: { name: 'Corroborate case JSON', extensions: ['json'] } },
  'claims-csv': { suffix: 'claims.csv', filter: { name: 'CSV spreadsheet', extensions: ['csv'] } },
  'evidence-csv': { suffix: 'evidence.csv', filter: { name: 'CSV spreadsheet', extensions: ['csv'] } },
  'sources-csl': { suffix: 'sources.csl.json', filter: { name: 'CSL-JSON (Zotero)', extensions: ['json'] } },
};

export async function exportCase(
  context: AppCommandContext,
  open: AppCase,
  input: AppParsedInput<'app.exportCase'>,
): Promise<ExportResult | null> {
  const win = context.getWindow();
  const file = exportFiles[input.format];
  const chosen = await chooseSavePath(win, {
    title: 'Export',
    defaultPath: inDocuments(context, `${fileNameFrom(open.name)}.${file.suffix}`),
    filters: [file.filter],
  });
  if (chosen === null) return null;
  const target = withDefaultExtension(chosen, file.filter.extensions[0] ?? 'txt');
  let attachmentsDir: string | undefined;
  if (input.withAttachments) {
    const folder = await chooseOpenPath(win, {
      title: 'Choose a new or empty folder for the attachments',
      buttonLabel: 'Copy attachments here',
      defaultPath: path.dirname(target),
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    });
    if (folder === null) return null;
    attachmentsDir = folder;
  }
  ensureStillOpen(context, open);
  return open.local.exportTo({
    format: input.format,
    includeConfidential: input.includeConfidential,
    path: target,
    attachmentsDir,
  });
}

const reportFilters: Record<'html' | 'pdf', FileFilter> = {
  html: { name: 'Web page (HTML)', extensions: ['html'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
};

/** What the chosen name asks for: `.pdf` prints, `.html`/`.htm` saves the page, no extension follows the dialog's offer. */
export function reportFormatOf(file: string, offered: 'html' | 'pdf'): 'html' | 'pdf' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.pdf') return 'pdf';
  if (extension === '.html' || extension === '.htm') return 'html';
  return offered;
}

export async function saveReport(
  context: AppCommandContext,
  open: AppCase,
  input: AppParsedInput<'app.saveReport'>,
): Promise<SavedReport | null> {
  const offered = input.format;
  const other = offered === 'html' ? 'pdf' : 'html';
  const title = input.title?.trim() || open.name;
  const chosen = await chooseSavePath(context.getWindow(), {
    title: offered === 'pdf' ? 'Save the report as PDF' : 'Save the report',
    defaultPath: inDocuments(context, `${fileNameFrom(title)} report.${offered}`),
    filters: [reportFilters[offered], reportFilters[other]],
  });
  if (chosen === null) return null;
  const savedAs = reportFormatOf(chosen, offered);
  const target = withDefaultExtension(chosen, savedAs);
  ensureStillOpen(context, open);
  const selection = {
    dealId: input.dealId,
    claimIds: input.claimIds,
    title: input.title,
    includeConfidential: input.includeConfidential,
  };
  if (savedAs === 'html') return { ...open.local.saveReport({ ...selection, path: target }), savedAs };

  // Refused before the report is built and recorded, not only when the PDF is written.
  if (existsSync(target)) throw alreadyExists(target);
  const report = open.local.report(selection);
  const pdf = await printHtmlToPdf(report.html);
  try {
    writeFileSync(target, pdf, { flag: 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') throw alreadyExists(target);
    // Anything else failed after the exclusive create: the partial file is ours to remove.
    rmSync(target, { force: true });
    throw new CoreError('io', `${path.basename(target)} could not be written: ${(error as Error).message}`);
  }
  return { ...report, path: target, savedAs };
}
