$BIN/redact fixtures/formats/bad/unterminated-quote.csv
