// The pause-truth suite (tests/support/pause-truth-suite.ts) against the on-premise Recording API with the confirming read
// pipelined behind each command, on a server whose status shows blackouts (so the pipelined read is what confirms a pause).
import { BACKENDS } from '../../support/backends-under-test';
import { pauseTruthSuite } from '../../support/pause-truth-suite';

pauseTruthSuite(BACKENDS[2], true);
