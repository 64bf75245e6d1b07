// Attachment bytes: every preserved file re-hashed and compared with the fingerprint recorded when
// it was added (the largest share of a run on a case with documents, so progress goes by bytes).

import { verifyAttachments } from '../attachments';
import { formatCount, plural } from '../words';
import type { IntegrityStepDefinition } from './step';

export const attachmentsStep: IntegrityStepDefinition = {
  name: 'attachments',
  weight: 0.4,
  async run(ctx) {
    const result = await verifyAttachments(ctx.c, {}, (p) =>
      ctx.progress(
        `Checking attachments: ${formatCount(p.done)} of ${formatCount(p.total)}${p.fileName ? ` (${p.fileName})` : ''}`,
        p.bytesTotal > 0 ? p.bytesDone : p.done,
        p.bytesTotal > 0 ? p.bytesTotal : p.total,
      ),
    );
    return {
      ok: result.ok,
      summary:
        result.checked === 0
          ? 'The case holds no attachments.'
          : result.ok
            ? `Every attachment (${formatCount(result.checked)}) still matches the fingerprint recorded when it was added.`
            : `${formatCount(result.problems.length)} of ${plural(result.checked, 'attachment')} no longer match what was preserved.`,
      problems: result.problems.map((p) => p.message),
    };
  },
};
