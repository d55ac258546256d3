# A bad rule file is refused with 78 and a file:line:column message that
# never quotes list entries or examples.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
expect_78() { # file, message fragment
    set +e
    printf 'hello\n' | "$BIN/redact" -r "$1" > "$d/out" 2> "$d/err"
    status=$?
    set -e
    [ "$status" -eq 78 ] || { echo "$1: exit $status, expected 78"; exit 1; }
    [ ! -s "$d/out" ] || { echo "$1: output was written"; exit 1; }
    grep -q -- "$2" "$d/err" || { echo "$1: message lacks '$2'"; cat "$d/err"; exit 1; }
    ! grep -q Zebulon "$d/err" || { echo "$1: message quotes a list entry or example"; exit 1; }
}
printf 'rule a\n  category PERSON\n  regex (unclosed\n  reason r\n' > "$d/regex.rules"
expect_78 "$d/regex.rules" "regex.rules:3:"
printf 'rule a\n  category PERSON\n  regex x\n' > "$d/noreason.rules"
expect_78 "$d/noreason.rules" "has no reason"
printf 'rule a\n  category PERSON\n  list names.txt\n  reason r\n  expect "Zebulon came" -> same\n' > "$d/example.rules"
printf 'Zebulon\n' > "$d/names.txt"
expect_78 "$d/example.rules" "example.rules:5: rule 'a': example fails"
printf 'rule a\n  category person\n  regex x\n  reason r\n' > "$d/category.rules"
expect_78 "$d/category.rules" "category.rules:2:"
printf 'rule a\n  category PERSON\n  list names.csv column=name\n  reason r\n' > "$d/csv.rules"
printf 'name,other\n"Zebulon,x\n' > "$d/names.csv"
expect_78 "$d/csv.rules" "malformed CSV"
printf 'include a.rules\n' > "$d/a.rules"
expect_78 "$d/a.rules" "nested more than"
