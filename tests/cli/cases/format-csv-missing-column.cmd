$BIN/redact --columns speaker,transcript fixtures/formats/transcript.csv
