import fc from 'fast-check';
import {
  type ConfidenceEvidence,
  type ConfidenceSource,
  corroborate,
  credibilityWeight,
  lineRootOf,
  reliabilityWeight,
  verdictLabels,
  wouldCreateCycle,
} from '../../electron/schema/confidence';
import { type Reliability, reliabilities, type Stance } from '../../electron/schema/enums';
import type { Verdict } from '../../electron/schema/inputs';
import type { CorroborationResult } from '../../electron/schema/records';

// ---- Fixtures: sources are named by their title so tables read like a newsroom's notes ----

/** [title, reliability, derivedFrom?] */
type SourceRow = readonly [string, Reliability, string?];
/** [source title, stance, credibility] */
type EvidenceRow = readonly [string, Stance, number];

function sourceMap(rows: readonly SourceRow[]): Map<string, ConfidenceSource> {
  return new Map(
    rows.map(([id, reliability, derivedFrom]) => [
      id,
      { id, title: id, reliability, derivedFrom: derivedFrom ?? null },
    ]),
  );
}

function evidenceList(rows: readonly EvidenceRow[]): ConfidenceEvidence[] {
  return rows.map(([sourceId, stance, credibility], i) => ({ id: `e${i}`, sourceId, stance, credibility }));
}

function run(
  sources: readonly SourceRow[],
  evidence: readonly EvidenceRow[],
  latestLikelihood: number | null = null,
) {
  return corroborate({ evidence: evidenceList(evidence), sources: sourceMap(sources), latestLikelihood });
}

const weights = (r: CorroborationResult) => ({
  supporting: r.supporting.map((l) => l.weight),
  contradicting: r.contradicting.map((l) => l.weight),
});

// Independent outlets with every reliability, so a table row only has to name the ones it uses.
const outlets: SourceRow[] = [
  ['AP', 'A'],
  ['Reuters', 'B'],
  ['Wire', 'B'],
  ['Local', 'C'],
  ['Gazette', 'C'],
  ['Tabloid', 'D'],
  ['Forum', 'E'],
  ['Leak', 'F'],
  ['Anon', 'F'],
];

describe('weights', () => {
  it('uses the Admiralty and credibility weights of DESIGN.md', () => {
    expect(reliabilityWeight).toEqual({ A: 1.0, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.3 });
    expect(credibilityWeight).toEqual({ 1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.3 });
  });

  it.each([
    ['AP', 1, 1],
    ['AP', 3, 0.6],
    ['Reuters', 2, 0.64],
    ['Reuters', 3, 0.48],
    ['Local', 1, 0.6],
    ['Local', 3, 0.36],
    ['Tabloid', 1, 0.4],
    ['Forum', 5, 0.04],
    ['Leak', 6, 0.09],
    ['AP', 6, 0.3],
  ] as const)('%s with credibility %i weighs exactly %d', (source, credibility, weight) => {
    const [line] = run(outlets, [[source, 'supports', credibility]]).supporting;
    expect(line?.weight).toBe(weight);
    expect(line?.items[0]?.weight).toBe(weight);
  });
});

