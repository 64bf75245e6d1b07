// Reads a case file's write-ahead log (the `-wal` beside it) the way SQLite's recovery does, to
// tell a WAL that merely ends early (a crash in the middle of an unacknowledged write, which SQLite
// rightly ignores) from a WAL that was damaged after commits were written to it. SQLite treats both
// the same way: it silently drops the first bad frame and everything after it, so acknowledged work
// would vanish without a word. We refuse to open instead, before anything can checkpoint or reset it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
/** Frames read per system call: the WAL is streamed, never held whole (it can be large after an import). */
const FRAMES_PER_READ = 256;

export interface WalDamage {
  /** 1-based frame number of the first frame SQLite would reject; 0 when the WAL header itself is bad. */
  frame: number;
  /** Frames of the WAL in total. */
  frames: number;
  /** Committed transactions that lie after the damage and would be lost. */
  lostCommits: number;
  detail: string;
}

type Pair = [number, number];

/** SQLite's WAL checksum (wal.c walChecksumBytes): two 32-bit running sums over 32-bit word pairs. */
function checksum(bytes: Buffer, start: number, end: number, seed: Pair, bigEndian: boolean): Pair {
  let s1 = seed[0];
  let s2 = seed[1];
  for (let i = start; i < end; i += 8) {
    const a = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const b = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
    s1 = (s1 + a + s2) >>> 0;
    s2 = (s2 + b + s1) >>> 0;
  }
  return [s1, s2];
}

const validPageSize = (n: number) => n >= 512 && n <= 65536 && (n & (n - 1)) === 0;
const same = (a: Pair, b: Pair) => a[0] === b[0] && a[1] === b[1];

interface Frame {
  index: number;
  pgno: number;
  commit: number;
  salt: Pair;
  stored: Pair;
  /** The page image the frame carries (valid until the next frame is read). */
  page(): Buffer;
  /** Checksum of this frame (header fields and page) seeded with `seed`. */
  sumFrom(seed: Pair): Pair;
}

/** Calls `visit` for each whole frame in order; `visit` returns false to stop. */
function eachFrame(
  fd: number,
  size: number,
  pageSize: number,
  bigEndian: boolean,
  visit: (f: Frame) => boolean,
): number {
  const frameSize = FRAME_HEADER + pageSize;
  const count = Math.floor((size - WAL_HEADER) / frameSize);
  const chunk = Buffer.alloc(frameSize * FRAMES_PER_READ);
  for (let first = 0; first < count; first += FRAMES_PER_READ) {
    const n = Math.min(FRAMES_PER_READ, count - first);
    readSync(fd, chunk, 0, n * frameSize, WAL_HEADER + first * frameSize);
    for (let i = 0; i < n; i++) {
      const at = i * frameSize;
      const frame: Frame = {
        index: first + i,
        pgno: chunk.readUInt32BE(at),
        commit: chunk.readUInt32BE(at + 4),
        salt: [chunk.readUInt32BE(at + 8), chunk.readUInt32BE(at + 12)],
        stored: [chunk.readUInt32BE(at + 16), chunk.readUInt32BE(at + 20)],
        page: () => chunk.subarray(at + FRAME_HEADER, at + frameSize),
        sumFrom: (seed) =>
          checksum(
            chunk,
            at + FRAME_HEADER,
            at + frameSize,
            checksum(chunk, at, at + 8, seed, bigEndian),
            bigEndian,
          ),
      };
      if (!visit(frame)) return count;
    }
  }
  return count;
}

/**
 * A frame written as the end of a commit and still intact on its own: its checksum holds when
 * seeded with the checksum its predecessor carries (or the one the predecessor should carry).
 */
function intactCommit(f: Frame, seeds: Pair[]): boolean {
  return f.commit !== 0 && f.pgno !== 0 && seeds.some((seed) => same(f.sumFrom(seed), f.stored));
}

