/**
 * Source watching with the polling fallback (what live sync does on a machine out of inotify
 * watches, or with MIXSCOPE_WATCH=poll); see `source-watching.cases.ts`.
 */
import { defineSourceWatchingTests } from './source-watching.cases';

defineSourceWatchingTests('polling');
