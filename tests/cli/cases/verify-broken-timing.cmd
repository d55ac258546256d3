$BIN/verify -f vtt fixtures/formats/bad/broken-timing.vtt
