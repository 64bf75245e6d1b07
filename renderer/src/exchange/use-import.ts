// The import's state: the file as read, the preview the case answered with, the user's choices,
// and the import itself. A preview is a dry run; the import applies exactly the plan that was shown
// (expectedPlanId), so anything that changed in between sends the user back to a fresh preview.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type {
  claimColumnFields,
  ImportKind,
  ImportPlan,
  ImportResult,
  Resolution,
  RunningExchange,
  sourceColumnFields,
} from '../../../electron/schema/exchange';
import { ApiCallError, client } from '../client';
import { usePolling } from '../hooks/use-polling';

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  bytesBase64: string;
  /** CSV: header → field (null: notes / left out), as the user mapped it. */
  columns?: Record<string, ColumnField | null>;
}

export type ColumnField = (typeof sourceColumnFields)[number] | (typeof claimColumnFields)[number];

function callInput(request: ImportRequest) {
  return {
    kind: request.kind,
    fileName: request.fileName,
    bytesBase64: request.bytesBase64,
    ...(request.columns ? { options: { columns: request.columns } } : {}),
  };
}

const pollExchange = (): Promise<RunningExchange | null> => client.exchange.progress();

/** Choices survive a new preview for the records that are still in conflict. */
function keptChoices(plan: ImportPlan, previous: Record<string, Resolution>): Record<string, Resolution> {
  const out: Record<string, Resolution> = {};
  for (const row of plan.rows) {
    const choice = row.id ? previous[row.id] : undefined;
    if (row.action === 'conflict' && row.id && choice) out[row.id] = choice;
  }
  return out;
}

export function conflictIds(plan: ImportPlan): string[] {
  return plan.rows.filter((r) => r.action === 'conflict' && r.id !== null).map((r) => r.id as string);
}

export interface ImportState {
  request: ImportRequest | null;
  plan: ImportPlan | null;
  running: 'preview' | 'import' | null;
  progress: RunningExchange | null;
  error: Error | null;
  /** Why the user is looking at a preview again (the plan changed, a conflict was left open). */
  notice: string | null;
  result: { value: ImportResult; request: ImportRequest } | null;
  resolutions: Record<string, Resolution>;
  preview(request: ImportRequest): Promise<void>;
  choose(id: string, choice: Resolution): void;
  chooseAll(choice: Resolution): void;
  apply(): Promise<void>;
  reset(): void;
}

export function useImport(): ImportState {
  const queryClient = useQueryClient();
  const [request, setRequest] = useState<ImportRequest | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [running, setRunning] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [result, setResult] = useState<ImportState['result']>(null);
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const progress = usePolling(running !== null, pollExchange);
  // Only the newest preview may fill the screen (a slow answer to an older question is dropped).
  const generation = useRef(0);

  const preview = useCallback(async (next: ImportRequest) => {
    const mine = ++generation.current;
    setRequest(next);
    setRunning('preview');
    setError(null);
    setResult(null);
    try {
      const answer = await client.exchange.preview(callInput(next));
      if (mine !== generation.current) return;
      setPlan(answer);
      setResolutions((previous) => keptChoices(answer, previous));
    } catch (e) {
      if (mine !== generation.current) return;
      setPlan(null);
      setError(e as Error);
    } finally {
      if (mine === generation.current) setRunning(null);
    }
  }, []);

  const apply = useCallback(async () => {
    if (!request || !plan) return;
    setRunning('import');
    setError(null);
    setNotice(null);
    try {
      const value = await client.exchange.import({
        ...callInput(request),
        expectedPlanId: plan.planId,
        resolutions,
        skipRejected: plan.totals.rejected > 0,
      });
      generation.current++;
      setResult({ value, request });
      setPlan(null);
      setRequest(null);
      setResolutions({});
      setRunning(null);
      // New records move every list, count, verdict and the audit trail.
      await queryClient.invalidateQueries();
    } catch (e) {
      setRunning(null);
      if (e instanceof ApiCallError && e.reason === 'plan_changed') {
        setNotice(
          'The case or the file changed since this preview, so nothing was imported. Here is a fresh preview: check it, then import again.',
        );
        await preview(request);
      } else if (e instanceof ApiCallError && e.reason === 'unresolved_conflicts') {
        setNotice(`${e.message} Choose “Keep mine” or “Take theirs” for each record below.`);
      } else {
        setError(e as Error);
      }
    }
  }, [request, plan, resolutions, preview, queryClient]);

  return {
    request,
    plan,
    running,
    progress,
    error,
    notice,
    result,
    resolutions,
    preview,
    choose: (id, choice) => setResolutions((r) => ({ ...r, [id]: choice })),
    chooseAll: (choice) => {
      if (plan) setResolutions(Object.fromEntries(conflictIds(plan).map((id) => [id, choice])));
    },
    apply,
    reset: () => {
      generation.current++;
      setRequest(null);
      setPlan(null);
      setError(null);
      setNotice(null);
      setResult(null);
      setResolutions({});
      setRunning(null);
    },
  };
}
