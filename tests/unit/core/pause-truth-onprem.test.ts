// The pause-truth suite (tests/support/pause-truth-suite.ts) against the on-premise Recording API, on a server whose status never shows blackouts.
import { BACKENDS } from '../../support/backends-under-test';
import { pauseTruthSuite } from '../../support/pause-truth-suite';

pauseTruthSuite(BACKENDS[0], false);
