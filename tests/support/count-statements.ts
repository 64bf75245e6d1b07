// Counts the SQL statements a call runs on a case file: every get/all/run/iterate of a prepared
// statement. Swaps the connection for a counting proxy, so caches keyed by the connection start
// empty and every statement is seen.
import type Database from 'better-sqlite3';
import type { CaseFile } from '../../electron/core/db';

const runs = new Set(['get', 'all', 'run', 'iterate']);

export function countStatements(file: CaseFile): {
  readonly count: number;
  readonly sql: string[];
  reset(): void;
} {
  const real = file.db;
  const seen: string[] = [];
  const wrap = (statement: Database.Statement): Database.Statement =>
    new Proxy(statement, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (runs.has(String(key)))
          return (...args: unknown[]) => {
            seen.push(target.source);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        // pluck(), raw(), expand() return the statement itself: keep counting through them.
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? receiver : out;
        };
      },
    });
  const db = new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (key === 'pragma' || key === 'exec')
        return (...args: unknown[]) => {
          seen.push(String(args[0]));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  Object.defineProperty(file, 'db', { value: db, configurable: true });
  (file as unknown as { statements: Map<string, unknown> }).statements.clear();
  return {
    get count() {
      return seen.length;
    },
    sql: seen,
    reset: () => {
      seen.length = 0;
    },
  };
}