describe('verdict', () => {
  const cases: {
    name: string;
    evidence: EvidenceRow[];
    verdict: Verdict;
    supporting: number[];
    contradicting: number[];
  }[] = [
    { name: 'no evidence', evidence: [], verdict: 'unsupported', supporting: [], contradicting: [] },
    {
      name: 'only contradicting evidence',
      evidence: [['AP', 'contradicts', 1]],
      verdict: 'unsupported',
      supporting: [],
      contradicting: [1],
    },
    {
      name: 'only context',
      evidence: [
        ['AP', 'context', 1],
        ['Reuters', 'context', 1],
      ],
      verdict: 'unsupported',
      supporting: [],
      contradicting: [],
    },
    {
      name: 'one strong line',
      evidence: [['Reuters', 'supports', 2]],
      verdict: 'single_source',
      supporting: [0.64],
      contradicting: [],
    },
    {
      name: 'one very weak line still counts as a single source',
      evidence: [['Forum', 'supports', 5]],
      verdict: 'single_source',
      supporting: [0.04],
      contradicting: [],
    },
    {
      name: 'two lines of exactly 0.6 corroborate (A3 and C1)',
      evidence: [
        ['AP', 'supports', 3],
        ['Local', 'supports', 1],
      ],
      verdict: 'corroborated',
      supporting: [0.6, 0.6],
      contradicting: [],
    },
    {
      name: 'A1 with an independent B3 (0.48) corroborates',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 3],
      ],
      verdict: 'corroborated',
      supporting: [1, 0.48],
      contradicting: [],
    },
    {
      name: 'B2 with an independent C3 (0.36: a second voice that counts) corroborates',
      evidence: [
        ['Reuters', 'supports', 2],
        ['Local', 'supports', 3],
      ],
      verdict: 'corroborated',
      supporting: [0.64, 0.36],
      contradicting: [],
    },
    {
      name: 'A1 with a doubtful C4 (0.24) second line does not corroborate',
      evidence: [
        ['AP', 'supports', 1],
        ['Local', 'supports', 4],
      ],
      verdict: 'single_source',
      supporting: [1, 0.24],
      contradicting: [],
    },
    {
      name: 'B3 and C3 (0.48, 0.36): no line strong enough to corroborate',
      evidence: [
        ['Reuters', 'supports', 3],
        ['Local', 'supports', 3],
      ],
      verdict: 'single_source',
      supporting: [0.48, 0.36],
      contradicting: [],
    },
    {
      name: 'two C3 lines (0.36 each) do not corroborate',
      evidence: [
        ['Local', 'supports', 3],
        ['Gazette', 'supports', 3],
      ],
      verdict: 'single_source',
      supporting: [0.36, 0.36],
      contradicting: [],
    },
    {
      name: 'two F1 lines (0.3 each) do not corroborate',
      evidence: [
        ['Leak', 'supports', 1],
        ['Anon', 'supports', 1],
      ],
      verdict: 'single_source',
      supporting: [0.3, 0.3],
      contradicting: [],
    },
    {
      name: 'corroborated despite a contradiction below 0.4 (C3 = 0.36)',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Local', 'contradicts', 3],
      ],
      verdict: 'corroborated',
      supporting: [1, 0.64],
      contradicting: [0.36],
    },
    {
      name: 'a contradiction of exactly 0.4 (D1) contests two strong lines',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Tabloid', 'contradicts', 1],
      ],
      verdict: 'contested',
      supporting: [1, 0.64],
      contradicting: [0.4],
    },
    {
      name: 'support and contradiction of exactly 0.4 each are contested',
      evidence: [
        ['Tabloid', 'supports', 1],
        ['AP', 'contradicts', 4],
      ],
      verdict: 'contested',
      supporting: [0.4],
      contradicting: [0.4],
    },
    {
      name: 'support below 0.4 against a strong contradiction is not contested',
      evidence: [
        ['Local', 'supports', 3],
        ['AP', 'contradicts', 1],
      ],
      verdict: 'single_source',
      supporting: [0.36],
      contradicting: [1],
    },
    {
      name: 'one strong line against a weak contradiction',
      evidence: [
        ['AP', 'supports', 1],
        ['Local', 'contradicts', 3],
      ],
      verdict: 'single_source',
      supporting: [1],
      contradicting: [0.36],
    },
  ];

  it.each(cases)('$name → $verdict', ({ evidence, verdict, supporting, contradicting }) => {
    const result = run(outlets, evidence);
    expect(result.verdict).toBe(verdict);
    expect(weights(result)).toEqual({ supporting, contradicting });
    expect(result.explanation.length).toBeGreaterThan(0);
  });

  it('labels every verdict', () => {
    expect(verdictLabels).toEqual({
      unsupported: 'Unsupported',
      single_source: 'Single source',
      corroborated: 'Corroborated',
      contested: 'Contested',
    });
  });
});

