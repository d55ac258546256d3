#!/bin/sh
# make eval: redacts every transcript of the labelled corpus (fixtures/eval)
# with the shipped rules and scores the spans against the gold annotations:
# recall per category and overall, precision, and the misses by file, offset
# and category (their text only with EVAL_SHOW=1).  Fails below the targets;
# then the same for the later corpora (fixtures/eval2 to eval142),
# written blind, whose figures must not fall.
set -eu
cd "$(dirname "$0")/../.."
BIN=${HUSH_BIN:-bin}
out=build/eval
mkdir -p "$out"
cc -O2 -o "$out/score" tests/eval/score.c
sh tests/eval/score-selftest.sh > "$out/selftest.log" 2>&1 || {
    cat "$out/selftest.log" >&2
    echo "eval: the scorer's self-test failed" >&2
    exit 1
}
show=""
[ "${EVAL_SHOW:-0}" = 1 ] && show=--show

# Redacts each transcript of a corpus and scores it: score DIR GLOB
# MIN_RECALL MIN_PERSON_RECALL MIN_PRECISION.
score() {
    dir=$1 glob=$2 recall=$3 person=$4 precision=$5
    set --
    for t in $dir/$glob; do
        name=$(basename "$t" .txt)
        "$BIN/redact" --spans "$out/$name.spans.csv" "$t" > "$out/$name.out"
        set -- "$@" "$t" "$dir/$name.gold.csv" "$out/$name.spans.csv"
    done
    "$out/score" $show --min-recall "$recall" --min-person-recall "$person" \
        --min-precision "$precision" "$@"
}

# The first corpus, and the targets.
score fixtures/eval '[0-9]*.txt' "${EVAL_MIN_RECALL:-0.99}" "${EVAL_MIN_PERSON_RECALL:-0.99}" \
    "${EVAL_MIN_PRECISION:-0.90}"
