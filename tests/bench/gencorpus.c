/*
 * gencorpus: writes a seeded synthetic transcript corpus for `make bench`:
 * interview-style turns of common English words, fillers, and about one
 * identifier in forty words (names from the shipped lists, places, trusts,
 * phone numbers, e-mail addresses, dates).  Every person is invented by
 * chance pairing; the same seed gives the same corpus.
 *
 * usage: gencorpus DIR TOTAL_MB FILE_KB LISTS_DIR
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint32_t
next(void)
{
    /* xorshift64*: fast, and the same everywhere. */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (uint32_t)((state * 0x2545F4914F6CDD1Du) >> 32);
}

static const char *const words[] = {
    "the",      "and",        "I",     "you",        "it",      "to",       "a",
    "of",       "that",       "was",   "in",         "we",      "they",     "so",
    "but",      "just",       "like",  "really",     "think",   "know",     "mean",
    "people",   "support",    "team",  "work",       "time",    "there",    "what",
    "with",     "about",      "for",   "had",        "have",    "be",       "not",
    "do",       "when",       "he",    "she",        "them",    "this",     "at",
    "on",       "were",       "been",  "if",         "because", "very",     "feel",
    "felt",     "said",       "peer",  "worker",     "service", "users",    "staff",
    "recovery", "ward",       "lived", "experience", "trust",   "role",     "colleagues",
    "manager",  "training",   "hard",  "things",     "lot",     "bit",      "kind",
    "sort",     "some",       "all",   "would",      "could",   "got",      "get",
    "went",     "go",         "going", "come",       "came",    "see",      "saw",
    "make",     "made",       "day",   "week",       "meeting", "hospital", "community",
    "crisis",   "medication", "care",  "plan",       "talk",    "talking",  "listen",
    "sharing",  "story",      "hope",  "will",       "may",     "mark",     "grace",
    "better",
};
static const char *const fillers[] = {"um,",         "erm,",    "you know,", "like,",
                                      "[inaudible]", "I mean,", "yeah,",     "sort of"};
static const char *const trusts[] = {"Norfolk and Suffolk NHS Foundation Trust",
                                     "NSFT",
                                     "Pennine Care",
                                     "Oxleas",
                                     "Notts Healthcare",
                                     "Leeds and York Partnership NHS Foundation Trust"};

struct list {
    char **v;
    size_t n;
};

static struct list
read_list(const char *path)
{
    struct list l = {0};
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (l.n == cap) {
            cap = cap ? cap * 2 : 1024;
            l.v = realloc(l.v, cap * sizeof *l.v);
        }
        l.v[l.n++] = strdup(line);
    }
    fclose(f);
    return l;
}

static const char *
pick(const struct list *l)
{
    /* Favour the front of the list, as real names favour common ones. */
    size_t lim = l->n < 2000 ? l->n : 2000;
    return l->v[(next() & 3) ? next() % lim : next() % l->n];
}

static void
identifier(FILE *f, const struct list *given, const struct list *sur, const struct list *places)
{
    switch (next() % 10) {
    case 0:
    case 1:
    case 2:
        fprintf(f, "%s %s", pick(given), pick(sur));
        break;
    case 3:
        fprintf(f, "%s", pick(given));
        break;
    case 4:
        fprintf(f, "Dr %s", pick(sur));
        break;
    case 5:
        fprintf(f, "%s", pick(places));
        break;
    case 6:
        fprintf(f, "%s", trusts[next() % 6]);
        break;
    case 7:
        fprintf(f, "07700 900%03u", next() % 1000);
        break;
    case 8:
        fprintf(f, "%s.%s@example.org", pick(given), pick(sur));
        break;
    default:
        fprintf(f, "the %u%s of March 20%02u", 1 + next() % 28, "th", next() % 25);
    }
}

int
main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gencorpus DIR TOTAL_MB FILE_KB LISTS_DIR\n");
        return 64;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/given-names.txt", argv[4]);
    struct list given = read_list(path);
    snprintf(path, sizeof path, "%s/surnames.txt", argv[4]);
    struct list sur = read_list(path);
    snprintf(path, sizeof path, "%s/places.txt", argv[4]);
    struct list places = read_list(path);
    long total = atol(argv[2]) * 1000000L, per = atol(argv[3]) * 1000L, written = 0;
    const size_t nwords = sizeof words / sizeof words[0];
    for (int file = 0; written < total; file++) {
        snprintf(path, sizeof path, "%s/t%05d.txt", argv[1], file);
        FILE *f = fopen(path, "w");
        if (f == NULL) {
            fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
            return 1;
        }
        long here = 0;
        while (here < per) {
            fputs(next() % 3 ? "P07: " : "Interviewer: ", f);
            int turn = 10 + next() % 120;
            for (int w = 0; w < turn; w++) {
                uint32_t r = next() % 40;
                if (r == 0)
                    identifier(f, &given, &sur, &places);
                else if (r < 3)
                    fputs(fillers[next() % 8], f);
                else
                    fputs(words[next() % nwords], f);
                fputc(w + 1 < turn ? ' ' : '.', f);
            }
            here = ftell(f);
            fputc('\n', f);
        }
        written += ftell(f);
        if (fclose(f) != 0)
            return 1;
    }
    return 0;
}
