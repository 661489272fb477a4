// X's answers to its post mutations, built by tests/extension/x_api.py (the builders the
// browser tests answer with), so one description of X's JSON shapes serves every test.
import { execFileSync } from 'node:child_process';
import { ROOT } from './load.mjs';

/** X's answers from tests/extension/x_api.py: one description of X's shapes for every test. */
export const X = JSON.parse(execFileSync('python3', ['-c', `
import json
from tests.extension.x_api import REFUSALS, created_tweet, odd_answer, scheduled_tweet
print(json.dumps({
    "created": created_tweet("1890000000000000001", "Hello #LT13"),
    "reply": created_tweet("1890000000000000002", "Agreed", reply_to="1296887091901718529"),
    "serverError": created_tweet("9", "a 500 is never a post"),
    "scheduled": scheduled_tweet("1890000000000000077"),
    "empty": odd_answer("empty", created_tweet("1", "x")),
    "visibility": odd_answer("visibility", created_tweet("1890000000000000003", "seen")),
    "refusals": REFUSALS,
    "thread": [created_tweet("1890000000000000011", "One #LT13"), created_tweet("1890000000000000012", "Two", reply_to="1890000000000000011")],
}))`], { cwd: ROOT, encoding: 'utf8' }));

