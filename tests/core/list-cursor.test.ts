import { createClaim, listClaims } from '../../electron/core/claims';
import { cleanUpAfterEach, coreError, newCase } from '../support/temp-case';

cleanUpAfterEach();

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('list cursors', () => {
  it('refuses a forged cursor whose sort key SQLite could not bind, as invalid input naming the cursor', () => {
    const c = newCase();
    createClaim(c, { statement: 'Oniks-Line delivered SORM equipment' });
    for (const key of [{ a: 1 }, true, [1]]) {
      const error = coreError(() => listClaims(c, { cursor: cursorOf([key, 'x']) }), 'invalid_input');
      expect(error.fields).toEqual({ cursor: 'is not one this app returned' });
    }
    expect(listClaims(c, { cursor: cursorOf(['', '0']) }).items).toHaveLength(1);
  });

  it('sorts by `updated` newest first unless a direction is given', () => {
    const c = newCase();
    const first = createClaim(c, { statement: 'First' });
    const second = createClaim(c, { statement: 'Second' });
    expect(listClaims(c, { sort: { field: 'updated' } }).items.map((x) => x.id)).toEqual([
      second.id,
      first.id,
    ]);
    expect(listClaims(c, { sort: { field: 'updated', direction: 'asc' } }).items.map((x) => x.id)).toEqual([
      first.id,
      second.id,
    ]);
  });
});
