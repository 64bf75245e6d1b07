// The evidence matrix's shaping: lines of origin as rows, "+B2"/"−C4" cells, diagnosticity, how
// many verdicts each line carries, and "what if this source is wrong" through the real model.
import type { Reliability, Stance } from '../../electron/schema/enums';
import type { Verdict } from '../../electron/schema/inputs';
import type { MatrixEvidence, MatrixPicture, MatrixSource } from '../../electron/schema/pictures';
import {
  buildMatrix,
  type CellItem,
  cellOf,
  diagnosticityOf,
  itemWords,
  levelOf,
  sortRows,
  verdictsWithout,
  whatIf,
} from '../../renderer/src/pictures/evidence-matrix';

let seq = 0;
const id = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function source(
  title: string,
  reliability: Reliability,
  derivedFrom: string | null = null,
  confidential = false,
): MatrixSource {
  return { id: id(), title, reliability, derivedFrom, confidential };
}

/** Sergek: four claims, six lines of origin (one through a copy, one whose original is not in the case). */
function sergek() {
  const opinion = source('Opinion piece', 'C');
  const copy = source('Blog copy', 'B', opinion.id);
  const report = source('NGO report', 'B');
  const ministry = source('Ministry statement', 'B', null, true);
  const wire = source('Wire story', 'C');
  const leaflet = source('Leaflet', 'D');
  const goneOriginal = id();
  const copyA = source('Copy A', 'C', goneOriginal);
  const copyB = source('Copy B', 'D', goneOriginal);
  const claims = [
    'Cameras installed',
    'Used against dissidents',
    'Contract worth 50M',
    'Face recognition added',
  ].map((statement) => ({
    id: id(),
    statement,
    status: 'draft',
    verdict: 'unsupported' as Verdict,
    latestLikelihood: null,
  }));
  const [c1, c2, c3, c4] = claims as [
    (typeof claims)[0],
    (typeof claims)[0],
    (typeof claims)[0],
    (typeof claims)[0],
  ];
  const e = (
    claim: { id: string },
    s: MatrixSource,
    stance: Stance,
    credibility: number,
  ): MatrixEvidence => ({
    id: id(),
    claimId: claim.id,
    sourceId: s.id,
    stance,
    credibility,
    excerpt: `excerpt of ${s.title}`,
    locator: 'para. 1',
  });
  const evidence = [
    e(c1, opinion, 'supports', 1),
    e(c2, copy, 'supports', 2),
    e(c1, report, 'supports', 2),
    e(c3, report, 'supports', 2),
    e(c1, ministry, 'supports', 2),
    e(c3, ministry, 'contradicts', 2),
    ...claims.map((c) => e(c, wire, 'supports', 3)),
    e(c3, leaflet, 'context', 6),
    e(c4, copyA, 'supports', 3),
    e(c4, copyB, 'supports', 2),
  ];
  const stored: Record<string, Verdict> = {
    [c1.id]: 'corroborated',
    [c2.id]: 'corroborated',
    [c3.id]: 'contested',
    [c4.id]: 'single_source',
  };
  for (const c of claims) c.verdict = stored[c.id] as Verdict;
  const picture: MatrixPicture = {
    deal: {
      id: id(),
      title: 'Sergek',
      technology: 'cctv',
      country: 'Kazakhstan',
      status: 'deployed',
      year: 2019,
    },
    claims,
    evidence,
    sources: [opinion, copy, report, ministry, wire, leaflet, copyA, copyB],
  };
  return { picture, c1, c2, c3, c4, opinion, copy, report, ministry, wire, leaflet, goneOriginal };
}

