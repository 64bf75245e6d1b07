// Which of the desktop app's file-dialog methods exist here. In Electron they all do; over the
// loopback host `app.capabilities` is refused, and every flow falls back to the browser's own
// (a file input to read, an <a download> to save).
import { useQuery } from '@tanstack/react-query';
import type { AppMethod } from '../../../electron/schema/app-methods';
import { callApp } from '../client';

async function capabilities(): Promise<AppMethod[]> {
  try {
    return await callApp('app.capabilities', {});
  } catch {
    return [];
  }
}

export interface AppCapabilities {
  /** Still asking: show the browser flow meanwhile (it works everywhere). */
  pending: boolean;
  has(method: AppMethod): boolean;
}

export function useAppCapabilities(): AppCapabilities {
  const query = useQuery({ queryKey: ['app.capabilities'], queryFn: capabilities, staleTime: Infinity });
  const methods = query.data ?? [];
  return { pending: query.isPending, has: (method) => methods.includes(method) };
}
