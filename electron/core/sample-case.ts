// The sample case "Central Asia surveillance deals", built by code from an opinion piece on Russian
// and Chinese surveillance exports to Central Asia (the project's seed article). It is rebuilt
// through the core functions, never copied, so every record is audited and it always matches the
// current schema. Claims are in our own words; evidence excerpts are short verbatim quotes of the
// paragraphs embedded below (checked at build time, and against the article by the tests). The
// verdicts show honestly that almost everything rests on one opinion piece.
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { createActor } from './actors';
import { addAssessment } from './assessments';
import { createClaim } from './claims';
import { type CaseFile, type OpenOptions, openCase } from './db';
import { createDeal, setParties } from './deals';
import { CoreError } from './errors';
import { addEvidence } from './evidence';
import { createSource } from './sources';

export const SAMPLE_CASE_NAME = 'Central Asia surveillance deals';
const SAMPLE_ACTOR = 'Corroborate sample';

/**
 * The article's body paragraphs that the sample quotes, numbered as the locators count them:
 * para. 1 is the first body paragraph ("Sergek, a Kazakh term…"); the title and the image
 * caption are not counted; para. 10 is the closing disclaimer.
 */
export const ARTICLE_PARAGRAPHS: Readonly<Record<number, string>> = {
  1: 'Sergek, a Kazakh term meaning “sharp eye” connotes different things to different people. To the citizens of Kazakhstan, it is the watchful eye that scrutinizes every movement and carefully catches the dissidents. To the Kazakh government, it represents unfettered information control and the most preferred one in its surveillance toolkit. But to the manufacturers of such equipment, it means a new, lasting influence in the region. So far, two big players — Russia and China, are leveraging this highly rewarding space to gain unrivalled clout in Central Asia. While the former is Central Asia’s oldest partner, the latter is a relatively new but seasoned player.',
  4: 'Russia and China together provide a complete surveillance package that encompasses all the legal, institutional and technical tools necessary to track and control citizens. Russia is more old school in its approach, relying heavily on the legal system to back government use of surveillance technologies. Uzbekistan’s surveillance laws were derived from Russia’s own legal system for surveillance. Russia’s SORM framework, known as the System of Operative Search Measures was replicated in Kazakhstan. Kyrgyzstan purchased SORM equipment from Oniks-Line and Signatek. So far, the Russian model has survived as a feasible alternative. But a system that depends largely on legal and administrative techniques may not favour the Central Asian governments for too long. As more civil society groups across the region collectively start to question the human rights violations arising out of legitimising state surveillance, Russia’s model might become outdated and less appealing.',
  5: 'That leaves Central Asia with China’s advanced surveillance tools. Within a short span, China has been able to attract a sizable demand for its facial recognition technologies in Central Asia. As China-manufactured video cameras become ubiquitous in the region, it appears that China’s interest in Central Asia goes beyond the ambitious Belt and Road Initiative. With Kazakhstan, Kyrgyzstan and Tajikistan sharing borders with Xinjiang, Central Asia is imperative to how China manages its domestic affairs beyond its territory. For instance, last year, Reuters uncovered China’s use of cyberspace technology to track the movements of Uighurs moving across the border. One among the countries whose telecom networks was hacked by China was Kazakhstan. The public are perennially kept in the dark, especially when it comes to how the surveillance information is stored and shared.',
  6: 'In Uzbekistan, the Safe Cities surveillance project for which the equipment was manufactured by Huawei was launched with the aim of fighting crime and enhancing security. Despite the said goals, citizens have not welcomed the new partnership since the deal came through without informing the public. There is also a growing suspicion that the information captured by these local surveillance systems are accessed by China. This is, in fact, typical of all Chinese deals in the region. China almost always offers its assistance in packages with each element being a prerequisite of another. For instance, the intensive surveillance mechanism is a necessary condition for Chinese investments. In return for digital cooperation, Central Asian governments receive bulky projects under the Belt and Road Initiative.',
  10: 'The views and opinions expressed in this article are those of the author.',
};
export const ARTICLE_TITLE =
  'Cooperation or Competition: China and Russia’s Surveillance Models in Central Asia';

type Para = keyof typeof ARTICLE_PARAGRAPHS & number;

export interface SampleExcerpt {
  para: Para;
  text: string;
  stance: 'supports' | 'contradicts' | 'context';
  credibility: number;
  note?: string;
}

export interface SampleClaim {
  key: string;
  statement: string;
  deal: string | null;
  tags: string[];
  excerpts: SampleExcerpt[];
  assessment?: { likelihood: number; confidence: 'low' | 'moderate' | 'high'; rationale: string };
}

