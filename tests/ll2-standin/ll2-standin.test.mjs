// Entry point for `node --test tests/ll2-standin/`: Node's directory discovery only picks
// up *.test.mjs-style names, so this file loads the self-test.
import './selftest.mjs';