/**
 * Returns what is wrong with the WAL at `walPath`, or null when it is absent, empty or merely ends
 * early. `dbPageSize` is used to walk the frames when the WAL's own header is unreadable.
 */
export function checkWal(walPath: string, dbPageSize: number): WalDamage | null {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER) return null;
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const magic = header.readUInt32BE(0);
    const bigEndian = magic === MAGIC_BE;
    const pageSize = header.readUInt32BE(8);
    const headerSum: Pair = [header.readUInt32BE(24), header.readUInt32BE(28)];
    const headerOk =
      (magic === MAGIC_LE || magic === MAGIC_BE) &&
      header.readUInt32BE(4) === WAL_VERSION &&
      validPageSize(pageSize) &&
      same(checksum(header, 0, 24, [0, 0], bigEndian), headerSum);
    if (!headerOk) return damagedHeader(fd, size, header, validPageSize(pageSize) ? pageSize : dbPageSize);

    const salt: Pair = [header.readUInt32BE(16), header.readUInt32BE(20)];
    let running = headerSum;
    let lastCommit = 0;
    let bad: { index: number; computed: Pair } | null = null;
    let previousStored = headerSum;
    let lost = 0;
    const frames = eachFrame(fd, size, pageSize, bigEndian, (f) => {
      if (bad === null) {
        const computed = f.sumFrom(running);
        if (f.pgno !== 0 && same(f.salt, salt) && same(computed, f.stored)) {
          running = computed;
          if (f.commit !== 0) lastCommit = f.index + 1;
        } else {
          // Where SQLite's recovery stops. Work is lost only if a commit of this same WAL
          // generation (same salt) was written after it: such a frame can only exist if this one
          // was intact when it was written, as a generation's frames are appended, never rewritten.
          bad = { index: f.index, computed };
        }
      } else if (same(f.salt, salt)) {
        const seeds = f.index === bad.index + 1 ? [previousStored, bad.computed] : [previousStored];
        if (intactCommit(f, seeds)) lost++;
      }
      previousStored = f.stored;
      return true;
    });
    const stoppedAt = bad as { index: number } | null;
    if (stoppedAt && lost > 0) {
      return {
        frame: stoppedAt.index + 1,
        frames,
        lostCommits: lost,
        detail: `frame ${stoppedAt.index + 1} of ${frames} in its write-ahead log is damaged, so ${lost} saved change(s) after it cannot be read`,
      };
    }
    // The last commit has nothing after it to vouch for it; the WAL index (-shm) left by a crash
    // still knows how far the log was committed.
    const indexed = committedFramesInIndex(walPath.replace(/-wal$/, '-shm'), header.subarray(16, 24));
    if (indexed !== null && indexed > lastCommit) {
      return {
        frame: lastCommit + 1,
        frames,
        lostCommits: 1,
        detail: `its write-ahead log was committed up to frame ${indexed}, but only ${lastCommit} frame(s) can be read`,
      };
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** SQLite ignores a WAL whose header is bad. That loses work only if intact commits follow it. */
function damagedHeader(fd: number, size: number, header: Buffer, pageSize: number): WalDamage | null {
  if (!validPageSize(pageSize)) return null;
  const storedSum: Pair = [header.readUInt32BE(24), header.readUInt32BE(28)];
  // A damaged magic number hides the byte order the checksums were written in: try both. Even a
  // valid-looking one: a single flipped bit turns one valid magic into the other (…82 ↔ …83).
  const orders = [false, true];
  let lost = 0;
  let frames = 0;
  for (const bigEndian of orders) {
    let previous: Pair[] = [storedSum, checksum(header, 0, 24, [0, 0], bigEndian)];
    let found = 0;
    frames = eachFrame(fd, size, pageSize, bigEndian, (f) => {
      if (intactCommit(f, previous)) found++;
      previous = [f.stored];
      return true;
    });
    lost = Math.max(lost, found);
  }
  if (lost === 0) return null;
  return {
    frame: 0,
    frames,
    lostCommits: lost,
    detail: `the header of its write-ahead log is damaged, so ${lost} saved change(s) in it cannot be read`,
  };
}

/** What the WAL index header in a -shm file says, when it can be trusted. */
export interface WalIndexHeader {
  /** The last committed frame as the last writer saw it. */
  committedFrames: number;
  /** The salts of the WAL generation it indexes (8 bytes, as in the WAL header). */
  salt: Buffer;
}

/**
 * The WAL index header of the -shm file, trusted only when both copies agree and the checksum
 * holds; otherwise (or when there is no -shm) null. The -shm is written in the machine's byte order.
 */
export function readWalIndexHeader(shmPath: string): WalIndexHeader | null {
  let fd: number;
  try {
    fd = openSync(shmPath, 'r');
  } catch {
    return null;
  }
  try {
    const bytes = Buffer.alloc(96);
    if (readSync(fd, bytes, 0, 96, 0) < 96) return null;
    const first = bytes.subarray(0, 48);
    if (!first.equals(bytes.subarray(48, 96))) return null;
    const le = endianness() === 'LE';
    const u32 = (at: number) => (le ? first.readUInt32LE(at) : first.readUInt32BE(at));
    if (u32(0) !== WAL_VERSION || first[12] !== 1) return null;
    if (!same(checksum(first, 0, 40, [0, 0], !le), [u32(40), u32(44)])) return null;
    return { committedFrames: u32(16), salt: Buffer.from(first.subarray(32, 40)) };
  } finally {
    closeSync(fd);
  }
}

/** `mxFrame` of the -shm, when it indexes this WAL (same salts); otherwise null. */
function committedFramesInIndex(shmPath: string, walSalt: Buffer): number | null {
  const index = readWalIndexHeader(shmPath);
  return index?.salt.equals(walSalt) ? index.committedFrames : null;
}

export interface CommittedLog {
  /** The salts of the WAL header (8 bytes). */
  salt: Buffer;
  pageSize: number;
  /** Frames in the file, readable or not. */
  frames: number;
  /** Frames SQLite would apply: up to the last intact commit. */
  committedFrames: number;
}

/**
 * Walks the frames SQLite's recovery would apply (same header checks, salts and running
 * checksum), giving each frame's page image to `visit` and telling it where each commit ends.
 * Null when there is no WAL or no readable header: SQLite would then read nothing from it.
 */
export function readCommittedLog(
  walPath: string,
  visit: (frame: { pgno: number; page: Buffer; commit: boolean; dbPages: number }) => void,
): CommittedLog | null {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER) return null;
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const magic = header.readUInt32BE(0);
    const bigEndian = magic === MAGIC_BE;
    const pageSize = header.readUInt32BE(8);
    const headerSum: Pair = [header.readUInt32BE(24), header.readUInt32BE(28)];
    const headerOk =
      (magic === MAGIC_LE || magic === MAGIC_BE) &&
      header.readUInt32BE(4) === WAL_VERSION &&
      validPageSize(pageSize) &&
      same(checksum(header, 0, 24, [0, 0], bigEndian), headerSum);
    if (!headerOk) return null;
    const salt: Pair = [header.readUInt32BE(16), header.readUInt32BE(20)];
    let running = headerSum;
    let committedFrames = 0;
    const frames = eachFrame(fd, size, pageSize, bigEndian, (f) => {
      const computed = f.sumFrom(running);
      if (f.pgno === 0 || !same(f.salt, salt) || !same(computed, f.stored)) return false;
      running = computed;
      if (f.commit !== 0) committedFrames = f.index + 1;
      visit({ pgno: f.pgno, page: f.page(), commit: f.commit !== 0, dbPages: f.commit });
      return true;
    });
    return { salt: Buffer.from(header.subarray(16, 24)), pageSize, frames, committedFrames };
  } finally {
    closeSync(fd);
  }
}
