printf 'Tamsin\000Okonjo\n' | $BIN/redact
