"""Checks: every rule that turns validated facts into findings (errors and warnings), one module
each, listed once in `registry` (what each rule declares: `rule`); `run` is the pipeline through this
stage (read → validate → check: `load_facts`, `check`) and `listing` the rules as people read them."""