describe('lines', () => {
  it('weighs a line by its strongest item and lists its items strongest first', () => {
    const result = run(outlets, [
      ['Reuters', 'supports', 4],
      ['Reuters', 'supports', 1],
      ['Reuters', 'supports', 2],
    ]);
    expect(result.supporting).toHaveLength(1);
    expect(result.supporting[0]?.weight).toBe(0.8);
    expect(result.supporting[0]?.items.map((i) => i.weight)).toEqual([0.8, 0.64, 0.32]);
  });

  it('keeps a line per stance when one source both supports and contradicts', () => {
    const result = run(outlets, [
      ['Reuters', 'supports', 2],
      ['Reuters', 'contradicts', 3],
    ]);
    expect(result.supporting.map((l) => [l.rootSourceId, l.stance])).toEqual([['Reuters', 'supports']]);
    expect(result.contradicting.map((l) => [l.rootSourceId, l.stance])).toEqual([['Reuters', 'contradicts']]);
    expect(result.verdict).toBe('contested');
  });

  it('sorts lines by weight, then by root title', () => {
    const result = run(
      [
        ['Zeta', 'A'],
        ['Beta', 'B'],
        ['Alpha', 'B'],
        ['Omega', 'C'],
      ],
      [
        ['Omega', 'supports', 3],
        ['Beta', 'supports', 2],
        ['Zeta', 'supports', 2],
        ['Alpha', 'supports', 2],
      ],
    );
    expect(result.supporting.map((l) => l.rootSourceTitle)).toEqual(['Zeta', 'Alpha', 'Beta', 'Omega']);
  });

  it('ignores context items entirely', () => {
    const base: EvidenceRow[] = [['Reuters', 'supports', 2]];
    const withContext: EvidenceRow[] = [...base, ['AP', 'context', 1], ['Local', 'context', 1]];
    const a = run(outlets, base);
    const b = run(outlets, withContext);
    expect(b.verdict).toBe('single_source');
    expect(b.supporting).toEqual(a.supporting);
    expect(b.contradicting).toEqual([]);
    expect(b.explanation).toContain(
      '2 context items are recorded; context never counts for or against the claim.',
    );
  });

  it('counts evidence whose source is not loaded as reliability F', () => {
    const result = run(outlets, [['ghost', 'supports', 1]]);
    expect(result.supporting[0]).toMatchObject({
      rootSourceId: 'ghost',
      rootSourceTitle: 'Unknown source',
      weight: 0.3,
      items: [{ reliability: 'F', sourceTitle: 'Unknown source' }],
    });
  });
});

