$BIN/verify --format vtt fixtures/formats/teams.redacted.vtt
