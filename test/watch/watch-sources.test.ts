/** Source watching on the OS's native file events; see `source-watching.cases.ts`. */
import { defineSourceWatchingTests } from './source-watching.cases';

defineSourceWatchingTests('native');
