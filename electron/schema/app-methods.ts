// Methods only the desktop app answers: each opens a main-process file dialog, so the path is always
// the user's choice there and never comes from the renderer. They travel over the same
// `window.corroborate.call` as the contract; the loopback host refuses them as unknown methods, and
// the renderer learns which exist by calling `app.capabilities` (ok:false means "not in the app":
// use the browser flows instead).
import { z } from 'zod';
import type { AttachmentAdded } from './attachments';
import { type ExportResult, exportFormats, type ReportResult } from './exchange';
import { Id, limits } from './inputs';

export const APP_METHODS = [
  'app.capabilities',
  'app.attachFile',
  'app.saveAttachment',
  'app.exportCase',
  'app.saveReport',
] as const;
export type AppMethod = (typeof APP_METHODS)[number];

export function isAppMethod(method: unknown): method is AppMethod {
  return typeof method === 'string' && (APP_METHODS as readonly string[]).includes(method);
}

export const reportFileFormats = ['html', 'pdf'] as const;
export type ReportFileFormat = (typeof reportFileFormats)[number];

export const appInputs = {
  'app.capabilities': z.object({}).strict().default({}),
  /** Chooses a file in an open dialog and preserves it as an attachment of the source. */
  'app.attachFile': z.object({ sourceId: Id }).strict(),
  /** Writes an attachment's bytes, exactly as received, to a file chosen in a save dialog. */
  'app.saveAttachment': z.object({ id: Id }).strict(),
  /** `exchange.export` to a chosen file; case JSON may also copy attachment bytes to a chosen folder. */
  'app.exportCase': z
    .object({
      format: z.enum(exportFormats),
      includeConfidential: z.boolean().default(false),
      withAttachments: z.boolean().default(false),
    })
    .strict()
    .refine((v) => !v.withAttachments || v.format === 'case-json', {
      message: 'is only for the case JSON export',
      path: ['withAttachments'],
    }),
  /**
   * `exchange.report` to a chosen file, as HTML or PDF. The file name the user types decides
   * (`.pdf` / `.html`); `format` only sets what the dialog proposes.
   */
  'app.saveReport': z
    .object({
      dealId: Id.optional(),
      claimIds: z.array(Id).min(1).max(10_000).optional(),
      title: z.string().trim().max(limits.title).optional(),
      includeConfidential: z.boolean().default(false),
      format: z.enum(reportFileFormats).default('html'),
    })
    .strict()
    .refine((v) => (v.dealId === undefined) !== (v.claimIds === undefined), {
      message: 'choose either a deal or a set of claims',
      path: ['dealId'],
    }),
} as const satisfies Record<AppMethod, z.ZodType>;

export type AppInput<M extends AppMethod> = z.input<(typeof appInputs)[M]>;
/** The input after parsing (defaults filled in), as the app's handlers receive it. */
export type AppParsedInput<M extends AppMethod> = z.output<(typeof appInputs)[M]>;

export interface SavedAttachment {
  fileName: string;
  /** Where the user chose to save it. */
  path: string;
  bytes: number;
  /** sha256 of what was written: equal to the attachment's recorded fingerprint, or nothing was written. */
  sha256: string;
}

/** `exchange.report`'s answer; `path` is the file written and `savedAs` what it holds. */
export interface SavedReport extends ReportResult {
  savedAs: ReportFileFormat;
}

/** Every value is `null` when the user cancelled a dialog: nothing was written or recorded. */
export interface AppOutputs {
  'app.capabilities': AppMethod[];
  'app.attachFile': AttachmentAdded | null;
  'app.saveAttachment': SavedAttachment | null;
  'app.exportCase': ExportResult | null;
  'app.saveReport': SavedReport | null;
}
