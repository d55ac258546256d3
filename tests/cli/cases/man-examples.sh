# Every command in the EXAMPLES of the man pages runs (exit 0), so the
# documentation cannot drift from the tools.
set -eu
n=0
for page in cmd/redact/redact.1 cmd/verify/verify.1 rules/hush-rules.5; do
    sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$page" | sed -n 's/^\.Dl //p' > build/cli/examples.txt
    while IFS= read -r line; do
        cmd=$(printf '%s' "$line" | sed "s#^bin/#$BIN/#; s# bin/# $BIN/#g; s#| bin/#| $BIN/#g")
        if ! sh -c "$cmd" > /dev/null 2> build/cli/example.err < /dev/null; then
            echo "$page: example fails: $line"
            cat build/cli/example.err
            exit 1
        fi
        n=$((n + 1))
    done < build/cli/examples.txt
done
[ "$n" -ge 3 ] || { echo "only $n examples found"; exit 1; }
