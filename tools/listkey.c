/*
 * listkey: prints, for each line of standard input, the key hush matches a
 * list entry by (its words normalised, as in the lexicon), a tab, and the
 * line.  tools/mklists sorts and removes duplicates by this key, so that a
 * list holds no entry twice in the eyes of the matcher ("Cefn Côch" and
 * "Cefn-coch" are one entry).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

int
main(void)
{
    char line[4096];
    struct token_list toks = {0};
    struct hush_buf key = {0};
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        tokenize(line, strlen(line), &toks);
        if (toks.n == 0)
            continue;
        token_seq_key(&toks, 0, toks.n - 1, &key);
        printf("%.*s\t%s\n", (int)key.len, key.data, line);
    }
    token_list_free(&toks);
    hush_buf_free(&key);
    return ferror(stdout) ? 1 : 0;
}
