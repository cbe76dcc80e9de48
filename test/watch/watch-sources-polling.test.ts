/**
 * Source watching with the polling fallback (what live sync does on a machine out of inotify
 * watches, or with MIXSCOPE_WATCH=poll); see `source-watching.cases.ts`.
 */
import { POLL_ENV } from '../../src/core/watch/tree-watcher';
import { defineSourceWatchingTests } from './source-watching.cases';

// Read when the watchers start, in beforeAll; each test file runs in its own process.
process.env[POLL_ENV] = 'poll';

defineSourceWatchingTests('polling');
