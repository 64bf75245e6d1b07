// The words and field lists the renderer and the core now share from electron/schema: one home each,
// so these tests pin what a reader sees (file names, counts, labels) and that the lists agree with
// the contract they describe.

import { toDealRow } from '../../electron/schema/deal-row';
import { claimStatuses, dealStatuses } from '../../electron/schema/enums';
import { sourceColumnFields } from '../../electron/schema/exchange';
import { fileSlug } from '../../electron/schema/file-slug';
import { SourceCreate } from '../../electron/schema/inputs';
import { claimStatusLabels, dealStatusLabels } from '../../electron/schema/labels';
import { plural } from '../../electron/schema/plural';
import {
  bibliographicSourceFields,
  sourceColumnFieldNames,
  sourceFieldNames,
  sourceFieldValues,
} from '../../electron/schema/source-fields';
import { claimStatusLabels as rendererClaimStatusLabels } from '../../renderer/src/labels';

describe('the shared words', () => {
  it('names files from titles in plain ASCII, accents folded, never empty', () => {
    expect(fileSlug('Central Asia deals')).toBe('central-asia-deals');
    expect(fileSlug('Société Générale — 2019 contracts')).toBe('societe-generale-2019-contracts');
    expect(fileSlug('  ***  ')).toBe('case');
    expect(fileSlug('x'.repeat(100))).toHaveLength(60);
  });

  it('counts things with the noun that fits, with thousands separators', () => {
    expect(plural(1, 'claim')).toBe('1 claim');
    expect(plural(0, 'claim')).toBe('0 claims');
    expect(plural(2000, 'claim')).toBe(`${(2000).toLocaleString()} claims`);
    expect(plural(3, 'country', 'countries')).toBe('3 countries');
    expect(plural(12345, 'event', 'events', 'en-US')).toBe('12,345 events');
  });

  it('gives every status words, and the renderer shows the same words the core reports with', () => {
    for (const s of claimStatuses) expect(claimStatusLabels[s]).toMatch(/^[A-Z]/);
    for (const s of dealStatuses) expect(dealStatusLabels[s]).toMatch(/^[A-Z]/);
    expect(rendererClaimStatusLabels).toBe(claimStatusLabels);
    expect(claimStatusLabels.under_review).toBe('Under review');
  });
});

describe('the shared field lists', () => {
  it('lists exactly the fields the contract accepts for a new source', () => {
    const accepted = Object.keys(SourceCreate.shape).filter((k) => k !== 'id');
    expect([...sourceFieldNames].sort()).toEqual(accepted.sort());
  });

  it('agrees with the CSV import columns and keeps grades out of the bibliographic part', () => {
    expect(sourceColumnFieldNames).toEqual(sourceColumnFields);
    expect(bibliographicSourceFields).not.toContain('reliability');
    expect(bibliographicSourceFields).not.toContain('notes');
  });

  it('takes a source’s fields alone, without its id or stamps', () => {
    const values = sourceFieldValues({
      id: 'src_1',
      createdAt: '2024-01-01',
      title: 'Leaked tender',
      kind: 'leak',
      url: null,
      author: null,
      publisher: null,
      publishedAt: '2019',
      accessedAt: null,
      language: 'en',
      reliability: 'C',
      reliabilityNote: null,
      confidential: true,
      derivedFrom: null,
      notes: null,
    } as Parameters<typeof sourceFieldValues>[0]);
    expect(Object.keys(values).sort()).toEqual([...sourceFieldNames].sort());
    expect(values).toMatchObject({ title: 'Leaked tender', confidential: true, reliability: 'C' });
  });

  it('keeps a deal’s row fields and drops the rest', () => {
    const deal = {
      id: 'deal_1',
      title: 'Safe City',
      technology: 'cctv' as const,
      country: 'KG',
      status: 'signed' as const,
      year: 2019,
      summary: 'not in a row',
    };
    expect(toDealRow(deal)).toEqual({
      id: 'deal_1',
      title: 'Safe City',
      technology: 'cctv',
      country: 'KG',
      status: 'signed',
      year: 2019,
    });
  });
});
