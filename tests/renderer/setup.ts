// Set-up of every renderer test: jest-dom's matchers, and patience for a busy machine. findBy… and
// waitFor give up after one second by default; on a shared machine with both cores busy a render
// can take longer than that, so they wait up to 20 s (a right test still passes as soon as the page
// shows what it waits for), and a test as a whole may take a minute.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 20_000 });
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