const REUTERS_NOTE =
  'The article attributes this to Reuters reporting, which we have not obtained (see the source "Reuters reporting … (cited, not obtained)").';

export const sampleDeals = [
  {
    key: 'kyrgyz-sorm',
    title: 'SORM equipment for Kyrgyzstan from Oniks-Line and Signatek',
    technology: 'lawful_intercept',
    country: 'Kyrgyzstan',
    status: 'signed',
    summary:
      'The opinion piece says Kyrgyzstan "purchased SORM equipment from Oniks-Line and Signatek" (para. 4). It gives no date, value or contract, and does not say whether the equipment was installed.',
    parties: [
      ['Oniks-Line', 'vendor'],
      ['Signatek', 'vendor'],
      ['Government of Kyrgyzstan', 'buyer'],
    ],
  },
  {
    key: 'kazakh-sorm',
    title: "Russia's SORM framework replicated in Kazakhstan",
    technology: 'lawful_intercept',
    country: 'Kazakhstan',
    status: 'deployed',
    summary:
      'The article says Russia\'s SORM framework, the "System of Operative Search Measures", "was replicated in Kazakhstan" (para. 4): a model adopted rather than a named sale. Russia is listed as the origin of the model (role: vendor); no company is named.',
    parties: [
      ['Government of Russia', 'vendor'],
      ['Government of Kazakhstan', 'operator'],
    ],
  },
  {
    key: 'uzbek-law',
    title: "Uzbekistan's surveillance law modelled on Russia's",
    technology: 'other',
    country: 'Uzbekistan',
    status: 'deployed',
    summary:
      'The article says Uzbekistan\'s surveillance laws "were derived from Russia\'s own legal system for surveillance" (para. 4). A legal model, not equipment; no law is named.',
    parties: [
      ['Government of Russia', 'vendor'],
      ['Government of Uzbekistan', 'operator'],
    ],
  },
  {
    key: 'uzbek-safe-city',
    title: 'Huawei Safe City project in Uzbekistan',
    technology: 'cctv',
    country: 'Uzbekistan',
    status: 'deployed',
    summary:
      'The article says the Safe Cities surveillance project, with equipment manufactured by Huawei, "was launched with the aim of fighting crime and enhancing security", and that the deal came through without informing the public (para. 6). No date, city or value is given.',
    parties: [
      ['Huawei', 'vendor'],
      ['Government of Uzbekistan', 'buyer'],
    ],
  },
  {
    key: 'sergek',
    title: 'Sergek surveillance system in Kazakhstan',
    technology: 'cctv',
    country: 'Kazakhstan',
    status: 'deployed',
    summary:
      'The article opens with Sergek ("sharp eye" in Kazakh) as the Kazakh government\'s preferred surveillance tool (para. 1). It names no manufacturer, date or value.',
    parties: [['Government of Kazakhstan', 'operator']],
  },
] as const;

export const sampleActors = [
  { name: 'Oniks-Line', kind: 'company', country: null },
  { name: 'Signatek', kind: 'company', country: null },
  { name: 'Huawei', kind: 'company', country: 'China' },
  { name: 'Government of Kyrgyzstan', kind: 'government', country: 'Kyrgyzstan' },
  { name: 'Government of Kazakhstan', kind: 'government', country: 'Kazakhstan' },
  { name: 'Government of Uzbekistan', kind: 'government', country: 'Uzbekistan' },
  { name: 'Government of Russia', kind: 'government', country: 'Russia' },
] as const;

