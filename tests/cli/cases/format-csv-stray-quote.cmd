$BIN/redact -f csv fixtures/formats/bad/stray-quote.csv
