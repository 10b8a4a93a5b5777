// The pause-truth suite (tests/support/pause-truth-suite.ts) against CXone: mask/unmask, confirmed by get-recording-status.
import { BACKENDS } from '../../support/backends-under-test';
import { pauseTruthSuite } from '../../support/pause-truth-suite';

pauseTruthSuite(BACKENDS[1], true);
