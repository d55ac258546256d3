#!/bin/sh
# make examples: every rule file in the repository loads, and every expect
# example in it passes.  A rule file that is not reached from a top-level
# rule set is an error too, so that none goes untested.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
top=rules/uk-health.rules
# every .rules file must be the top-level set or included from it
for f in rules/*.rules rules/*/*.rules; do
    [ "$f" = "$top" ] && continue
    base=$(basename "$f")
    grep -rq "^include .*$base\$" rules || { echo "examples: $f is included by no rule set" >&2; exit 1; }
done
exec "$BUILD/rules-selftest" "$top"