describe('rows, cells and columns', () => {
  it('makes one row per independent line, a copy in its original’s row', () => {
    const k = sergek();
    const m = buildMatrix(k.picture);
    expect(m.rows.map((r) => r.title).sort()).toEqual(
      [
        'Leaflet',
        'Ministry statement',
        'NGO report',
        'Opinion piece',
        'Original of Copy A, Copy B',
        'Wire story',
      ].sort(),
    );
    const opinion = m.rows.find((r) => r.rootId === k.opinion.id);
    expect(opinion?.members.map((x) => x.title)).toEqual(['Blog copy', 'Opinion piece']);
    expect(m.rows.find((r) => r.rootId === k.goneOriginal)).toMatchObject({ reliability: 'F', coverage: 1 });
  });

  it.each([
    ['opinion', 'c1', '+C1'],
    ['opinion', 'c2', '+B2'], // graded by the copy that carries it
    ['ministry', 'c3', '\u2212B2'],
    ['ministry', 'c1', '+B2'],
    ['leaflet', 'c3', '\u25CBD6'],
    ['goneOriginal', 'c4', '+C3 +D2'],
    ['wire', 'c4', '+C3'],
    ['leaflet', 'c1', undefined],
  ] as const)('the %s row reads %j for %s', (row, claim, text) => {
    const k = sergek();
    const rootId = (k[row] as { id?: string }).id ?? (k[row] as unknown as string);
    const cell = buildMatrix(k.picture)
      .rows.find((r) => r.rootId === rootId)
      ?.cells.get(k[claim].id);
    expect(cell?.text).toBe(text);
  });

  it('recomputes each verdict with the confidence model, agreeing with the stored one, and marks fragile claims', () => {
    const k = sergek();
    const m = buildMatrix(k.picture);
    expect(m.columns.map((c) => [c.claim.statement, c.verdict, c.fragile, c.stale])).toEqual([
      ['Cameras installed', 'corroborated', false, false],
      ['Used against dissidents', 'corroborated', true, false],
      ['Contract worth 50M', 'contested', true, false],
      ['Face recognition added', 'single_source', false, false],
    ]);
    const outOfDate = {
      ...k.picture,
      claims: k.picture.claims.map((c) => ({ ...c, verdict: 'unsupported' as Verdict })),
    };
    expect(buildMatrix(outOfDate).columns.every((c) => c.stale)).toBe(true);
  });

  it('flags a line with a confidential source', () => {
    const k = sergek();
    const rows = buildMatrix(k.picture).rows;
    expect(rows.filter((r) => r.confidential).map((r) => r.title)).toEqual(['Ministry statement']);
  });
});

describe('diagnosticity', () => {
  it.each([
    ['supports every claim alike', [0.36, 0.36, 0.36, 0.36], 0, 'low'],
    ['silent everywhere (context only)', [0, 0, 0], 0, 'low'],
    ['supports one claim of two, possibly true', [0.36, 0], 0.18, 'medium'],
    ['supports one claim, strongly', [0.64, 0, 0], 0.32, 'medium'],
    ['supports one, contradicts another', [0.64, 0, -0.64], 0.64, 'high'],
    ['the strongest split', [1, -1], 1, 'high'],
  ] as const)('a line that %s: %d (%s)', (_name, scores, value, level) => {
    expect(diagnosticityOf(scores)).toBe(value);
    expect(levelOf(value)).toBe(level);
  });

  it('says nothing with a single claim: there is nothing to tell apart', () => {
    expect(diagnosticityOf([0.64])).toBeNull();
    const k = sergek();
    const one = {
      ...k.picture,
      claims: [k.c1],
      evidence: k.picture.evidence.filter((e) => e.claimId === k.c1.id),
    };
    expect(buildMatrix(one).rows.every((r) => r.diagnosticity === null && r.level === null)).toBe(true);
  });

  it.each([
    ['ministry', 0.64, 'high'],
    ['opinion', 0.32, 'medium'],
    ['report', 0.32, 'medium'],
    ['goneOriginal', 0.18, 'medium'],
    ['wire', 0, 'low'],
    ['leaflet', 0, 'low'],
  ] as const)('in the Sergek matrix, the %s line: %d (%s)', (row, value, level) => {
    const k = sergek();
    const rootId = (k[row] as { id?: string }).id ?? (k[row] as unknown as string);
    expect(buildMatrix(k.picture).rows.find((r) => r.rootId === rootId)).toMatchObject({
      diagnosticity: value,
      level,
    });
  });
});

