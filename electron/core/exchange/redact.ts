// Confidential sources leave the case only under a pseudonym: "Confidential source 3f9a", from an
// HMAC of the source id with a secret kept in this case file alone, so the same source has the same
// pseudonym in every export and report of this case, and nobody can compute it from the id.
import { createHmac, randomBytes } from 'node:crypto';
import type { Source } from '../../schema/records';
import type { CaseFile } from '../db';

/** Fields that identify a source; every export and report replaces them unless told otherwise. */
export const identifyingSourceFields = [
  'title',
  'author',
  'url',
  'publisher',
  'notes',
  'reliabilityNote',
] as const;

const KEY = 'pseudonym_key';

/**
 * The case's pseudonym secret, created on first use. Kept in case_meta and out of the audit log,
 * which every case export carries. Must run inside a write when the case has none yet.
 */
export function pseudonymKey(c: CaseFile): Buffer {
  const existing = c.stmt('SELECT value FROM case_meta WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (existing) return Buffer.from(existing, 'hex');
  const key = randomBytes(32);
  c.stmt('INSERT INTO case_meta (key, value) VALUES (?, ?)').run(KEY, key.toString('hex'));
  return key;
}

export class Pseudonyms {
  private readonly names = new Map<string, string>();

  /** `ids`: every confidential source that may appear, so two that share a short tag both get a longer one. */
  constructor(
    private readonly key: Buffer,
    ids: Iterable<string>,
  ) {
    const byTag = new Map<string, string[]>();
    for (const id of ids) {
      const tag = this.digest(id).slice(0, 4);
      byTag.set(tag, [...(byTag.get(tag) ?? []), id]);
    }
    for (const [tag, group] of byTag) {
      for (const id of group) {
        this.names.set(id, `Confidential source ${group.length > 1 ? this.digest(id).slice(0, 10) : tag}`);
      }
    }
  }

  private digest(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('hex');
  }

  of(id: string): string {
    return this.names.get(id) ?? `Confidential source ${this.digest(id).slice(0, 10)}`;
  }
}

/** Whether exports should hide `s`, given the caller's choice. */
export function hides(s: Pick<Source, 'confidential'>, includeConfidential: boolean): boolean {
  return s.confidential && !includeConfidential;
}

/** The source as an export shows it: identity replaced by the pseudonym, everything else kept. */
export function redactSource<T extends Source>(s: T, names: Pseudonyms): T {
  return {
    ...s,
    title: names.of(s.id),
    author: null,
    url: null,
    publisher: null,
    notes: null,
    reliabilityNote: null,
  };
}

/** What a redacted attachment is called: its bytes' hash, never its (often telling) file name. */
export function redactedFileName(sha256: string): string {
  return `confidential-attachment-${sha256.slice(0, 12)}`;
}