describe('independence through derivedFrom', () => {
  const cases: {
    name: string;
    sources: SourceRow[];
    evidence: EvidenceRow[];
    verdict: Verdict;
    roots: string[];
    sentence?: string;
  }[] = [
    {
      name: 'a copy collapses into its original',
      sources: [
        ['Reuters', 'B'],
        ['Blog', 'A', 'Reuters'],
      ],
      evidence: [
        ['Reuters', 'supports', 2],
        ['Blog', 'supports', 1],
      ],
      verdict: 'single_source',
      roots: ['Reuters'],
      sentence: 'Blog repeats Reuters, so they count as one line.',
    },
    {
      name: 'a chain of three is one line',
      sources: [
        ['Wire', 'A'],
        ['Paper', 'A', 'Wire'],
        ['Blog', 'A', 'Paper'],
      ],
      evidence: [
        ['Wire', 'supports', 1],
        ['Paper', 'supports', 1],
        ['Blog', 'supports', 1],
      ],
      verdict: 'single_source',
      roots: ['Wire'],
      sentence: 'Blog and Paper repeat Wire, so they count as one line.',
    },
    {
      name: 'siblings of a common root are one line even when the root has no evidence',
      sources: [
        ['Press release', 'B'],
        ['Daily', 'A', 'Press release'],
        ['Weekly', 'A', 'Press release'],
      ],
      evidence: [
        ['Daily', 'supports', 1],
        ['Weekly', 'supports', 1],
      ],
      verdict: 'single_source',
      roots: ['Press release'],
      sentence: 'Daily and Weekly both repeat Press release, so they count as one line.',
    },
    {
      name: 'copies of a removed original stay one line',
      sources: [
        ['Daily', 'A', 'removed'],
        ['Weekly', 'A', 'removed'],
      ],
      evidence: [
        ['Daily', 'supports', 1],
        ['Weekly', 'supports', 2],
      ],
      verdict: 'single_source',
      roots: ['removed'],
      sentence:
        'Daily and Weekly both repeat the same original, which is not in this case, so they count as one line.',
    },
    {
      name: 'a cycle in the data is one line and does not hang',
      sources: [
        ['X', 'A', 'Y'],
        ['Y', 'A', 'Z'],
        ['Z', 'A', 'X'],
      ],
      evidence: [
        ['X', 'supports', 1],
        ['Y', 'supports', 1],
        ['Z', 'supports', 1],
      ],
      verdict: 'single_source',
      roots: ['X'],
    },
    {
      name: 'a source derived from itself is its own line',
      sources: [
        ['Self', 'A', 'Self'],
        ['AP', 'A'],
      ],
      evidence: [
        ['Self', 'supports', 1],
        ['AP', 'supports', 1],
      ],
      verdict: 'corroborated',
      roots: ['AP', 'Self'],
    },
    {
      name: 'two separate originals with copies are two lines',
      sources: [
        ['AP', 'A'],
        ['Reuters', 'B'],
        ['AP copy', 'C', 'AP'],
        ['Reuters copy', 'C', 'Reuters'],
      ],
      evidence: [
        ['AP copy', 'supports', 1],
        ['Reuters copy', 'supports', 1],
      ],
      verdict: 'corroborated',
      roots: ['AP', 'Reuters'],
    },
  ];

  it.each(cases)('$name', ({ sources, evidence, verdict, roots, sentence }) => {
    const result = run(sources, evidence);
    expect(result.verdict).toBe(verdict);
    expect(result.supporting.map((l) => l.rootSourceId)).toEqual(roots);
    if (sentence) expect(result.explanation).toContain(sentence);
  });

  it('takes the root title from the map, or the strongest item when the root is missing', () => {
    const known = run(
      [
        ['Press release', 'B'],
        ['Daily', 'A', 'Press release'],
      ],
      [['Daily', 'supports', 1]],
    );
    expect(known.supporting[0]?.rootSourceTitle).toBe('Press release');
    expect(known.explanation[0]).toBe(
      'Only one independent line supports the claim: Press release, as repeated by Daily (A1, weight 1.00).',
    );
    const missing = run([['Daily', 'A', 'removed']], [['Daily', 'supports', 1]]);
    expect(missing.supporting[0]).toMatchObject({ rootSourceId: 'removed', rootSourceTitle: 'Daily' });
  });

  it('lets a strong copy lift its line but never adds a line', () => {
    // A line counts its strongest item (DESIGN.md), so a well-rated copy of a weak original can
    // lift that line over 0.6; independence, not strength, is what copies cannot add.
    const sources: SourceRow[] = [...outlets, ['AP rewrite of Local', 'A', 'Local']];
    const before = run(sources, [
      ['AP', 'supports', 1],
      ['Local', 'supports', 4],
    ]);
    const after = run(sources, [
      ['AP', 'supports', 1],
      ['Local', 'supports', 4],
      ['AP rewrite of Local', 'supports', 1],
    ]);
    expect(before.verdict).toBe('single_source');
    expect(after.supporting.map((l) => l.rootSourceId)).toEqual(before.supporting.map((l) => l.rootSourceId));
    expect(after.verdict).toBe('corroborated');
  });

  it.each([
    { name: 'no parent', sources: [['A', 'A']], id: 'A', root: 'A' },
    {
      name: 'a chain',
      sources: [
        ['A', 'A'],
        ['B', 'A', 'A'],
        ['C', 'A', 'B'],
      ],
      id: 'C',
      root: 'A',
    },
    { name: 'an unknown id', sources: [], id: 'nobody', root: 'nobody' },
    { name: 'a missing parent', sources: [['B', 'A', 'gone']], id: 'B', root: 'gone' },
    { name: 'a self-loop', sources: [['A', 'A', 'A']], id: 'A', root: 'A' },
    {
      name: 'a cycle, from any member',
      sources: [
        ['b', 'A', 'c'],
        ['c', 'A', 'a'],
        ['a', 'A', 'b'],
      ],
      id: 'c',
      root: 'a',
    },
    {
      name: 'a tail into a cycle',
      sources: [
        ['t', 'A', 'y'],
        ['y', 'A', 'x'],
        ['x', 'A', 'y'],
      ],
      id: 't',
      root: 'x',
    },
  ] as { name: string; sources: SourceRow[]; id: string; root: string }[])(
    'lineRootOf: $name',
    ({ sources, id, root }) => {
      expect(lineRootOf(id, sourceMap(sources))).toBe(root);
    },
  );
});