# The later ones, written blind (their READMEs): their figures must not
# fall.
echo
echo "second corpus (fixtures/eval2):"
score fixtures/eval2 "b*.txt" 0.90 0.97 0.92
echo
echo "third corpus (fixtures/eval3):"
score fixtures/eval3 "c*.txt" 0.92 0.99 0.91
echo
echo "fourth corpus (fixtures/eval4):"
score fixtures/eval4 "d*.txt" 0.93 0.97 0.90
echo
echo "fifth corpus (fixtures/eval5):"
score fixtures/eval5 "e*.txt" 0.95 0.96 0.95
echo
echo "sixth corpus (fixtures/eval6):"
score fixtures/eval6 "f*.txt" 0.93 0.99 0.96
echo
echo "seventh corpus (fixtures/eval7):"
score fixtures/eval7 "g*.txt" 0.96 0.99 0.94
echo
echo "eighth corpus (fixtures/eval8):"
score fixtures/eval8 "h*.txt" 0.95 0.96 0.93
echo
echo "ninth corpus (fixtures/eval9):"
score fixtures/eval9 "i*.txt" 0.90 0.91 0.91
echo
echo "tenth corpus (fixtures/eval10):"
score fixtures/eval10 "j*.txt" 0.92 0.97 0.95
echo
echo "eleventh corpus (fixtures/eval11):"
score fixtures/eval11 "k*.txt" 0.91 0.94 0.88
echo
echo "twelfth corpus (fixtures/eval12):"
score fixtures/eval12 "l*.txt" 0.90 0.95 0.95
echo
echo "thirteenth corpus (fixtures/eval13):"
score fixtures/eval13 "m*.txt" 0.89 0.97 0.93
echo
echo "fourteenth corpus (fixtures/eval14):"
score fixtures/eval14 "n*.txt" 0.92 0.96 0.97
echo
echo "fifteenth corpus (fixtures/eval15):"
score fixtures/eval15 "o*.txt" 0.90 0.92 0.96
echo
echo "sixteenth corpus (fixtures/eval16):"
score fixtures/eval16 "p*.txt" 0.86 0.87 0.92
echo
echo "seventeenth corpus (fixtures/eval17):"
score fixtures/eval17 "q*.txt" 0.92 0.95 0.95
echo
echo "eighteenth corpus (fixtures/eval18):"
score fixtures/eval18 "r*.txt" 0.91 0.93 0.95
echo
echo "nineteenth corpus (fixtures/eval19):"
score fixtures/eval19 "s*.txt" 0.87 0.88 0.92
echo
echo "twentieth corpus (fixtures/eval20):"
score fixtures/eval20 "t*.txt" 0.87 0.87 0.90
echo
echo "twenty-first corpus (fixtures/eval21):"
score fixtures/eval21 "u*.txt" 0.86 0.85 0.88
echo
echo "twenty-second corpus (fixtures/eval22):"
score fixtures/eval22 "v*.txt" 0.90 0.92 0.90
echo
echo "twenty-third corpus (fixtures/eval23):"
score fixtures/eval23 "w*.txt" 0.88 0.89 0.90
echo
echo "twenty-fourth corpus (fixtures/eval24):"
score fixtures/eval24 "x*.txt" 0.86 0.84 0.93
echo
echo "twenty-fifth corpus (fixtures/eval25):"
score fixtures/eval25 "y*.txt" 0.90 0.96 0.95
echo
echo "twenty-sixth corpus (fixtures/eval26):"
score fixtures/eval26 "z*.txt" 0.92 0.94 0.94
echo
echo "twenty-seventh corpus (fixtures/eval27):"
score fixtures/eval27 "A*.txt" 0.93 0.96 0.95
echo
echo "twenty-eighth corpus (fixtures/eval28):"
score fixtures/eval28 "B*.txt" 0.90 0.95 0.95
echo
echo "twenty-ninth corpus (fixtures/eval29):"
score fixtures/eval29 "C*.txt" 0.89 0.92 0.97
echo
echo "thirtieth corpus (fixtures/eval30):"
score fixtures/eval30 "D*.txt" 0.94 0.95 0.96
echo
echo "thirty-first corpus (fixtures/eval31):"
score fixtures/eval31 "E*.txt" 0.94 0.97 0.96
echo
echo "thirty-second corpus (fixtures/eval32):"
score fixtures/eval32 "F*.txt" 0.94 0.97 0.95
echo
echo "thirty-third corpus (fixtures/eval33):"
score fixtures/eval33 "G*.txt" 0.92 0.95 0.94
echo
echo "thirty-fourth corpus (fixtures/eval34):"
score fixtures/eval34 "H*.txt" 0.87 0.85 0.95
echo
echo "thirty-fifth corpus (fixtures/eval35):"
score fixtures/eval35 "I*.txt" 0.93 0.94 0.96
echo
echo "thirty-sixth corpus (fixtures/eval36):"
score fixtures/eval36 "J*.txt" 0.88 0.91 0.95
echo
echo "thirty-seventh corpus (fixtures/eval37):"
score fixtures/eval37 "K*.txt" 0.92 0.94 0.89
echo
echo "thirty-eighth corpus (fixtures/eval38):"
score fixtures/eval38 "L*.txt" 0.90 0.92 0.97
echo
echo "thirty-ninth corpus (fixtures/eval39):"
score fixtures/eval39 "M*.txt" 0.86 0.95 0.95
echo
echo "fortieth corpus (fixtures/eval40):"
score fixtures/eval40 "N*.txt" 0.93 0.95 0.97
echo
echo "forty-first corpus (fixtures/eval41):"
score fixtures/eval41 "O*.txt" 0.90 0.92 0.91
echo
echo "forty-second corpus (fixtures/eval42):"
score fixtures/eval42 "P*.txt" 0.94 0.97 0.93
echo
echo "forty-third corpus (fixtures/eval43):"
score fixtures/eval43 "Q*.txt" 0.96 0.97 0.97
echo
echo "forty-fourth corpus (fixtures/eval44):"
score fixtures/eval44 "R*.txt" 0.92 0.95 0.95
echo
echo "forty-fifth corpus (fixtures/eval45):"
score fixtures/eval45 "S*.txt" 0.93 0.94 0.97
echo
echo "forty-sixth corpus (fixtures/eval46):"
score fixtures/eval46 "T*.txt" 0.95 0.99 0.97
echo
echo "forty-seventh corpus (fixtures/eval47):"
score fixtures/eval47 "U*.txt" 0.94 0.97 0.96
echo
echo "forty-eighth corpus (fixtures/eval48):"
score fixtures/eval48 "V*.txt" 0.94 0.97 0.96
echo
echo "forty-ninth corpus (fixtures/eval49):"
score fixtures/eval49 "W*.txt" 0.93 0.96 0.97
echo
echo "fiftieth corpus (fixtures/eval50):"
score fixtures/eval50 "X*.txt" 0.94 0.98 0.96
echo
echo "fifty-first corpus (fixtures/eval51):"
score fixtures/eval51 "Y*.txt" 0.96 0.98 0.96
echo
echo "fifty-second corpus (fixtures/eval52):"
score fixtures/eval52 "Z*.txt" 0.93 0.97 0.96
echo
echo "fifty-third corpus (fixtures/eval53):"
score fixtures/eval53 "AA*.txt" 0.95 0.96 0.94
echo
echo "fifty-fourth corpus (fixtures/eval54):"
score fixtures/eval54 "AB*.txt" 0.93 0.97 0.92
echo
echo "fifty-fifth corpus (fixtures/eval55):"
score fixtures/eval55 "AC*.txt" 0.95 0.98 0.96
echo
echo "fifty-sixth corpus (fixtures/eval56):"
score fixtures/eval56 "AD*.txt" 0.97 0.97 0.95
echo
echo "fifty-seventh corpus (fixtures/eval57):"
score fixtures/eval57 "AE*.txt" 0.92 0.96 0.97
echo
echo "fifty-eighth corpus (fixtures/eval58):"
score fixtures/eval58 "AF*.txt" 0.96 0.98 0.97
echo
echo "fifty-ninth corpus (fixtures/eval59):"
score fixtures/eval59 "AG*.txt" 0.95 0.97 0.98
echo
echo "sixtieth corpus (fixtures/eval60):"
score fixtures/eval60 "AH*.txt" 0.93 0.94 0.97
echo
echo "sixty-first corpus (fixtures/eval61):"
score fixtures/eval61 "AI*.txt" 0.95 0.97 0.95
echo
echo "sixty-second corpus (fixtures/eval62):"
score fixtures/eval62 "AJ*.txt" 0.96 0.97 0.95
echo
echo "sixty-third corpus (fixtures/eval63):"
score fixtures/eval63 "AK*.txt" 0.97 0.98 0.96
echo
echo "sixty-fourth corpus (fixtures/eval64):"
score fixtures/eval64 "AL*.txt" 0.93 0.95 0.95
echo
echo "sixty-fifth corpus (fixtures/eval65):"
score fixtures/eval65 "AM*.txt" 0.95 0.99 0.97
echo
echo "sixty-sixth corpus (fixtures/eval66):"
score fixtures/eval66 "AN*.txt" 0.96 0.98 0.94
echo
echo "sixty-seventh corpus (fixtures/eval67):"
score fixtures/eval67 "AO*.txt" 0.96 0.99 0.96
echo
echo "sixty-eighth corpus (fixtures/eval68):"
score fixtures/eval68 "AP*.txt" 0.94 0.97 0.97
echo
echo "sixty-ninth corpus (fixtures/eval69):"
score fixtures/eval69 "AQ*.txt" 0.95 0.98 0.97
echo
echo "seventieth corpus (fixtures/eval70):"
score fixtures/eval70 "AR*.txt" 0.93 0.98 0.97
echo
echo "seventy-first corpus (fixtures/eval71):"
score fixtures/eval71 "AS*.txt" 0.95 0.99 0.97
echo
echo "seventy-second corpus (fixtures/eval72):"
score fixtures/eval72 "AT*.txt" 0.95 0.99 0.97
echo
echo "seventy-third corpus (fixtures/eval73):"
score fixtures/eval73 "AU*.txt" 0.93 0.99 0.98
echo
echo "seventy-fourth corpus (fixtures/eval74):"
score fixtures/eval74 "AV*.txt" 0.95 0.99 0.98
echo
echo "seventy-fifth corpus (fixtures/eval75):"
score fixtures/eval75 "AW*.txt" 0.95 0.99 0.96
echo
echo "seventy-sixth corpus (fixtures/eval76):"
score fixtures/eval76 "AX*.txt" 0.94 0.98 0.94
echo
echo "seventy-seventh corpus (fixtures/eval77):"
score fixtures/eval77 "AY*.txt" 0.94 0.99 0.97
echo
echo "seventy-eighth corpus (fixtures/eval78):"
score fixtures/eval78 "AZ*.txt" 0.95 0.98 0.94
echo
echo "seventy-ninth corpus (fixtures/eval79):"
score fixtures/eval79 "BA*.txt" 0.93 0.97 0.98
echo
echo "eightieth corpus (fixtures/eval80):"
score fixtures/eval80 "BB*.txt" 0.93 0.96 0.97
echo
echo "eighty-first corpus (fixtures/eval81):"
score fixtures/eval81 "BC*.txt" 0.94 0.98 0.97
echo
echo "eighty-second corpus (fixtures/eval82):"
score fixtures/eval82 "BD*.txt" 0.93 0.93 0.97
echo
echo "eighty-third corpus (fixtures/eval83):"
score fixtures/eval83 "BE*.txt" 0.94 0.98 0.97
echo
echo "eighty-fourth corpus (fixtures/eval84):"
score fixtures/eval84 "BF*.txt" 0.92 0.95 0.97
echo
echo "eighty-fifth corpus (fixtures/eval85):"
score fixtures/eval85 "BG*.txt" 0.95 0.97 0.97
echo
echo "eighty-sixth corpus (fixtures/eval86):"
score fixtures/eval86 "BH*.txt" 0.94 0.97 0.95
echo
echo "eighty-seventh corpus (fixtures/eval87):"
score fixtures/eval87 "BI*.txt" 0.92 0.96 0.95
echo
echo "eighty-eighth corpus (fixtures/eval88):"
score fixtures/eval88 "BJ*.txt" 0.91 0.95 0.97
echo
echo "eighty-ninth corpus (fixtures/eval89):"
score fixtures/eval89 "BK*.txt" 0.94 0.96 0.97
echo
echo "ninetieth corpus (fixtures/eval90):"
score fixtures/eval90 "BL*.txt" 0.95 0.99 0.96
echo
echo "ninety-first corpus (fixtures/eval91):"
score fixtures/eval91 "BM*.txt" 0.95 0.98 0.98
echo
echo "ninety-second corpus (fixtures/eval92):"
score fixtures/eval92 "BN*.txt" 0.95 0.99 0.97
echo
echo "ninety-third corpus (fixtures/eval93):"
score fixtures/eval93 "BO*.txt" 0.94 0.99 0.96
echo
echo "ninety-fourth corpus (fixtures/eval94):"
score fixtures/eval94 "BP*.txt" 0.93 0.99 0.96
echo
echo "ninety-fifth corpus (fixtures/eval95):"
score fixtures/eval95 "BQ*.txt" 0.96 0.98 0.97
echo
echo "ninety-sixth corpus (fixtures/eval96):"
score fixtures/eval96 "BR*.txt" 0.93 0.99 0.96
echo
echo "ninety-seventh corpus (fixtures/eval97):"
score fixtures/eval97 "BS*.txt" 0.98 0.98 0.97
echo
echo "ninety-eighth corpus (fixtures/eval98):"
score fixtures/eval98 "BT*.txt" 0.96 0.99 0.98
echo
echo "ninety-ninth corpus (fixtures/eval99):"
score fixtures/eval99 "BU*.txt" 0.91 0.96 0.97
echo
echo "hundredth corpus (fixtures/eval100):"
score fixtures/eval100 "BV*.txt" 0.95 0.97 0.99
echo
echo "hundred-and-first corpus (fixtures/eval101):"
score fixtures/eval101 "BW*.txt" 0.96 0.98 0.98
echo
echo "hundred-and-second corpus (fixtures/eval102):"
score fixtures/eval102 "BX*.txt" 0.96 0.98 0.97
echo
echo "hundred-and-third corpus (fixtures/eval103):"
score fixtures/eval103 "BY*.txt" 0.94 0.97 0.97
echo
echo "hundred-and-fourth corpus (fixtures/eval104):"
score fixtures/eval104 "BZ*.txt" 0.96 0.99 0.94
echo
echo "hundred-and-fifth corpus (fixtures/eval105):"
score fixtures/eval105 "CA*.txt" 0.96 0.99 0.97
echo
echo "hundred-and-sixth corpus (fixtures/eval106):"
score fixtures/eval106 "CB*.txt" 0.96 0.98 0.95
echo
echo "hundred-and-seventh corpus (fixtures/eval107):"
score fixtures/eval107 "CC*.txt" 0.96 0.98 0.98
echo
echo "hundred-and-eighth corpus (fixtures/eval108):"
score fixtures/eval108 "CD*.txt" 0.96 0.99 0.97
echo
echo "hundred-and-ninth corpus (fixtures/eval109):"
score fixtures/eval109 "CE*.txt" 0.94 0.97 0.98
echo
echo "hundred-and-tenth corpus (fixtures/eval110):"
score fixtures/eval110 "CF*.txt" 0.96 0.99 0.97
echo
echo "hundred-and-eleventh corpus (fixtures/eval111):"
score fixtures/eval111 "CG*.txt" 0.95 0.97 0.97
echo
echo "hundred-and-twelfth corpus (fixtures/eval112):"
score fixtures/eval112 "CH*.txt" 0.93 0.98 0.97
echo
echo "hundred-and-thirteenth corpus (fixtures/eval113):"
score fixtures/eval113 "CI*.txt" 0.94 0.96 0.96
echo
echo "hundred-and-fourteenth corpus (fixtures/eval114):"
score fixtures/eval114 "CJ*.txt" 0.93 0.98 0.97
echo
echo "hundred-and-fifteenth corpus (fixtures/eval115):"
score fixtures/eval115 "CK*.txt" 0.95 0.97 0.98
echo
echo "hundred-and-sixteenth corpus (fixtures/eval116):"
score fixtures/eval116 "CL*.txt" 0.95 0.98 0.96
echo
echo "hundred-and-seventeenth corpus (fixtures/eval117):"
score fixtures/eval117 "CM*.txt" 0.90 0.92 0.95
echo
echo "hundred-and-eighteenth corpus (fixtures/eval118):"
score fixtures/eval118 "CN*.txt" 0.95 0.97 0.96
echo
echo "hundred-and-nineteenth corpus (fixtures/eval119):"
score fixtures/eval119 "CO*.txt" 0.91 0.94 0.94
echo
echo "hundred-and-twentieth corpus (fixtures/eval120):"
score fixtures/eval120 "CP*.txt" 0.91 0.94 0.96
echo
echo "hundred-and-twenty-first corpus (fixtures/eval121):"
score fixtures/eval121 "CQ*.txt" 0.93 0.94 0.96
echo
echo "hundred-and-twenty-second corpus (fixtures/eval122):"
score fixtures/eval122 "CR*.txt" 0.96 0.99 0.94
echo
echo "hundred-and-twenty-third corpus (fixtures/eval123):"
score fixtures/eval123 "CS*.txt" 0.92 0.92 0.97
echo
echo "hundred-and-twenty-fourth corpus (fixtures/eval124):"
score fixtures/eval124 "CT*.txt" 0.94 0.98 0.97
echo
echo "hundred-and-twenty-fifth corpus (fixtures/eval125):"
score fixtures/eval125 "CU*.txt" 0.90 0.93 0.97
echo
echo "hundred-and-twenty-sixth corpus (fixtures/eval126):"
score fixtures/eval126 "CV*.txt" 0.93 0.98 0.97
echo
echo "hundred-and-twenty-seventh corpus (fixtures/eval127):"
score fixtures/eval127 "CW*.txt" 0.88 0.90 0.95
echo
echo "hundred-and-twenty-eighth corpus (fixtures/eval128):"
score fixtures/eval128 "CX*.txt" 0.93 0.98 0.97
echo
echo "hundred-and-twenty-ninth corpus (fixtures/eval129):"
score fixtures/eval129 "CY*.txt" 0.89 0.96 0.96
echo
echo "hundred-and-thirtieth corpus (fixtures/eval130):"
score fixtures/eval130 "CZ*.txt" 0.92 0.97 0.96
echo
echo "hundred-and-thirty-first corpus (fixtures/eval131):"
score fixtures/eval131 "DA*.txt" 0.93 0.98 0.96
echo
echo "hundred-and-thirty-second corpus (fixtures/eval132):"
score fixtures/eval132 "DB*.txt" 0.92 0.96 0.95
echo
echo "hundred-and-thirty-third corpus (fixtures/eval133):"
score fixtures/eval133 "DC*.txt" 0.91 0.93 0.97
echo
echo "hundred-and-thirty-fourth corpus (fixtures/eval134):"
score fixtures/eval134 "DD*.txt" 0.91 0.93 0.94
echo
echo "hundred-and-thirty-fifth corpus (fixtures/eval135):"
score fixtures/eval135 "DE*.txt" 0.93 0.95 0.96
echo
echo "hundred-and-thirty-sixth corpus (fixtures/eval136):"
score fixtures/eval136 "DF*.txt" 0.95 0.97 0.95
echo
echo "hundred-and-thirty-seventh corpus (fixtures/eval137):"
score fixtures/eval137 "DG*.txt" 0.94 0.96 0.97
echo
echo "hundred-and-thirty-eighth corpus (fixtures/eval138):"
score fixtures/eval138 "DH*.txt" 0.93 0.96 0.97
echo
echo "hundred-and-thirty-ninth corpus (fixtures/eval139):"
score fixtures/eval139 "DI*.txt" 0.92 0.92 0.95
echo
echo "hundred-and-fortieth corpus (fixtures/eval140):"
score fixtures/eval140 "DJ*.txt" 0.93 0.95 0.98
echo
echo "hundred-and-forty-first corpus (fixtures/eval141):"
score fixtures/eval141 "DK*.txt" 0.89 0.92 0.96
echo
echo "hundred-and-forty-second corpus (fixtures/eval142):"
score fixtures/eval142 "DL*.txt" 0.92 0.93 0.94
