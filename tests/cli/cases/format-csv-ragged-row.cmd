$BIN/redact < fixtures/formats/bad/ragged-row.csv