describe('wouldCreateCycle', () => {
  // B derives from A, C from B; D stands alone; P and Q already loop on each other.
  const parents: Record<string, string | null> = { A: null, B: 'A', C: 'B', D: null, P: 'Q', Q: 'P' };
  const parentOf = (id: string) => parents[id] ?? null;

  it.each([
    { name: 'a source as its own parent', id: 'A', parent: 'A', cycle: true },
    { name: 'a direct loop', id: 'A', parent: 'B', cycle: true },
    { name: 'an indirect loop', id: 'A', parent: 'C', cycle: true },
    { name: 'a null parent', id: 'A', parent: null, cycle: false },
    { name: 'an unrelated parent', id: 'A', parent: 'D', cycle: false },
    { name: 'moving a copy up its own chain', id: 'C', parent: 'A', cycle: false },
    { name: 'a parent inside an existing loop elsewhere', id: 'D', parent: 'P', cycle: false },
    { name: 'an unknown parent', id: 'A', parent: 'nobody', cycle: false },
  ])('$name → $cycle', ({ id, parent, cycle }) => {
    expect(wouldCreateCycle(id, parent, parentOf)).toBe(cycle);
  });
});

describe('fragile', () => {
  const cases: {
    name: string;
    evidence: EvidenceRow[];
    verdict: Verdict;
    fragileBecause: { rootSourceId: string; verdictWithout: Verdict }[];
  }[] = [
    {
      name: 'corroborated by exactly two strong lines',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
      ],
      verdict: 'corroborated',
      fragileBecause: [
        { rootSourceId: 'AP', verdictWithout: 'single_source' },
        { rootSourceId: 'Reuters', verdictWithout: 'single_source' },
      ],
    },
    {
      name: 'corroborated by three strong lines',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Wire', 'supports', 2],
      ],
      verdict: 'corroborated',
      fragileBecause: [],
    },
    {
      name: 'two strong lines plus a counting third: no single line is decisive',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Local', 'supports', 3],
        ['Gazette', 'contradicts', 3],
      ],
      verdict: 'corroborated',
      fragileBecause: [],
    },
    {
      name: 'two strong lines plus a doubtful one: either strong line is decisive',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Local', 'supports', 4],
        ['Gazette', 'contradicts', 3],
      ],
      verdict: 'corroborated',
      fragileBecause: [
        { rootSourceId: 'AP', verdictWithout: 'single_source' },
        { rootSourceId: 'Reuters', verdictWithout: 'single_source' },
      ],
    },
    {
      name: 'contested one against one',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'contradicts', 2],
      ],
      verdict: 'contested',
      fragileBecause: [
        { rootSourceId: 'AP', verdictWithout: 'unsupported' },
        { rootSourceId: 'Reuters', verdictWithout: 'single_source' },
      ],
    },
    {
      name: 'contested by one contradiction against two strong lines',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Tabloid', 'contradicts', 1],
      ],
      verdict: 'contested',
      fragileBecause: [{ rootSourceId: 'Tabloid', verdictWithout: 'corroborated' }],
    },
    {
      name: 'contested two against two',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'supports', 2],
        ['Wire', 'contradicts', 2],
        ['Local', 'contradicts', 1],
      ],
      verdict: 'contested',
      fragileBecause: [],
    },
    {
      name: 'single source is never called fragile',
      evidence: [['AP', 'supports', 1]],
      verdict: 'single_source',
      fragileBecause: [],
    },
    { name: 'unsupported is never called fragile', evidence: [], verdict: 'unsupported', fragileBecause: [] },
  ];

  it.each(cases)('$name', ({ evidence, verdict, fragileBecause }) => {
    const result = run(outlets, evidence);
    expect(result.verdict).toBe(verdict);
    expect(result.fragileBecause).toEqual(fragileBecause);
    expect(result.warnings.fragile).toBe(fragileBecause.length > 0);
  });

  it('names what each fragile line would change', () => {
    const result = run(outlets, [
      ['AP', 'supports', 1],
      ['Reuters', 'supports', 2],
    ]);
    expect(result.explanation).toContain(
      'The verdict is fragile: without AP it would be "Single source"; without Reuters it would be "Single source".',
    );
  });
});

