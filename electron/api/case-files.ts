// What the trusted callers do with case files before (or without) opening one: list the app's own
// backups of a refused case, and write the sample case. Absolute paths only, as on the local face.
import { findBackups } from '../core/backups';
import type { OpenOptions } from '../core/db';
import { openForCheck } from '../core/integrity/open-for-check';
import type { ReadOnlyOptions } from '../core/open-read-only';
import { buildSampleCase, type SampleSummary } from '../core/sample-case';
import { openMainFileAlone, recoverIntoCopy, setSidecarsAside } from '../core/sidecar-choices';
import type { BackupInfo } from '../schema/records';
import { type ApiWithFile, bindApi } from './create-api';
import { absolute } from './local-api';

/** The app's backups of the case at `casePath`, newest first (headers only: nothing is opened). */
export function caseBackups(casePath: string): BackupInfo[] {
  return findBackups(absolute(casePath, 'casePath'));
}

/** Writes the sample case to a new file (never over an existing one). */
export function writeSampleCase(
  path: string,
  options: Pick<OpenOptions, 'migrationsDir' | 'nativeBinding'> = {},
): SampleSummary {
  return buildSampleCase(absolute(path, 'path'), options);
}

export interface OpenedForVerification {
  api: ApiWithFile;
  /** The side files' check, for `api.local.verifyIntegrity(input, { sidecars })`. */
  sidecars: { ok: boolean; summary: string; problems: string[] } | undefined;
  /** What the opening did (e.g. checked from an in-memory copy with the log applied). */
  notes: string[];
}

/**
 * Opens a case for an auditor's check (`npm run verify`) without writing a byte beside it, after the
 * same side-file check the app runs before it opens a case.
 */
export function openForVerification(casePath: string, options: ReadOnlyOptions = {}): OpenedForVerification {
  const opened = openForCheck(absolute(casePath, 'casePath'), options);
  const sidecars = opened.sidecars
    ? { ok: opened.sidecars.ok, summary: opened.sidecars.summary, problems: opened.sidecars.problems }
    : undefined;
  return { api: bindApi(opened.file), sidecars, notes: opened.notes };
}

// ---- The safe ways on when a case was refused for its side files (reasons listed below) ----

/** Refusal reasons for side files that do not belong; the shell offers the three choices below. */
export const SIDECAR_REASONS: readonly string[] = [
  'wal_foreign',
  'wal_other_copy',
  'wal_older',
  'main_older',
  'shm_without_wal',
  'sidecar_conflict_copy',
];

/** Refusals of a copy older than (or diverged from) the one this computer last had open. */
export const OLDER_COPY_REASONS: readonly string[] = ['older_copy', 'diverged_copy'];

/** The case file as its own bytes hold it, read-only, in memory: no side file is read or changed. */
export function openCaseFileAlone(
  casePath: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): ApiWithFile {
  return bindApi(openMainFileAlone(absolute(casePath, 'casePath'), options));
}

/** Moves the case's side files into a new folder beside it (never deleted). */
export function setCaseSidecarsAside(casePath: string): { folder: string; moved: string[] } {
  return setSidecarsAside(absolute(casePath, 'casePath'));
}

/** A new case file at `target` from the case and its own log; the originals are only read. */
export function recoverCaseIntoCopy(
  casePath: string,
  target: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): { path: string; explanation: string } {
  const source = absolute(casePath, 'casePath');
  const recovered = recoverIntoCopy(source, absolute(target, 'target'), `${source}-wal`, options);
  return { path: recovered.path, explanation: recovered.explanation };
}
