// Preserved copies of files, kept inside the case file for a source: the schemas of their calls
// and the shapes they return.
import { z } from 'zod';
import { Id } from './inputs';

/**
 * The most bytes one contract call carries (base64 in the request or the answer). Larger files
 * are added by the app's file dialog, which streams them from disk (core: addAttachmentFromFile),
 * and read back in ranges.
 */
export const ATTACHMENT_INLINE_MAX = 32 * 1024 * 1024;
const BASE64_MAX = Math.ceil(ATTACHMENT_INLINE_MAX / 3) * 4;

const CONTROL = /\p{Cc}/u;

/** The name the file had, as the investigator chose it — a name, never a path. */
export const FileName = z
  .string({ message: 'is required' })
  .trim()
  .min(1, { message: 'is required' })
  .max(255, { message: 'must be at most 255 characters' })
  .refine((v) => v.isWellFormed() && !CONTROL.test(v), {
    message: 'contains characters a file name cannot have',
  })
  .refine((v) => !/[/\\]/.test(v) && v !== '.' && v !== '..', { message: 'must be a file name, not a path' });

/** A media type like application/pdf; unknown or empty becomes application/octet-stream. */
export const MediaType = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, { message: 'must be at most 255 characters' })
  .refine((v) => v === '' || /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/.test(v), {
    message: 'must be a media type like application/pdf',
  })
  .refine((v) => !CONTROL.test(v), { message: 'must be a media type like application/pdf' })
  .optional()
  .transform((v) => v || 'application/octet-stream');

const metaFields = { sourceId: Id, fileName: FileName, mediaType: MediaType };

/** What is recorded about a file besides its bytes (used by the streaming path of the core). */
export const AttachmentMeta = z.object(metaFields).strict();
export type AttachmentMeta = z.input<typeof AttachmentMeta>;

export const AttachmentAdd = z
  .object({
    ...metaFields,
    bytesBase64: z
      .string({ message: 'is required' })
      .max(BASE64_MAX, {
        message: `is larger than ${ATTACHMENT_INLINE_MAX / 1024 / 1024} MB; add larger files from the file dialog`,
      })
      .refine((v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), { message: 'must be base64' }),
  })
  .strict();
export type AttachmentAdd = z.input<typeof AttachmentAdd>;

export const AttachmentList = z.object({ sourceId: Id }).strict();

/** Bytes of an attachment: all of it (up to the inline maximum), or the range asked for. */
export const AttachmentGet = z
  .object({
    id: Id,
    offset: z.number().int().min(0).default(0),
    length: z
      .number()
      .int()
      .min(1)
      .max(ATTACHMENT_INLINE_MAX, { message: `must be at most ${ATTACHMENT_INLINE_MAX} bytes per call` })
      .optional(),
  })
  .strict();

/** One attachment by id, or every attachment of the case when no id is given. */
export const AttachmentVerify = z.object({ id: Id.optional() }).strict().default({});

export interface Attachment {
  id: string;
  sourceId: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** sha256 of the bytes as received, hex. */
  sha256: string;
  addedBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface AttachmentAdded {
  attachment: Attachment;
  /** The same bytes were already in the case (for this or another source): stored once, linked again. */
  deduplicated: boolean;
}

export interface AttachmentContent {
  attachment: Attachment;
  offset: number;
  /** Bytes in this answer. */
  length: number;
  bytesBase64: string;
  /** This answer reaches the end of the file. */
  complete: boolean;
}

export interface AttachmentProblem {
  attachmentId: string;
  sourceId: string;
  fileName: string;
  /** The fingerprint recorded when the file was added. */
  expectedSha256: string;
  /** What the stored bytes hash to now (null when bytes are missing and nothing could be hashed). */
  actualSha256: string | null;
  /** Plain words, naming the file. */
  message: string;
}

export interface AttachmentVerification {
  ok: boolean;
  /** Attachments checked. */
  checked: number;
  /** Bytes re-hashed (shared bytes are hashed once). */
  bytes: number;
  problems: AttachmentProblem[];
}
