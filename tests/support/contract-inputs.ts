// The contract's inputs shared by the api suites: a seeded case built through `call`, and one
// valid input per method (typed against the contract, so a new method without one fails to compile).
import type { Input, Method } from '../../electron/api/contract';
import type { ApiWithFile as Api } from '../../electron/api/create-api';

export interface Seed {
  dealId: string;
  vendorId: string;
  buyerId: string;
  sourceId: string;
  otherSourceId: string;
  claimId: string;
  evidenceId: string;
  attachmentId: string;
  /** An actor in the Trash (removed with a reason), for restore. */
  removedActorId: string;
}

export async function ok<T = unknown>(api: Api, method: string, input: unknown): Promise<T> {
  const result = await api.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A small case built through the contract itself. */
export async function seed(api: Api): Promise<Seed> {
  const id = async (method: string, input: unknown) => (await ok<{ id: string }>(api, method, input)).id;
  const dealId = await id('deals.create', {
    title: 'Safe City for Bishkek',
    technology: 'cctv',
    status: 'deployed',
    year: 2019,
  });
  const vendorId = await id('actors.create', { name: 'Huawei', kind: 'company', country: 'China' });
  const buyerId = await id('actors.create', {
    name: 'Bishkek city hall',
    kind: 'government',
    country: 'Kyrgyzstan',
  });
  await ok(api, 'deals.setParties', { dealId, parties: [{ actorId: vendorId, role: 'vendor' }] });
  const sourceId = await id('sources.create', {
    title: 'Court record',
    kind: 'court_record',
    reliability: 'A',
  });
  const otherSourceId = await id('sources.create', { title: 'Blog post', kind: 'article', reliability: 'D' });
  const claimId = await id('claims.create', { statement: 'Huawei installed the cameras', dealId });
  const evidenceId = await id('evidence.add', {
    claimId,
    sourceId,
    stance: 'supports',
    excerpt: 'the cameras were installed',
    credibility: 2,
    locator: 'p. 3',
  });
  await ok(api, 'assessments.add', {
    claimId,
    likelihood: 5,
    confidence: 'moderate',
    rationale: 'A court record.',
  });
  const added = await ok<{ attachment: { id: string } }>(api, 'attachments.add', {
    sourceId,
    fileName: 'ruling.pdf',
    mediaType: 'application/pdf',
    bytesBase64: Buffer.from('%PDF-1.4 the ruling').toString('base64'),
  });
  const attachmentId = added.attachment.id;
  const removedActorId = await id('actors.create', { name: 'Shell company', kind: 'company' });
  await ok(api, 'actors.remove', { id: removedActorId, reason: 'A duplicate' });
  return {
    dealId,
    vendorId,
    buyerId,
    sourceId,
    otherSourceId,
    claimId,
    evidenceId,
    attachmentId,
    removedActorId,
  };
}

// One valid call per method. Typed against the contract, so a method without an entry does not compile.
export const valid: { [M in Method]: (s: Seed) => Input<M> } = {
  'case.info': () => ({}),
  'case.setActor': () => ({ actor: 'Bakyt' }),
  'case.backups': () => ({}),
  'case.verifyIntegrity': () => ({}),
  'case.integrityProgress': () => ({}),
  'case.cancelIntegrity': () => ({}),
  'deals.list': () => ({
    filters: { technology: ['cctv'] },
    sort: { field: 'title', direction: 'asc' },
    limit: 10,
  }),
  'deals.get': (s) => ({ id: s.dealId }),
  'deals.create': () => ({ title: 'SORM upgrade', technology: 'lawful_intercept', status: 'rumoured' }),
  'deals.update': (s) => ({ id: s.dealId, status: 'signed' }),
  'deals.remove': (s) => ({ id: s.dealId, reason: 'duplicate' }),
  'deals.setParties': (s) => ({
    dealId: s.dealId,
    parties: [
      { actorId: s.vendorId, role: 'vendor' },
      { actorId: s.buyerId, role: 'buyer' },
    ],
  }),
  'actors.list': () => ({ filters: { kind: ['company'] } }),
  'actors.get': (s) => ({ id: s.vendorId }),
  'actors.create': () => ({ name: 'Oniks-Line', kind: 'company', aliases: ['Оникс-Лайн'] }),
  'actors.update': (s) => ({ id: s.vendorId, country: 'PRC' }),
  'actors.remove': (s) => ({ id: s.buyerId }),
  'sources.list': () => ({
    filters: { reliability: ['A'] },
    sort: { field: 'reliability', direction: 'desc' },
  }),
  'sources.get': (s) => ({ id: s.sourceId }),
  'sources.create': () => ({ title: 'Interview', kind: 'interview', reliability: 'F', confidential: true }),
  'sources.update': (s) => ({ id: s.otherSourceId, derivedFrom: s.sourceId }),
  'sources.remove': (s) => ({ id: s.otherSourceId }),
  'claims.list': (s) => ({ filters: { dealId: s.dealId, verdict: ['single_source'] }, query: 'cameras' }),
  'claims.get': (s) => ({ id: s.claimId }),
  'claims.create': () => ({ statement: 'Signatek supplied SORM', tags: ['sorm'] }),
  'claims.update': (s) => ({
    id: s.claimId,
    status: 'verified',
    confirmReason: 'The court record settles it',
  }),
  'claims.remove': (s) => ({ id: s.claimId }),
  'evidence.add': (s) => ({
    claimId: s.claimId,
    sourceId: s.otherSourceId,
    stance: 'contradicts',
    excerpt: 'no cameras',
    credibility: 4,
  }),
  'evidence.update': (s) => ({ id: s.evidenceId, credibility: 1 }),
  'evidence.remove': (s) => ({ id: s.evidenceId }),
  'assessments.add': (s) => ({
    claimId: s.claimId,
    likelihood: 6,
    confidence: 'high',
    rationale: 'Second look.',
  }),
  'search.query': () => ({ query: 'camer' }),
  'attachments.add': (s) => ({
    sourceId: s.otherSourceId,
    fileName: 'screenshot.png',
    mediaType: 'image/png',
    bytesBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
  }),
  'attachments.list': (s) => ({ sourceId: s.sourceId }),
  'attachments.get': (s) => ({ id: s.attachmentId }),
  'attachments.verify': () => ({}),
  'pictures.network': () => ({ filters: { technologies: ['cctv'] } }),
  'pictures.timeline': () => ({ limit: 100 }),
  'pictures.matrix': (s) => ({ dealId: s.dealId }),
  'pictures.savePositions': (s) => ({ positions: [{ id: s.dealId, x: 10, y: -20 }] }),
  'audit.list': (s) => ({ entityId: s.claimId, limit: 5 }),
  'audit.verify': () => ({}),
  'audit.checkpoint': () => ({}),
  'exchange.preview': () => ({ kind: 'bibtex', text: '@article{a, title = {Safe City}, year = 2019}' }),
  'exchange.import': () => ({ kind: 'bibtex', text: '@article{a, title = {Safe City}, year = 2019}' }),
  'exchange.progress': () => ({}),
  'exchange.export': () => ({ format: 'case-json' }),
  'exchange.report': (s) => ({ claimIds: [s.claimId] }),
  'exchange.claimReview': (s) => ({ claimIds: [s.claimId], publisher: { name: 'The desk' } }),
  // These need an encrypted case (ENCRYPTED_ONLY): the contract tests open one for them.
  'session.state': () => ({}),
  'session.lock': () => ({}),
  'session.unlock': () => ({ passphrase: CONTRACT_PASSPHRASE }),
  'case.changePassphrase': () => ({
    currentPassphrase: CONTRACT_PASSPHRASE,
    newPassphrase: 'a new passphrase, 2nd',
  }),
  'records.restore': (s) => ({ kind: 'actor', id: s.removedActorId }),
  'trash.list': () => ({ kind: 'actor' }),
  'undo.state': () => ({}),
  'undo.last': () => ({}),
  'undo.redo': () => ({}),
  'sources.bulkUpdate': (s) => ({ ids: [s.sourceId, s.otherSourceId], reliability: 'C' }),
  'claims.bulkUpdate': (s) => ({ ids: [s.claimId], addTags: ['bishkek'] }),
  'actors.merge': (s) => ({ survivorId: s.vendorId, mergedId: s.buyerId }),
};

/** The passphrase of the encrypted case that the methods of ENCRYPTED_ONLY are tried on. */
export const CONTRACT_PASSPHRASE = 'contract-test-passphrase-55';
/** Methods whose valid call succeeds only on an encrypted case (a plain one cannot be locked or re-keyed). */
export const ENCRYPTED_ONLY: Method[] = ['session.lock', 'session.unlock', 'case.changePassphrase'];
