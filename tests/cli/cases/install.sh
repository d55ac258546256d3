# make install puts the tools, the rule set (with its lexicon image) and the
# man pages under PREFIX; the installed redact finds the installed rules
# without -r, from any directory; make uninstall removes them.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
make -s --no-print-directory PREFIX="$d/usr" BUILD="$d/build" OUT="$d/build/bin" install > "$d/log" 2>&1 ||
    { cat "$d/log"; exit 1; }
for f in bin/redact bin/pseudonymise bin/hush-cron share/hush/rules/uk-health.rules share/hush/rules/uk-health.lexicon \
         share/hush/rules/uk/person.rules share/hush/rules/lists/surnames.txt \
         share/man/man1/redact.1 share/man/man5/hush-rules.5; do
    [ -e "$d/usr/$f" ] || { echo "not installed: $f"; exit 1; }
done
out=$(cd / && printf 'Dr Okafor rang.\n' | "$d/usr/bin/redact")
[ "$out" = "Dr [PERSON] rang." ] || { echo "the installed redact did not use the installed rules"; exit 1; }
make -s --no-print-directory PREFIX="$d/usr" BUILD="$d/build" OUT="$d/build/bin" uninstall > "$d/log" 2>&1
[ ! -e "$d/usr/bin/redact" ] && [ ! -e "$d/usr/bin/hush-cron" ] && [ ! -e "$d/usr/share/hush" ] || { echo "uninstall left files"; exit 1; }
