// A record's history reads as changes, in the words the screens use.
import { describeChanges } from '../../renderer/src/detail/audit-diff';

const claim = {
  id: 'c1',
  statement: 'Huawei supplied the cameras',
  dealId: null,
  status: 'under_review',
  tags: ['cctv'],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  deletedAt: null,
};

describe('a history entry read as changes', () => {
  it('says a status and tags change in words, not codes', () => {
    const after = {
      ...claim,
      status: 'verified',
      tags: ['cctv', 'kazakhstan'],
      updatedAt: '2025-01-02T00:00:00.000Z',
    };
    expect(describeChanges('claim', claim, after)).toEqual([
      'Status: Under review → Verified',
      'Tags: + kazakhstan',
    ]);
  });

  it('names removed tags, a set deal and a reworded statement; stamps and notes are not changes', () => {
    const after = {
      ...claim,
      statement: 'Huawei supplied 1,800 cameras',
      dealId: 'd1',
      tags: [],
      updatedAt: '2025-01-03T00:00:00.000Z',
      undoOf: 'e1',
    };
    expect(describeChanges('claim', claim, after)).toEqual([
      'Statement: “Huawei supplied the cameras” → “Huawei supplied 1,800 cameras”',
      'Deal set',
      'Tags: − cctv',
    ]);
    expect(describeChanges('claim', claim, { ...claim, updatedAt: 'later' })).toEqual([]);
  });

  it('reads a source’s grade and confidentiality', () => {
    const source = { id: 's1', title: 'Leak', reliability: 'C', confidential: false };
    expect(describeChanges('source', source, { ...source, reliability: 'A', confidential: true })).toEqual([
      'Reliability: Fairly reliable → Completely reliable',
      'Confidential: no → yes',
    ]);
  });
});

describe('a confirmed publication', () => {
  it('reads the flags and the reason a flagged claim was marked Verified for', () => {
    const after = {
      ...claim,
      status: 'verified',
      publishConfirmation: { flags: ['overconfident', 'single_source'], reason: 'Called the ministry' },
    };
    expect(describeChanges('claim', claim, after)).toEqual([
      'Status: Under review → Verified',
      'Confirmed though overconfident, single source: “Called the ministry”',
    ]);
  });
});
