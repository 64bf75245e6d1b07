// What the trusted callers do with case files before (or without) opening one: list the app's own
// backups of a refused case, and write the sample case. Absolute paths only, as on the local face.
import { findBackups } from '../core/backups';
import type { OpenOptions } from '../core/db';
import { buildSampleCase, type SampleSummary } from '../core/sample-case';
import type { BackupInfo } from '../schema/records';
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