describe('what if this source is wrong', () => {
  it.each([
    ['nothing', [], []],
    ['the ministry', ['ministry'], [['c3', 'contested', 'corroborated']]],
    ['the opinion piece (and its copy with it)', ['opinion'], [['c2', 'corroborated', 'single_source']]],
    ['the leaflet (context only)', ['leaflet'], []],
    ['the opinion piece and the wire story', ['opinion', 'wire'], [['c2', 'corroborated', 'unsupported']]],
    ['the report and the ministry', ['report', 'ministry'], [['c3', 'contested', 'single_source']]],
    ['the wire story', ['wire'], [['c2', 'corroborated', 'single_source']]],
  ] as const)('dropping %s', (_name, rows, changes) => {
    const k = sergek();
    const dropped = new Set(rows.map((r) => (k[r] as { id: string }).id));
    expect(whatIf(k.picture, dropped).map((c) => [c.claimId, c.before, c.after])).toEqual(
      changes.map(([claim, before, after]) => [k[claim].id, before, after]),
    );
  });

  it('counts per line how many verdicts rest on it', () => {
    const k = sergek();
    const impact = new Map(buildMatrix(k.picture).rows.map((r) => [r.title, r.impact]));
    expect(Object.fromEntries(impact)).toEqual({
      'Opinion piece': 1,
      'NGO report': 1,
      'Ministry statement': 1,
      'Wire story': 1,
      Leaflet: 0,
      'Original of Copy A, Copy B': 0,
    });
  });

  it('leaves the claims the dropped line never touched exactly as they were', () => {
    const k = sergek();
    const before = verdictsWithout(k.picture, new Set());
    const after = verdictsWithout(k.picture, new Set([k.ministry.id]));
    for (const claim of [k.c2, k.c4]) expect(after.get(claim.id)).toEqual(before.get(claim.id));
  });
});

describe('sorting and words', () => {
  it.each([
    [
      'diagnosticity',
      'desc',
      [
        'Ministry statement',
        'NGO report',
        'Opinion piece',
        'Original of Copy A, Copy B',
        'Leaflet',
        'Wire story',
      ],
    ],
    [
      'title',
      'asc',
      [
        'Leaflet',
        'Ministry statement',
        'NGO report',
        'Opinion piece',
        'Original of Copy A, Copy B',
        'Wire story',
      ],
    ],
    [
      'coverage',
      'desc',
      [
        'Wire story',
        'Ministry statement',
        'NGO report',
        'Opinion piece',
        'Leaflet',
        'Original of Copy A, Copy B',
      ],
    ],
    [
      'impact',
      'desc',
      [
        'Ministry statement',
        'NGO report',
        'Opinion piece',
        'Wire story',
        'Leaflet',
        'Original of Copy A, Copy B',
      ],
    ],
    [
      'strength',
      'asc',
      [
        'Leaflet',
        'Original of Copy A, Copy B',
        'Wire story',
        'Ministry statement',
        'NGO report',
        'Opinion piece',
      ],
    ],
  ] as const)('by %s (%s)', (by, direction, titles) => {
    const rows = buildMatrix(sergek().picture).rows;
    expect(sortRows(rows, by, direction).map((r) => r.title)).toEqual(titles);
  });

  it('shows at most three marks in a cell, strongest support first, and counts the rest', () => {
    const item = (
      stance: Stance,
      reliability: Reliability,
      credibility: number,
      weight: number,
    ): CellItem => ({
      evidenceId: id(),
      sourceId: id(),
      sourceTitle: 'S',
      stance,
      reliability,
      credibility,
      weight,
      text: `${stance === 'supports' ? '+' : stance === 'contradicts' ? '\u2212' : '\u25CB'}${reliability}${credibility}`,
      excerpt: '',
      locator: null,
    });
    const cell = cellOf([
      item('contradicts', 'C', 4, 0.24),
      item('supports', 'C', 3, 0.36),
      item('context', 'F', 6, 0),
      item('supports', 'A', 1, 1),
      item('supports', 'A', 1, 1),
    ]);
    expect(cell.text).toBe('+A1 +C3 \u2212C4 +1');
    expect(cell.score).toBe(0.76);
    expect(itemWords(cell.items[0] as CellItem)).toBe('Supports, A1 (weight 1.00): S');
    expect(itemWords(cell.items[4] as CellItem)).toBe('Context, F6 (context, not weighed): S');
  });
});