describe('overconfident', () => {
  const singleSource: EvidenceRow[] = [['AP', 'supports', 1]];
  const contestedSturdy: EvidenceRow[] = [
    ['AP', 'supports', 1],
    ['Reuters', 'supports', 2],
    ['Wire', 'contradicts', 2],
    ['Local', 'contradicts', 1],
  ];
  const corroboratedFragile: EvidenceRow[] = [
    ['AP', 'supports', 1],
    ['Reuters', 'supports', 2],
  ];
  const corroboratedSturdy: EvidenceRow[] = [...corroboratedFragile, ['Wire', 'supports', 2]];

  it.each([
    { name: 'single source, very likely', evidence: singleSource, likelihood: 6, overconfident: true },
    { name: 'single source, almost certain', evidence: singleSource, likelihood: 7, overconfident: true },
    { name: 'single source, likely', evidence: singleSource, likelihood: 5, overconfident: false },
    { name: 'single source, no assessment', evidence: singleSource, likelihood: null, overconfident: false },
    {
      name: 'contested (not fragile), very likely',
      evidence: contestedSturdy,
      likelihood: 6,
      overconfident: true,
    },
    { name: 'contested, likely', evidence: contestedSturdy, likelihood: 5, overconfident: false },
    {
      name: 'fragile corroboration, very likely',
      evidence: corroboratedFragile,
      likelihood: 6,
      overconfident: true,
    },
    {
      name: 'fragile corroboration, likely',
      evidence: corroboratedFragile,
      likelihood: 5,
      overconfident: false,
    },
    {
      name: 'sturdy corroboration, almost certain',
      evidence: corroboratedSturdy,
      likelihood: 7,
      overconfident: false,
    },
    // Beyond DESIGN.md's three: no support at all is the plainest case of claiming too much.
    { name: 'unsupported, almost certain', evidence: [], likelihood: 7, overconfident: true },
    { name: 'unsupported, likely', evidence: [], likelihood: 5, overconfident: false },
  ] as { name: string; evidence: EvidenceRow[]; likelihood: number | null; overconfident: boolean }[])(
    '$name → $overconfident',
    ({ evidence, likelihood, overconfident }) => {
      const result = run(outlets, evidence, likelihood);
      expect(result.warnings.overconfident).toBe(overconfident);
      expect(result.explanation.some((s) => s.startsWith('The latest assessment'))).toBe(overconfident);
    },
  );
});

describe('explanation', () => {
  it('names each supporting line with its rating and weight', () => {
    const result = run(outlets, [
      ['Reuters', 'supports', 2],
      ['AP', 'supports', 1],
    ]);
    expect(result.explanation[0]).toBe(
      '2 independent lines support the claim: AP (A1, weight 1.00) and Reuters (B2, weight 0.64).',
    );
  });

  it.each([
    {
      name: 'unsupported with a contradiction',
      evidence: [['AP', 'contradicts', 1]],
      sentences: ['No evidence supports the claim.', 'One line contradicts it: AP (A1, weight 1.00).'],
    },
    {
      name: 'a strong line and a doubtful one',
      evidence: [
        ['AP', 'supports', 1],
        ['Local', 'supports', 4],
      ],
      sentences: [
        '2 independent lines support the claim: AP (A1, weight 1.00) and Local (C4, weight 0.24).',
        'Only 1 of them weighs 0.30 or more; corroboration needs a second independent line that strong.',
      ],
    },
    {
      name: 'weak support against strong contradiction',
      evidence: [
        ['Local', 'supports', 3],
        ['AP', 'contradicts', 1],
      ],
      sentences: [
        'Only one independent line supports the claim: Local (C3, weight 0.36).',
        'One line contradicts it (AP (A1, weight 1.00)), but the support is too weak (below 0.40) to call the claim contested.',
      ],
    },
    {
      name: 'contested',
      evidence: [
        ['AP', 'supports', 1],
        ['Reuters', 'contradicts', 2],
      ],
      sentences: [
        'Evidence weighing 0.40 or more points both ways, so the claim is contested.',
        'One independent line supports the claim: AP (A1, weight 1.00).',
        'One line contradicts it: Reuters (B2, weight 0.64).',
      ],
    },
  ] as { name: string; evidence: EvidenceRow[]; sentences: string[] }[])(
    '$name',
    ({ evidence, sentences }) => {
      const result = run(outlets, evidence);
      for (const sentence of sentences) expect(result.explanation).toContain(sentence);
    },
  );
});

