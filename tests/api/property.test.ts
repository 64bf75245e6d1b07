// Whatever reaches `call` — from a compromised renderer, a buggy script, a fuzzer — the answer
// is a Result, never an exception; an unexpected failure (`internal`) is a bug; and a refusal
// leaves the case exactly as it was.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { contract, type Method, methods } from '../../electron/api/contract';
import { errorCodes, type Result } from '../../electron/schema/result';
import { type Seed, seed, valid } from '../support/contract-inputs';
import { cleanUpAfterEach, newApi, snapshot } from '../support/temp-case';

cleanUpAfterEach();

const RUNS = 40;

// ---- Hostile values ----

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '\u202e',
  'invoice\u202efdp.exe',
  '\ufeff',
  '\u200b\u200d',
  'e\u0301',
  '🏳️‍🌈',
  '𝕏',
  'Сергек',
  "'; DROP TABLE claims; --",
  '" OR 1=1 --',
  'NEAR(a b) AND c*',
  '"',
  '\\',
  '../../etc/passwd',
  'javascript:alert(1)',
  '%s%n%x',
  '__proto__',
  'constructor',
  'prototype',
  '2019-02-30',
  '2019-13',
  'NaN',
  '1e309',
  'cursor',
  'W10',
  '0190a000-0000-7000-8000-000000000000',
);
const huge = fc.constantFrom(
  'x'.repeat(1_000_001),
  'é'.repeat(250_000),
  '\ud800'.repeat(20_000),
  'a '.repeat(100_000),
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: huge },
);

/** The top-level keys a method's schema knows (through its default wrapper, if any). */
function schemaKeys(method: Method): string[] {
  const def = (contract[method] as { def?: { innerType?: { def?: { shape?: object } }; shape?: object } })
    .def;
  return Object.keys(def?.shape ?? def?.innerType?.def?.shape ?? {});
}

// Keys the schemas know, so generated objects get past the first check and probe the deeper ones.
const knownKeys = [
  ...new Set([
    ...methods.flatMap(schemaKeys),
    ...[
      'field',
      'direction',
      'actorId',
      'role',
      'x',
      'y',
      'technologies',
      'verdict',
      'countries',
      'yearFrom',
    ],
  ]),
];
const prototypeNames = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf');
const keyFrom = (names: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: prototypeNames },
    { weight: 1, arbitrary: fc.string() },
  );
const key = keyFrom(knownKeys);

const DELETE = Symbol('delete');

/**
 * Inputs for one method: a valid input with a few fields replaced, removed or added (so the core's
 * own checks — references, cycles, conflicts — are reached, not only the schema's), objects made
 * of the method's own keys, anything at all, and the special cases below.
 */
function hostile(method: Method, s: Seed) {
  const seedIds = Object.values(s);
  const scalar = fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 2, arbitrary: fc.constantFrom(...seedIds) },
    { weight: 2, arbitrary: fc.integer() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0,
        -1,
        1,
        6,
        7,
        2019,
        1e7,
        1e308,
        -0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.MAX_SAFE_INTEGER + 2,
      ),
    },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.bigInt() },
    { weight: 1, arbitrary: fc.constantFrom(...awkwardObjects()) },
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    ),
  }));
  const base = valid[method](s) as Record<string, unknown>;
  const own = [...new Set([...schemaKeys(method), ...Object.keys(base)])];
  const edit = fc.tuple(
    own.length ? keyFrom(own) : key,
    fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant<typeof DELETE>(DELETE) }),
  );
  const mutated = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    // defineProperty, so a "__proto__" edit becomes an own key as JSON.parse would make it.
    const input: Record<string, unknown> = { ...base };
    for (const [k, v] of edits) {
      if (v === DELETE) delete input[k];
      else
        Object.defineProperty(input, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return input;
  });
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 3, arbitrary: fc.dictionary(own.length ? keyFrom(own) : key, value, { maxKeys: 8 }) },
    { weight: 1, arbitrary: fc.dictionary(key, value, { maxKeys: 8 }) },
    { weight: 1, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom(...specials()) },
  );
}

/** Objects that break naive code: no prototype, a `length` that cannot be compared, and the like. */
function awkwardObjects(): unknown[] {
  return [
    JSON.parse('{"length": {"valueOf": 1, "toString": 1}}'),
    JSON.parse('{"valueOf": 1, "toString": 1}'),
    { length: Object.create(null) },
    { length: 3, 0: 'a', 1: 'b', 2: 'c' },
    Object.create(null),
    JSON.parse('{"__proto__": null}'),
  ];
}

