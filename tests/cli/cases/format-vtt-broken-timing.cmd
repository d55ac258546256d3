$BIN/redact fixtures/formats/bad/broken-timing.vtt
