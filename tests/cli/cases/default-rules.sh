# Without -r the shipped rule set is used: the same output as naming it.
set -eu
a=$("$BIN/redact" fixtures/demo/interview.txt)
b=$("$BIN/redact" -r rules/uk-health.rules fixtures/demo/interview.txt)
[ "$a" = "$b" ] || { echo "default rules differ from rules/uk-health.rules"; exit 1; }
[ "$a" != "$(cat fixtures/demo/interview.txt)" ] || { echo "nothing was redacted"; exit 1; }