/** Inputs no generator stumbles on by chance. */
function specials(): unknown[] {
  let deepObject: unknown = { statement: 'bottom' };
  let deepArray: unknown = ['bottom'];
  for (let i = 0; i < 10_000; i++) {
    deepObject = { filters: deepObject, statement: 'x', title: 'x' };
    deepArray = [deepArray];
  }
  const nullProto = Object.assign(Object.create(null) as object, { statement: 'no prototype', title: 'x' });
  return [
    deepObject,
    deepArray,
    { tags: deepArray, aliases: deepArray, parties: deepArray, positions: deepArray },
    JSON.parse(
      '{"__proto__": {"polluted": true}, "statement": "x", "title": "x", "id": "0190a000-0000-7000-8000-000000000000"}',
    ),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}, "query": "x"}'),
    JSON.parse('{"filters": {"__proto__": {"polluted": true}}}'),
    nullProto,
    { tags: Array.from({ length: 100_000 }, () => 'tag') },
    {
      positions: Array.from({ length: 20_000 }, () => ({
        id: '0190a000-0000-7000-8000-000000000000',
        x: 0,
        y: 0,
      })),
    },
    { query: 'a'.repeat(200), limit: 500 },
    new Date(),
    new Map([['statement', 'x']]),
    Symbol('call'),
    () => 'function',
    Buffer.from('{"statement":"x"}'),
  ];
}

// ---- What every answer must look like ----

function expectResult(r: unknown, method: string): asserts r is Result<unknown> {
  expect(r, method).toBeTypeOf('object');
  const result = r as Record<string, unknown>;
  if (result.ok === true) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
  } else {
    expect(result.ok).toBe(false);
    expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
    const error = result.error as Record<string, unknown>;
    expect(errorCodes).toContain(error.code);
    expect(error.message).toBeTypeOf('string');
    expect((error.message as string).length).toBeGreaterThan(0);
    // A refusal repeats at most a bounded part of what it was sent.
    expect((error.message as string).length).toBeLessThan(5_000);
    if (error.fields !== undefined) {
      for (const [field, why] of Object.entries(error.fields as object)) {
        expect(field.length).toBeLessThan(5_000);
        expect(why).toBeTypeOf('string');
      }
    }
  }
  // Every transport carries the answer as JSON.
  expect(() => JSON.stringify(r)).not.toThrow();
}

/**
 * What a hostile input could write outside the case: a contract method that took a path would land
 * files in the folder the process runs in (a fuzzed export once wrote `z/` and a U+202E folder
 * into the repository). Every entry of that folder, by name and mtime, before and after.
 */
const around = () =>
  readdirSync(process.cwd(), { withFileTypes: true })
    .map((entry) => `${entry.name}:${statSync(join(process.cwd(), entry.name)).mtimeMs}`)
    .sort();

describe('hostile input to every method', () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);

  it.each(methods)(
    '%s answers a Result, never internal, and a refusal changes nothing',
    async (method) => {
      const api = newApi();
      const s = await seed(api);
      const folder = around();
      await fc.assert(
        fc.asyncProperty(hostile(method, s), async (input) => {
          const before = snapshot(api);
          const result = await api.call(method, input);
          expectResult(result, method);
          if (!result.ok) {
            expect(result.error.code, result.error.message).not.toBe('internal');
            expect(snapshot(api)).toEqual(before);
          }
        }),
        { numRuns: RUNS },
      );
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(around()).toEqual(folder);
      // Well under a second each when the machine is idle; headroom for a shared, loaded one.
    },
    30_000,
  );

  it('hostile method names answer a Result and change nothing', async () => {
    const api = newApi();
    await seed(api);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(text, fc.constantFrom(...methods.map((m) => `${m} `), 'deals.__proto__')),
        async (method) => {
          fc.pre(!(methods as string[]).includes(method));
          const before = snapshot(api);
          const result = await api.call(method, {});
          expectResult(result, method);
          expect(result.ok).toBe(false);
          expect(snapshot(api)).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('objects whose getters or traps throw are answered, not thrown', async () => {
    const api = newApi();
    const before = snapshot(api);
    const trap = () => {
      throw new Error('trap');
    };
    const inputs: unknown[] = [
      Object.defineProperty({}, 'statement', { enumerable: true, get: trap }),
      new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap }),
      new Proxy([], { get: trap }),
    ];
    for (const method of methods) {
      for (const input of inputs) {
        const result = await api.call(method, input);
        expectResult(result, method);
        expect(result.ok).toBe(false);
      }
    }
    expect(snapshot(api)).toEqual(before);
  });
});