export const sampleClaims: SampleClaim[] = [
  {
    key: 'kyrgyz-bought-sorm',
    statement: 'Kyrgyzstan bought SORM interception equipment from the companies Oniks-Line and Signatek.',
    deal: 'kyrgyz-sorm',
    tags: ['sorm', 'russia', 'kyrgyzstan'],
    excerpts: [
      {
        para: 4,
        text: 'Kyrgyzstan purchased SORM equipment from Oniks-Line and Signatek.',
        stance: 'supports',
        credibility: 3,
      },
    ],
    assessment: {
      likelihood: 5,
      confidence: 'low',
      rationale:
        'Specific and plausible (two named vendors), but it rests on one opinion piece that cites nothing for it. Needs procurement records, vendor material or reporting that names a contract.',
    },
  },
  {
    key: 'kazakh-copied-sorm',
    statement: "Kazakhstan copied Russia's SORM system of operative search measures.",
    deal: 'kazakh-sorm',
    tags: ['sorm', 'russia', 'kazakhstan'],
    excerpts: [
      {
        para: 4,
        text: 'Russia’s SORM framework, known as the System of Operative Search Measures was replicated in Kazakhstan.',
        stance: 'supports',
        credibility: 3,
      },
    ],
  },
  {
    key: 'uzbek-law-from-russia',
    statement: "Uzbekistan based its surveillance laws on Russia's legal framework for surveillance.",
    deal: 'uzbek-law',
    tags: ['russia', 'uzbekistan', 'law'],
    excerpts: [
      {
        para: 4,
        text: 'Uzbekistan’s surveillance laws were derived from Russia’s own legal system for surveillance.',
        stance: 'supports',
        credibility: 3,
      },
    ],
  },
  {
    key: 'huawei-made-safe-city',
    statement: "Huawei made the equipment used in Uzbekistan's Safe City surveillance project.",
    deal: 'uzbek-safe-city',
    tags: ['china', 'huawei', 'safe-city', 'uzbekistan'],
    excerpts: [
      {
        para: 6,
        text: 'the Safe Cities surveillance project for which the equipment was manufactured by Huawei',
        stance: 'supports',
        credibility: 3,
      },
    ],
    assessment: {
      likelihood: 5,
      confidence: 'low',
      rationale:
        "The opinion piece is our only line. Huawei's part needs a second, independent source: a contract, a company statement, or reporting we can rate.",
    },
  },
  {
    key: 'safe-city-secret',
    statement: "Uzbekistan's Safe City deal was concluded without telling the public.",
    deal: 'uzbek-safe-city',
    tags: ['safe-city', 'uzbekistan', 'transparency'],
    excerpts: [
      {
        para: 6,
        text: 'the deal came through without informing the public',
        stance: 'supports',
        credibility: 3,
      },
    ],
  },
  {
    key: 'safe-city-china-access',
    statement: 'People in Uzbekistan suspect that China has access to what the Safe City systems record.',
    deal: 'uzbek-safe-city',
    tags: ['china', 'safe-city', 'uzbekistan', 'data-access'],
    excerpts: [
      {
        para: 6,
        text: 'There is also a growing suspicion that the information captured by these local surveillance systems are accessed by China.',
        stance: 'supports',
        credibility: 3,
        note: 'The article reports a suspicion; it gives no source for it and no evidence of access.',
      },
    ],
  },
  {
    key: 'sergek-preferred',
    statement: "Kazakhstan's government relies on the Sergek system as a main surveillance tool.",
    deal: 'sergek',
    tags: ['sergek', 'kazakhstan', 'cctv'],
    excerpts: [
      {
        para: 1,
        text: 'To the Kazakh government, it represents unfettered information control and the most preferred one in its surveillance toolkit.',
        stance: 'supports',
        credibility: 4,
        note: 'An interpretation in the article’s opening, not a reported fact: graded doubtful.',
      },
      { para: 1, text: 'Sergek, a Kazakh term meaning “sharp eye”', stance: 'context', credibility: 6 },
    ],
  },
  {
    key: 'china-hacked-kazakh-telecoms',
    statement:
      'Chinese hackers broke into telecom networks in Kazakhstan to follow Uighurs crossing the border.',
    deal: null,
    tags: ['china', 'kazakhstan', 'hacking', 'uighurs'],
    excerpts: [
      {
        para: 5,
        text: 'Reuters uncovered China’s use of cyberspace technology to track the movements of Uighurs moving across the border',
        stance: 'supports',
        credibility: 3,
        note: REUTERS_NOTE,
      },
      {
        para: 5,
        text: 'One among the countries whose telecom networks was hacked by China was Kazakhstan.',
        stance: 'supports',
        credibility: 3,
        note: REUTERS_NOTE,
      },
    ],
    assessment: {
      likelihood: 4,
      confidence: 'low',
      rationale:
        'Second-hand: the article retells what it says Reuters reported. Until we hold and rate the Reuters piece, this is one weak line.',
    },
  },
  {
    key: 'chinese-cameras-common',
    statement: 'Chinese-made video cameras are becoming common across Central Asia.',
    deal: null,
    tags: ['china', 'cctv', 'central-asia'],
    excerpts: [
      {
        para: 5,
        text: 'As China-manufactured video cameras become ubiquitous in the region',
        stance: 'supports',
        credibility: 3,
      },
    ],
  },
  {
    key: 'surveillance-condition',
    statement:
      'China makes intensive surveillance cooperation a condition of its investment in Central Asia.',
    deal: null,
    tags: ['china', 'belt-and-road', 'central-asia'],
    excerpts: [
      {
        para: 6,
        text: 'the intensive surveillance mechanism is a necessary condition for Chinese investments',
        stance: 'supports',
        credibility: 4,
        note: 'A sweeping generalisation with no deal cited for it: graded doubtful.',
      },
    ],
  },
];

