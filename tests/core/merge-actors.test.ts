// Merging duplicate actors: the duplicate's deals move to the survivor, its name becomes one of
// the survivor's other names, it goes to the Trash naming the survivor; one undo puts it all back.
import { createActor, getActor } from '../../electron/core/actors';
import { createDeal, listParties, setParties } from '../../electron/core/deals';
import { runIntegrity } from '../../electron/core/integrity/run-integrity';
import { mergeActors } from '../../electron/core/merge';
import { listTrash } from '../../electron/core/restore';
import { undoLast, undoState } from '../../electron/core/undo';
import { cleanUpAfterEach, coreError, expectInvalid, newCase, snapshot } from '../support/temp-case';

cleanUpAfterEach();

function duplicates() {
  const c = newCase();
  const huawei = createActor(c, { name: 'Huawei', kind: 'company', aliases: ['Huawei Technologies'] });
  const dup = createActor(c, { name: 'Хуавей', kind: 'company', aliases: ['HW'] });
  const tashkent = createDeal(c, { title: 'Safe City Tashkent', technology: 'cctv', status: 'deployed' });
  const bishkek = createDeal(c, { title: 'Safe City Bishkek', technology: 'cctv', status: 'signed' });
  setParties(c, { dealId: tashkent.id, parties: [{ actorId: dup.id, role: 'vendor' }] });
  setParties(c, {
    dealId: bishkek.id,
    parties: [
      { actorId: huawei.id, role: 'vendor' },
      { actorId: dup.id, role: 'vendor' },
    ],
  });
  return { c, huawei, dup, tashkent, bishkek };
}

describe('merging two actors', () => {
  it('moves the duplicate’s deals to the survivor, keeps its names, and trashes it naming the survivor', async () => {
    const { c, huawei, dup, tashkent, bishkek } = duplicates();
    expect(mergeActors(c, { survivorId: huawei.id, mergedId: dup.id })).toEqual({
      survivorId: huawei.id,
      mergedId: dup.id,
      moved: 1,
      dropped: 1,
    });
    expect(listParties(c, tashkent.id).map((p) => p.actorId)).toEqual([huawei.id]);
    expect(listParties(c, bishkek.id).map((p) => p.actorId)).toEqual([huawei.id]);
    expect(getActor(c, huawei.id).actor.aliases).toEqual(['Хуавей', 'HW', 'Huawei Technologies']);
    expect(listTrash(c, { kind: 'actor' }).items).toMatchObject([
      { id: dup.id, title: 'Хуавей', reason: 'Merged into Huawei' },
    ]);
    expect((await runIntegrity(c, {})).ok).toBe(true);
  });

  it('is undone in one step: the duplicate back, its deals back on it', () => {
    const { c, huawei, dup, tashkent, bishkek } = duplicates();
    mergeActors(c, { survivorId: huawei.id, mergedId: dup.id });
    expect(undoState(c).undo).toBe('Merged actor “Хуавей”');
    undoLast(c);
    expect(getActor(c, dup.id).actor.deletedAt).toBeNull();
    expect(listParties(c, tashkent.id).map((p) => p.actorId)).toEqual([dup.id]);
    expect(
      listParties(c, bishkek.id)
        .map((p) => p.actorId)
        .sort(),
    ).toEqual([huawei.id, dup.id].sort());
    expect(getActor(c, huawei.id).actor.aliases).toEqual(['Huawei Technologies']);
  });

  it('refuses an actor merged with itself or a removed one, naming the field, changing nothing', () => {
    const { c, huawei, dup } = duplicates();
    expectInvalid(c, () => mergeActors(c, { survivorId: huawei.id, mergedId: huawei.id }), 'mergedId');
    mergeActors(c, { survivorId: huawei.id, mergedId: dup.id });
    const before = snapshot(c);
    expect(
      Object.keys(
        coreError(() => mergeActors(c, { survivorId: huawei.id, mergedId: dup.id }), 'not_found').fields ??
          {},
      ),
    ).toEqual(['mergedId']);
    expect(snapshot(c)).toEqual(before);
  });
});
