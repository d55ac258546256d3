$BIN/redact --columns "speaker,,text" fixtures/formats/transcript.csv
