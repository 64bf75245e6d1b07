// The publishable report: one self-contained HTML file (inline CSS, no script, no external
// resource, a CSP that forbids loading anything) of a deal or a set of claims. Every value from
// the case is HTML-escaped. Each claim shows its verdict and the independent lines behind it, the
// evidence with excerpts, locators and grades, the latest assessment in ICD 203 words, and what
// contradicts it; the report ends with the audit checkpoint it was made from.

import { verdictLabels } from '../../schema/confidence';
import { credibilityLabels, likelihoodLabels, reliabilityLabels } from '../../schema/enums';
import { claimStatusLabels } from '../../schema/labels';
import type { Claim, CorroborationResult, Deal } from '../../schema/records';
import { auditHead } from '../audit';
import { corroborationOf } from '../claim-verdicts';
import { assessmentsOf, evidenceOfClaim } from '../claims';
import type { CaseFile } from '../db';
import { listParties } from '../deals';
import { requireRecord } from '../records';
import { dealTable } from '../tables';
import type { Pseudonyms } from './redact';

export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root{color-scheme:light;font-family:Georgia,'Times New Roman',serif;line-height:1.45;color:#1b1b1b}
body{max-width:60rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.7rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
.meta,.small{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f1f1f1}
blockquote{margin:0;font-style:italic}
.verdict{font-weight:bold}
.warn{display:inline-block;border:1px solid #a40;color:#a40;padding:0 .3rem;margin-left:.4rem;font-size:.8rem}
article.claim{border-top:2px solid #333;margin-top:2rem;padding-top:.5rem;break-inside:avoid-page}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
footer{border-top:2px solid #333;margin-top:3rem;padding-top:.5rem}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}th{background:none}}
`;

export interface ReportInput {
  title?: string | undefined;
  dealId?: string | undefined;
  claims: Claim[];
  includeConfidential: boolean;
  names: Pseudonyms;
}

export interface BuiltReport {
  html: string;
  redactedSources: number;
  checkpoint: { seq: number; headHash: string };
}

function grade(reliability: string, credibility: number): string {
  return `${reliability}${credibility}`;
}

function linesTable(v: CorroborationResult): string {
  const lines = [...v.supporting, ...v.contradicting];
  if (lines.length === 0) return '<p>No evidence supports or contradicts this claim.</p>';
  return `<table><thead><tr><th>Stance</th><th>Independent line (root source)</th><th>Weight</th><th>Items</th></tr></thead><tbody>${lines
    .map(
      (l) =>
        `<tr><td>${esc(l.stance)}</td><td>${esc(l.rootSourceTitle)}</td><td>${esc(l.weight.toFixed(2))}</td><td>${l.items
          .map(
            (i) =>
              `${esc(i.sourceTitle)} (${esc(grade(i.reliability, i.credibility))}, ${esc(i.weight.toFixed(2))})`,
          )
          .join('<br>')}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function buildReport(c: CaseFile, input: ReportInput): BuiltReport {
  const head = auditHead(c.db);
  const redacted = new Set<string>();
  const titleOf = (s: { id: string; title: string; confidential: boolean }) => {
    if (!s.confidential || input.includeConfidential) return s.title;
    redacted.add(s.id);
    return input.names.of(s.id);
  };
  const deal: Deal | null = input.dealId
    ? requireRecord(c, dealTable, input.dealId, { includeRemoved: true })
    : null;
  const title = input.title || (deal ? `Deal: ${deal.title}` : `Claims report: ${c.meta.name}`);
  const parts: string[] = [];
  parts.push(
    `<header><h1>${esc(title)}</h1><p class="meta">Case “${esc(c.meta.name)}” · ${esc(input.claims.length)} claim(s) · generated ${esc(new Date().toISOString())} by ${esc(c.meta.actor)}</p></header>`,
  );
  if (deal) {
    const parties = listParties(c, deal.id);
    parts.push(
      `<section class="deal"><h2>The deal</h2><table><tbody>${[
        ['Technology', deal.technology],
        ['Country', deal.country],
        ['Status', deal.status],
        ['Year', deal.year],
        ['Value', deal.valueAmount !== null ? `${deal.valueAmount} ${deal.valueCurrency ?? ''}` : null],
        ['Summary', deal.summary],
      ]
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join('')}</tbody></table>${
        parties.length
          ? `<h3>Parties</h3><table><thead><tr><th>Actor</th><th>Kind</th><th>Country</th><th>Role</th></tr></thead><tbody>${parties
              .map(
                (p) =>
                  `<tr><td>${esc(p.actor.name)}</td><td>${esc(p.actor.kind)}</td><td>${esc(p.actor.country)}</td><td>${esc(p.role)}</td></tr>`,
              )
              .join('')}</tbody></table>`
          : ''
      }</section>`,
    );
  }

  const contradictions: string[] = [];
  const summaryRows: string[] = [];
  const articles = input.claims.map((claim, index) => {
    const n = index + 1;
    const verdict = corroborationOf(c, claim.id, titleOf);
    const evidence = evidenceOfClaim(c, claim.id);
    const latest = assessmentsOf(c, claim.id)[0] ?? null;
    const sourceName = (e: (typeof evidence)[number]) =>
      titleOf({ id: e.sourceId, title: e.sourceTitle, confidential: e.sourceConfidential });
    const warnings = [
      verdict.warnings.fragile ? '<span class="warn">fragile</span>' : '',
      verdict.warnings.overconfident ? '<span class="warn">overconfident</span>' : '',
    ].join('');
    const words = latest ? likelihoodLabels[latest.likelihood] : null;
    const assessment = latest
      ? `<p><strong>${esc(words?.words)}</strong> (${esc(words?.range)}), ${esc(latest.confidence)} confidence — ${esc(latest.rationale)} <span class="small">(${esc(latest.author)}, ${esc(latest.createdAt.slice(0, 10))})</span></p>`
      : '<p>No assessment yet.</p>';
    const open = claim.status === 'debunked' ? [] : evidence.filter((e) => e.stance === 'contradicts');
    for (const e of open) {
      contradictions.push(
        `<li><a href="#claim-${esc(claim.id)}">Claim ${n}</a>: ${esc(sourceName(e))} (${esc(grade(e.sourceReliability, e.credibility))}) — “${esc(e.excerpt)}”</li>`,
      );
    }
    summaryRows.push(
      `<tr><td><a href="#claim-${esc(claim.id)}">${n}</a></td><td>${esc(claim.statement)}</td><td>${esc(claimStatusLabels[claim.status])}</td><td>${esc(verdictLabels[verdict.verdict])}</td><td>${esc(words ? `${words.words}, ${latest?.confidence} confidence` : '—')}</td></tr>`,
    );
    return `<article class="claim" id="claim-${esc(claim.id)}"><h2>${n}. ${esc(claim.statement)}</h2>
<p>Status: ${esc(claimStatusLabels[claim.status])}${claim.deletedAt ? ' (removed)' : ''} · Verdict: <span class="verdict">${esc(verdictLabels[verdict.verdict])}</span>${warnings}</p>
<ul>${verdict.explanation.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<h3>Lines of evidence</h3>${linesTable(verdict)}
<h3>Evidence</h3>${
      evidence.length
        ? `<table><thead><tr><th>Stance</th><th>Source</th><th>Grade</th><th>Excerpt</th><th>Locator</th><th>Note</th></tr></thead><tbody>${evidence
            .map(
              (e) =>
                `<tr><td>${esc(e.stance)}</td><td>${esc(sourceName(e))}</td><td title="${esc(`${reliabilityLabels[e.sourceReliability]}; ${credibilityLabels[e.credibility] ?? ''}`)}">${esc(grade(e.sourceReliability, e.credibility))}</td><td><blockquote>${esc(e.excerpt)}</blockquote></td><td>${esc(e.locator)}</td><td>${esc(e.note)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p>No evidence recorded.</p>'
    }
<h3>Latest assessment</h3>${assessment}
<h3>Open contradictions</h3>${
      open.length
        ? `<ul>${open.map((e) => `<li>${esc(sourceName(e))} (${esc(grade(e.sourceReliability, e.credibility))}): “${esc(e.excerpt)}”</li>`).join('')}</ul>`
        : '<p>None recorded.</p>'
    }
</article>`;
  });

  parts.push(
    `<section><h2>Summary</h2><table><thead><tr><th>#</th><th>Claim</th><th>Status</th><th>Verdict</th><th>Latest assessment</th></tr></thead><tbody>${summaryRows.join('')}</tbody></table></section>`,
  );
  parts.push(...articles);
  parts.push(
    `<section><h2>Open contradictions</h2>${contradictions.length ? `<ul>${contradictions.join('')}</ul>` : '<p>None of these claims has contradicting evidence that is still open.</p>'}</section>`,
  );
  parts.push(
    `<footer><h2>Audit checkpoint</h2><p>Made from the case as of audit event <strong>${esc(head.seq)}</strong>, head hash <code>${esc(head.hash)}</code>. Anyone holding the case file can check that its audit log still verifies up to this event with this hash.</p>${
      redacted.size
        ? `<p class="small">${esc(redacted.size)} confidential source(s) are named by pseudonyms; their identifying details are withheld.</p>`
        : ''
    }<p class="small">Grades: source reliability A–F (Admiralty) with information credibility 1–6, e.g. B2. Likelihood in ICD 203 words.</p></footer>`,
  );
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
  return { html, redactedSources: redacted.size, checkpoint: { seq: head.seq, headHash: head.hash } };
}