describe('properties', () => {
  const ids = ['s0', 's1', 's2', 's3', 's4', 's5'];
  // Parents may be any id, a missing one or the source itself, so cycles and dangling links are generated.
  const arbSources = fc
    .tuple(
      ...ids.map(() =>
        fc.record({
          reliability: fc.constantFrom(...reliabilities),
          derivedFrom: fc.option(fc.constantFrom(...ids, 'missing'), { nil: null }),
        }),
      ),
    )
    .map(
      (rows) =>
        new Map<string, ConfidenceSource>(
          rows.map((row, i) => {
            const id = ids[i] ?? `s${i}`;
            return [id, { id, title: `Source ${i}`, ...row }];
          }),
        ),
    );
  const arbItem = fc.record({
    sourceId: fc.constantFrom(...ids, 'unloaded'),
    stance: fc.constantFrom<Stance>('supports', 'contradicts', 'context'),
    credibility: fc.integer({ min: 1, max: 6 }),
  });
  const arbEvidence = fc
    .array(arbItem, { maxLength: 12 })
    .map((items) => items.map((item, i): ConfidenceEvidence => ({ id: `e${i}`, ...item })));
  const arbLikelihood = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null });
  const withoutWords = ({ explanation: _, ...rest }: CorroborationResult) => rest;

  it('a context item never changes the verdict, lines or warnings', () => {
    fc.assert(
      fc.property(
        arbSources,
        arbEvidence,
        arbLikelihood,
        fc.constantFrom(...ids, 'unloaded'),
        fc.integer({ min: 1, max: 6 }),
        (sources, evidence, latestLikelihood, sourceId, credibility) => {
          const before = corroborate({ evidence, sources, latestLikelihood });
          const context: ConfidenceEvidence = { id: 'ctx', sourceId, stance: 'context', credibility };
          const after = corroborate({ evidence: [...evidence, context], sources, latestLikelihood });
          expect(after.verdict).toBe(before.verdict);
          expect(withoutWords(after)).toEqual(withoutWords(before));
        },
      ),
    );
  });

  it('a copy of a supporting source never adds a line, so one line never becomes corroborated', () => {
    fc.assert(
      fc.property(
        arbSources,
        arbEvidence,
        fc.nat(),
        fc.constantFrom(...reliabilities),
        fc.integer({ min: 1, max: 6 }),
        (sources, evidence, pick, reliability, credibility) => {
          const supporting = evidence.filter((e) => e.stance === 'supports');
          const original = supporting[pick % Math.max(1, supporting.length)];
          fc.pre(original !== undefined);
          if (!original) return;
          const before = corroborate({ evidence, sources, latestLikelihood: null });
          const copy: ConfidenceSource = {
            id: 'copy',
            title: 'Copy',
            reliability,
            derivedFrom: original.sourceId,
          };
          const after = corroborate({
            evidence: [...evidence, { id: 'copied', sourceId: 'copy', stance: 'supports', credibility }],
            sources: new Map([...sources, ['copy', copy]]),
            latestLikelihood: null,
          });
          const roots = (r: CorroborationResult) => r.supporting.map((l) => l.rootSourceId).sort();
          expect(roots(after)).toEqual(roots(before));
          if (before.verdict === 'single_source' && before.supporting.length === 1) {
            expect(after.verdict).not.toBe('corroborated');
          }
          // A copy no stronger than the line it joins changes nothing but that line's items.
          const line = before.supporting.find((l) => l.items.some((i) => i.evidenceId === original.id));
          const copyWeight = after.supporting
            .flatMap((l) => l.items)
            .find((i) => i.evidenceId === 'copied')?.weight;
          if (line && copyWeight !== undefined && copyWeight <= line.weight) {
            expect(after.verdict).toBe(before.verdict);
            expect(after.warnings).toEqual(before.warnings);
          }
        },
      ),
    );
  });

  it('the result does not depend on the order of the evidence', () => {
    fc.assert(
      fc.property(
        arbSources,
        arbEvidence.chain((evidence) =>
          fc.tuple(fc.constant(evidence), fc.shuffledSubarray(evidence, { minLength: evidence.length })),
        ),
        arbLikelihood,
        (sources, [evidence, shuffled], latestLikelihood) => {
          expect(corroborate({ evidence: shuffled, sources, latestLikelihood })).toEqual(
            corroborate({ evidence, sources, latestLikelihood }),
          );
        },
      ),
    );
  });
});