const ARTICLE_RELIABILITY_NOTE =
  'An opinion piece: it argues a thesis (that surveillance exports may turn Russia and China from partners into competitors in Central Asia) and ends "The views and opinions expressed in this article are those of the author." (para. 10). Its facts (who bought what from whom) are stated in passing, without links, documents or named sources in the text we hold, and our copy names neither the author nor the outlet. Rated D (not usually reliable) for facts: a lead to follow, not confirmation. Raise the grade only for a statement traced to the reporting it rests on.';

const ARTICLE_NOTES =
  'The copy we hold names no author, outlet or date. Locators "para. N" count body paragraphs: para. 1 begins "Sergek, a Kazakh term…", para. 10 is the closing disclaimer; the title and the image caption are not counted.';

/** Each excerpt must be a verbatim part of the paragraph its locator names. */
function checkExcerpt(e: SampleExcerpt): void {
  if (!ARTICLE_PARAGRAPHS[e.para]?.includes(e.text)) {
    throw new CoreError('internal', `Sample excerpt not found verbatim in para. ${e.para}: "${e.text}"`);
  }
}

export interface SampleSummary {
  path: string;
  name: string;
  counts: {
    deals: number;
    actors: number;
    sources: number;
    claims: number;
    evidence: number;
    assessments: number;
  };
}

function populate(c: CaseFile): SampleSummary['counts'] {
  const article = createSource(c, {
    title: ARTICLE_TITLE,
    kind: 'article',
    language: 'en',
    reliability: 'D',
    reliabilityNote: ARTICLE_RELIABILITY_NOTE,
    notes: ARTICLE_NOTES,
  });
  createSource(c, {
    title: 'Reuters reporting on Chinese hacking of telecom networks to track Uighurs (cited, not obtained)',
    kind: 'article',
    publisher: 'Reuters',
    reliability: 'F',
    reliabilityNote:
      'Cited by the opinion piece ("last year, Reuters uncovered…", para. 5), not obtained: we have not read it, so its reliability cannot be judged. Find it, attach it and rate it before relying on it.',
    notes: 'Cited, not obtained. The article gives no title, date or link for it.',
  });
  const actorIds = new Map<string, string>();
  for (const a of sampleActors) actorIds.set(a.name, createActor(c, { ...a, aliases: [] }).id);
  const dealIds = new Map<string, string>();
  for (const d of sampleDeals) {
    const { key, parties: list, ...fields } = d;
    const deal = createDeal(c, fields);
    dealIds.set(key, deal.id);
    setParties(c, {
      dealId: deal.id,
      parties: list.map(([name, role]) => ({ actorId: actorIds.get(name)!, role })),
    });
  }
  let evidence = 0;
  let assessments = 0;
  for (const s of sampleClaims) {
    const claim = createClaim(c, {
      statement: s.statement,
      dealId: s.deal ? dealIds.get(s.deal) : null,
      status: 'under_review',
      tags: s.tags,
    });
    for (const e of s.excerpts) {
      checkExcerpt(e);
      addEvidence(c, {
        claimId: claim.id,
        sourceId: article.id,
        stance: e.stance,
        excerpt: e.text,
        locator: `para. ${e.para}`,
        credibility: e.credibility,
        note: e.note ?? null,
      });
      evidence++;
    }
    if (s.assessment) {
      addAssessment(c, { claimId: claim.id, ...s.assessment, author: SAMPLE_ACTOR });
      assessments++;
    }
  }
  return {
    deals: sampleDeals.length,
    actors: sampleActors.length,
    sources: 2,
    claims: sampleClaims.length,
    evidence,
    assessments,
  };
}

/**
 * Writes the sample case to `path` (a new file: an existing one is never touched). All of it is
 * one transaction: a failure leaves no half-built case behind.
 */
export function buildSampleCase(
  path: string,
  options: Pick<OpenOptions, 'migrationsDir' | 'nativeBinding' | 'passphrase' | 'key'> = {},
): SampleSummary {
  if (existsSync(path)) {
    throw new CoreError(
      'conflict',
      `${basename(path)} already exists; the sample is written only to a new file.`,
      { path: 'already exists' },
    );
  }
  const c = openCase(path, { ...options, create: true, name: SAMPLE_CASE_NAME, actor: SAMPLE_ACTOR });
  try {
    const counts = c.bulk(() => populate(c));
    c.close();
    return { path, name: SAMPLE_CASE_NAME, counts };
  } catch (error) {
    c.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    throw error;
  }
}
