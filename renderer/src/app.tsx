import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { UndoProvider } from './components/undo-toast';
import { LockGate } from './lock/lock-gate';
import { NavigationProvider } from './navigation';
import { createQueryClient } from './query-client';
import { Shell } from './shell/shell';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LockGate>
        <NavigationProvider>
          <UndoProvider>
            <Shell />
          </UndoProvider>
        </NavigationProvider>
      </LockGate>
    </QueryClientProvider>
  );
}
