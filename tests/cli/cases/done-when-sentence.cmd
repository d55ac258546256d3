printf 'Dr Okafor from Norfolk and Suffolk NHS Foundation Trust rang me on 07700 900123.\n' | $BIN/redact
