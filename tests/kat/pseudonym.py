#!/usr/bin/env python3
"""Known answers for hush's pseudonym function, computed without libsodium.

libsodium's crypto_generichash is BLAKE2b and crypto_kdf_derive_from_key is
BLAKE2b keyed with the master key, the subkey id (little-endian, 8 bytes,
zero-padded to 16) as salt and the context (zero-padded to 16) as
personalisation, with an empty message.  Python's hashlib.blake2b takes the
same parameters, so the values printed here are an independent check of
tests/unit/test_pseudonym.c.  Run: python3 tests/kat/pseudonym.py
"""
import hashlib
import struct

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def subkey_id(category):
    h = hashlib.blake2b(category.encode(), digest_size=16).digest()
    return struct.unpack("<Q", h[:8])[0]


def tag(study_key, category, key):
    salt = struct.pack("<Q", subkey_id(category)) + bytes(8)
    subkey = hashlib.blake2b(b"", digest_size=32, key=study_key, salt=salt,
                             person=b"hushpsdn" + bytes(8)).digest()
    return hashlib.blake2b(key.encode(), digest_size=16, key=subkey).digest()


def code(t):
    bits = int.from_bytes(t[:5], "big")
    return "".join(CROCKFORD[(bits >> (5 * (7 - i))) & 31] for i in range(8))


if __name__ == "__main__":
    study = bytes(range(32))
    for category, key in [("PERSON", "sarah okafor"), ("PLACE", "sarah okafor"),
                          ("PERSON", "tomasz wojcik"), ("ID", "")]:
        t = tag(study, category, key)
        print(f'{category} "{key}": subkey id {subkey_id(category):#018x} '
              f"tag {t.hex()} code {code(t)}")
    other = bytes([0xFF]) + bytes(range(1, 32))
    t = tag(other, "PERSON", "sarah okafor")
    print(f'other study, PERSON "sarah okafor": tag {t.hex()} code {code(t)}')
