// The timeline's shaping: dates as precise as recorded, lanes per deal grouped by country, stacks
// in a bucket, gaps, and the status path as the case recorded it.
import type { TimelineDeal, TimelineEvidence, TimelinePicture } from '../../electron/schema/pictures';
import {
  buildTimeline,
  MAX_STACK,
  MAX_UNDATED,
  NO_DEAL,
  parsePartialDate,
  statusPathWords,
} from '../../renderer/src/pictures/timeline-buckets';

let seq = 0;
const id = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function deal(
  title: string,
  country: string | null,
  year: number | null,
  over: Partial<TimelineDeal> = {},
): TimelineDeal {
  return {
    id: id(),
    title,
    technology: 'cctv',
    country,
    status: 'signed',
    year,
    claimCount: 1,
    statusHistory: [{ status: 'signed', recordedAt: '2024-01-01T00:00:00.000Z' }],
    ...over,
  };
}

function ev(dealId: string | null, date: string, over: Partial<TimelineEvidence> = {}): TimelineEvidence {
  return {
    id: id(),
    claimId: id(),
    claimStatement: 'Cameras were installed',
    dealId,
    sourceId: id(),
    sourceTitle: 'Report',
    stance: 'supports',
    reliability: 'B',
    credibility: 2,
    date,
    ...over,
  };
}

function picture(deals: TimelineDeal[], evidence: TimelineEvidence[], undatedEvidence = 0): TimelinePicture {
  return { deals, evidence, undatedEvidence, omittedEvidence: 0 };
}

describe('parsePartialDate', () => {
  it.each([
    ['2019', { year: 2019, month: null, day: null, precision: 'year', t: 2019.5 }],
    ['2019-01', { year: 2019, month: 1, day: null, precision: 'month', t: 2019 + 15.5 / 365 }],
    ['2020-02', { year: 2020, month: 2, day: null, precision: 'month', t: 2020 + (31 + 14.5) / 366 }],
    ['2019-03-21', { year: 2019, month: 3, day: 21, precision: 'day', t: 2019 + (31 + 28 + 20.5) / 365 }],
    [
      '2019-03-21T10:00:00Z',
      { year: 2019, month: 3, day: 21, precision: 'day', t: 2019 + (31 + 28 + 20.5) / 365 },
    ],
    [' 2019 ', { year: 2019, month: null, day: null, precision: 'year', t: 2019.5 }],
  ])('reads %j', (text, expected) => {
    const date = parsePartialDate(text);
    expect(date).toMatchObject({ ...expected, t: expect.any(Number) });
    expect(date?.t).toBeCloseTo(expected.t, 9);
  });

  it.each([null, undefined, '', 'March 2019', '19', '2019-13', '2019-02-30', '2019-00-10', '2021-02-29'])(
    'refuses %j',
    (text) => {
      expect(parsePartialDate(text)).toBeNull();
    },
  );

  it('keeps order: a day is inside its month, a month inside its year', () => {
    const y = parsePartialDate('2019') as { t: number };
    const m = parsePartialDate('2019-12') as { t: number };
    const d = parsePartialDate('2019-12-31') as { t: number };
    expect(Math.floor(m.t)).toBe(2019);
    expect(Math.floor(d.t)).toBe(2019);
    expect(d.t).toBeGreaterThan(m.t);
    expect(y.t).toBeLessThan(m.t);
  });
});

