import { z } from 'zod';

export const AuditList = z
  .object({
    entity: z.string().max(50).optional(),
    entityId: z.string().max(100).optional(),
    action: z.string().max(20).optional(),
    /** A claim's whole trail: the claim, all its evidence (removed included) and its assessments. */
    claimId: z.uuid({ message: 'must be a record id (UUID)' }).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().regex(/^\d+$/, { message: 'is not one this app returned' }).optional(),
  })
  .strict()
  .default({ limit: 100 });

export interface AuditHead {
  seq: number;
  hash: string;
}