describe('buildTimeline', () => {
  function centralAsia() {
    const sergek = deal('Sergek', 'Kazakhstan', 2019);
    const sormKz = deal('SORM in Kazakhstan', 'Kazakhstan', 2014);
    const sorm = deal('SORM for Kyrgyzstan', 'Kyrgyzstan', 2015, {
      status: 'deployed',
      statusHistory: [
        { status: 'rumoured', recordedAt: '2024-01-01T00:00:00.000Z' },
        { status: 'announced', recordedAt: '2024-02-01T00:00:00.000Z' },
        { status: 'deployed', recordedAt: '2024-03-01T00:00:00.000Z' },
      ],
    });
    const tender = deal('DPI tender', null, null);
    const evidence = [
      ev(sergek.id, '2021-02-11', { sourceTitle: 'Opinion piece' }),
      ev(sergek.id, '2019-06', { stance: 'contradicts', reliability: 'C', credibility: 4 }),
      ev(sergek.id, '2019'),
      ev(sorm.id, '2021'),
      ev(null, '2020-05-01', { claimStatement: 'Exports grow' }),
      ev(sorm.id, 'not a date'),
    ];
    return {
      sergek,
      sormKz,
      sorm,
      tender,
      evidence,
      model: (scale: 'year' | 'date') =>
        buildTimeline(picture([sergek, sormKz, sorm, tender], evidence, 2), scale),
    };
  }

  it('groups lanes by country, then deals without one, then evidence not tied to a deal', () => {
    const k = centralAsia();
    const m = k.model('year');
    expect(m.groups.map((g) => [g.label, g.lanes.map((l) => l.title)])).toEqual([
      ['Kazakhstan', ['SORM in Kazakhstan', 'Sergek']],
      ['Kyrgyzstan', ['SORM for Kyrgyzstan']],
      ['Country not recorded', ['DPI tender']],
      ['Not tied to a deal', ['Claims without a deal']],
    ]);
    expect(m.laneCount).toBe(5);
    expect(m.groups.at(-1)?.lanes[0]?.id).toBe(NO_DEAL);
  });

  it('places deals at their year and evidence at its date, opening the deal or the claim', () => {
    const k = centralAsia();
    const m = k.model('date');
    const lane = m.groups[0]?.lanes[1];
    // Mid-June comes before the middle of a year known only as "2019".
    expect(lane?.markers.map((x) => [x.kind, x.bucket, x.precision, x.slot])).toEqual([
      ['evidence', '2019-06', 'month', 0],
      ['deal', '2019', 'year', 0],
      ['evidence', '2019', 'year', 1],
      ['evidence', '2021-02-11', 'day', 0],
    ]);
    expect(lane?.markers[1]?.open).toEqual({ kind: 'deal', id: k.sergek.id });
    expect(lane?.markers[0]?.open).toEqual({ kind: 'claim', id: k.evidence[1]?.claimId });
    expect(lane?.markers[0]?.label).toBe('Contradicts (C4), 2019-06: Report on “Cameras were installed”');
    // Four deals (one without a year) and six evidence items (one with a date that cannot be read).
    expect(m.markerCount).toBe(4 + 6);
  });

  it('in years, stacks everything of one year in one bucket', () => {
    const m = centralAsia().model('year');
    const lane = m.groups[0]?.lanes[1];
    expect(lane?.markers.map((x) => [x.bucket, x.slot, x.t])).toEqual([
      ['2019', 0, 2019.5],
      ['2019', 1, 2019.5],
      ['2019', 2, 2019.5],
      ['2021', 0, 2021.5],
    ]);
  });

  it('spans whole years and marks years with nothing dated, and long silences in a lane', () => {
    const m = centralAsia().model('year');
    expect(m.domain).toEqual({ from: 2014, to: 2022 });
    expect(m.ticks).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(m.gaps).toEqual([{ from: 2016, to: 2019 }]);
    const sorm = m.groups[1]?.lanes[0];
    expect(sorm?.gaps).toEqual([{ from: 2015.5, to: 2021.5 }]);
    expect(m.groups[0]?.lanes[1]?.gaps).toEqual([]);
  });

  it('puts what has no date in a “no date” column instead of dropping it', () => {
    const k = centralAsia();
    const m = k.model('year');
    expect(m.undated).toBe(2);
    const tender = m.groups[2]?.lanes[0];
    expect(tender?.markers.map((x) => [x.kind, x.t, x.bucket, x.precision])).toEqual([
      ['deal', null, 'undated', null],
    ]);
    expect(tender?.markers[0]?.label).toBe('Deal DPI tender: signed, year unknown');
    const sorm = m.groups[1]?.lanes[0];
    expect(sorm?.markers.map((x) => [x.kind, x.bucket])).toEqual([
      ['deal', '2015'],
      ['evidence', '2021'],
      ['evidence', 'undated'],
    ]);
    expect(sorm?.markers[2]?.label).toMatch(/^Supports \(B2\), no date: /);
  });

  it('has an undated column but no axis when nothing is dated (the sample case before dating)', () => {
    const d = deal('Sergek', 'Kazakhstan', null);
    const m = buildTimeline(picture([d], [ev(d.id, '', { date: null } as never), ev(d.id, 'n.d.')]), 'year');
    expect(m).toMatchObject({ domain: null, ticks: [], gaps: [], markerCount: 3, undated: 3 });
    expect(m.groups[0]?.lanes[0]?.markers.map((x) => x.slot)).toEqual([0, 1, 2]);
  });

  it('says how many undated markers a crowded lane does not draw', () => {
    const d = deal('Crowded', 'Uzbekistan', null);
    const evidence = Array.from({ length: MAX_UNDATED + 2 }, () => ev(d.id, 'n.d.'));
    const m = buildTimeline(picture([d], evidence), 'year');
    expect(m.groups[0]?.lanes[0]?.overflow).toEqual([{ bucket: 'undated', t: null, hidden: 3 }]);
  });

  it('keeps the recorded status path', () => {
    const m = centralAsia().model('year');
    expect(statusPathWords(m.groups[1]?.lanes[0]?.statusPath ?? [])).toBe('Rumoured → Announced → Deployed');
  });

  it('says how many markers a crowded bucket does not draw', () => {
    const d = deal('Crowded', 'Uzbekistan', 2019);
    const evidence = Array.from({ length: MAX_STACK + 3 }, () => ev(d.id, '2019'));
    const m = buildTimeline(picture([d], evidence), 'year');
    expect(m.groups[0]?.lanes[0]?.overflow).toEqual([{ bucket: '2019', t: 2019.5, hidden: 4 }]);
  });

  it('has no domain for a deal with no year and no evidence', () => {
    const m = buildTimeline(picture([deal('Undated', 'Tajikistan', null)], []), 'year');
    expect(m).toMatchObject({ domain: null, ticks: [], gaps: [], markerCount: 1, undated: 1, laneCount: 1 });
  });

  it.each([
    [[2000, 2029], 1],
    [[2000, 2030], 5],
    [[1920, 2010], 10],
  ])('over the years %j ticks every %i', ([from, to], step) => {
    const deals = [deal('First', 'A', from as number), deal('Last', 'A', to as number)];
    const m = buildTimeline(picture(deals, []), 'year');
    expect((m.ticks[1] as number) - (m.ticks[0] as number)).toBe(step);
  });
});
