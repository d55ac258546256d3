/*
 * names.c: list matching over tokens, and the rules that make a word a
 * person's name.
 *
 * An entry that is also a common English word (Hope, Will, Bath) matches
 * only where the text makes it a name: capitalised in mid-sentence, in a
 * speaker label, or (for people) capitalised beside another name.  Names
 * of people that stand side by side join into one span, with an initial
 * before them ("J. Smith"); and once a person is found, the parts of their
 * name are found wherever else they recur in the document.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* What list matching learnt about one token. */
enum tok_name {
    NAME_NONE = 0,
    NAME_WEAK,     /* a person-name entry that is a common word, without evidence yet */
    NAME_FOUND,    /* a person-name entry that counts as a name here */
    NAME_UNKNOWN,  /* a capitalised word that is no English word and in no list */
    NAME_PARTICLE, /* ap, Ní, van: a name may run through it */
    NAME_CAPITAL   /* an English word, or a word only lists of terms hold (a place,
                      an organisation), capitalised in mid-sentence */
};

struct scan {
    const struct hush_ruleset *rs;
    const char *text;
    size_t len;
    const struct token_list *toks;
    struct candidates *out;
    struct hush_buf key;
    const struct lex_entry *const *ents; /* the lexicon entry of each token, or NULL */
    uint8_t *name;                       /* enum tok_name per token */
    uint32_t *name_rule;                 /* the first person-name rule that holds the token */
    bool cased;                          /* the text capitalises the pronoun I (text_is_cased) */
    bool lower_shown; /* and not by default: what it says shows lower case (judge_case) */
};

static const char *
tok_key(const struct token_list *tl, const struct token *t)
{
    return tl->keys.data + t->key;
}

/* Is token k of tl one of the words of the array words (in normal form)? */
#define KEY_IN(tl, k, words) HUSH_WORD_IN(words, tok_key(tl, &(tl)->v[k]), (tl)->v[k].key_len)

/* Is token k the word w (in normal form: "our", "the")? */
static bool
key_is(const struct token_list *tl, size_t k, const char *w)
{
    size_t n = strlen(w);
    return tl->v[k].key_len == n && memcmp(tok_key(tl, &tl->v[k]), w, n) == 0;
}

/* Evidence from the token itself that a common word is a name here:
 * capitalised in mid-sentence but for a label's role note ("Gail
 * (Rota):"), or in a speaker label. */
static bool
own_evidence(const struct token *t)
{
    if (t->flags & TOK_ROLE_NOTE)
        return false;
    if ((t->flags & TOK_CAPITALISED) && !(t->flags & TOK_SENTENCE_START))
        return true;
    return (t->flags & TOK_LABEL) && (t->flags & (TOK_CAPITALISED | TOK_ALLCAPS));
}

/* Is token k a capitalised English word that no list holds (and no
 * function word)?  Beside one, a capitalised common word is part of a
 * title-case phrase ("Intensive Care Unit", "Job Centre"), not a name.  A
 * capitalised word that is no English word at all is more likely a name
 * ("Grace Oyelaran"). */
static bool
unlisted_capital(const struct scan *sc, size_t k)
{
    const struct token *t = &sc->toks->v[k];
    const struct lex_entry *e = sc->ents[k];
    return (t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)) && !(t->flags & TOK_INITIAL) && e &&
           (e->flags & LEX_COMMON_WORD) && !(e->flags & (LEX_ENTRY | LEX_FUNCTION_WORD));
}

/* The length of the blank that ends just before off (a space, tab, carriage
 * return, or no-break space: what a name may span), or 0. */
static size_t
blank_before(const char *text, size_t off)
{
    if (off == 0)
        return 0;
    char c = text[off - 1];
    if (c == ' ' || c == '\t' || c == '\r')
        return 1;
    if (off >= 2 && (unsigned char)text[off - 2] == 0xC2 && (unsigned char)text[off - 1] == 0xA0)
        return 2;
    if (off >= 3 && memcmp(text + off - 3, "\xE2\x80\xAF", 3) == 0)
        return 3;
    return 0;
}

/* The length of the blank that starts at off (as blank_before), or 0. */
static size_t
blank_at(const char *text, size_t len, size_t off)
{
    if (off >= len)
        return 0;
    char c = text[off];
    if (c == ' ' || c == '\t' || c == '\r')
        return 1;
    if (off + 2 <= len && (unsigned char)text[off] == 0xC2 && (unsigned char)text[off + 1] == 0xA0)
        return 2;
    if (off + 3 <= len && memcmp(text + off, "\xE2\x80\xAF", 3) == 0)
        return 3;
    return 0;
}

/* Is there a tag ("[PLACE]") beside token t, before it (side < 0) or after
 * it, past the blanks a name may span (spaces, tabs, carriage returns,
 * no-break spaces)?  A tag stands for a capitalised phrase that was there:
 * beside one a capitalised common word is no more a name than beside that
 * phrase, so that redacting redacted text changes nothing more. */
static bool
tag_beside(const char *text, size_t len, const struct token *t, int side)
{
    if (side < 0) {
        size_t i = t->start, n;
        while ((n = blank_before(text, i)) > 0)
            i -= n;
        return i < t->start && i > 0 && text[i - 1] == ']';
    }
    size_t i = t->end, n;
    while ((n = blank_at(text, len, i)) > 0)
        i += n;
    return i > t->end && i < len && text[i] == '[';
}

/* Does token k open a question as its verb: first in its sentence or
 * quotation, before a subject pronoun ("Will I be all right?", "May we
 * come?")?  Then a common word there (a name that is also a modal verb,
 * above all) is the word, not the name; mid sentence ("I told Will I was
 * late") it stays the name. */
static bool
asks_a_question(const char *text, const struct token_list *toks, size_t k)
{
    static const char *const pronouns[] = {"i", "you", "he", "she", "we", "they", "it"};
    const struct token *t = &toks->v[k];
    bool opens = (t->flags & TOK_SENTENCE_START) ||
                 (t->start > 0 && (text[t->start - 1] == '"' || text[t->start - 1] == '(')) ||
                 (t->start >= 3 && memcmp(text + t->start - 3, "\xE2\x80\x9C", 3) == 0);
    if (!opens || k + 1 >= toks->n || toks->v[k + 1].start - t->end != 1 || text[t->end] != ' ')
        return false;
    return KEY_IN(toks, k + 1, pronouns);
}

/* Is the gap from token t to offset to a field's colon (": ", at most two
 * blanks after it)? */
static bool
field_colon(const char *text, const struct token *t, size_t to)
{
    size_t g = t->end;
    if (text[g] != ':' || to - g > 3)
        return false;
    for (g++; g < to; g++)
        if (text[g] != ' ' && text[g] != '\t')
            return false;
    return true;
}

/* Is token k "that's", "it's" or "name's", with one blank after it? */
static bool
that_is(const char *text, const struct token_list *tl, size_t k)
{
    const struct token *t = &tl->v[k];
    if (!(t->flags & TOK_POSSESSIVE) || k + 1 == tl->n)
        return false;
    const char *w = tok_key(tl, t);
    if (!((t->key_len == 4 && (memcmp(w, "that", 4) == 0 || memcmp(w, "name", 4) == 0)) ||
          (t->key_len == 2 && memcmp(w, "it", 2) == 0)))
        return false;
    size_t gap = tl->v[k + 1].start - t->end;
    const char *g = text + t->end;
    return (gap == 3 && memcmp(g, "'s ", 3) == 0) ||
           (gap == 5 && memcmp(g, "\xE2\x80\x99s ", 5) == 0);
}

/* Does the lexicon mark token k with flag? */
static bool
marked(const struct scan *sc, size_t k, unsigned flag)
{
    return sc->ents[k] != NULL && (sc->ents[k]->flags & flag) != 0;
}

/* Is token k a modal verb that is also a name, "will" or "may"? */
static bool
is_modal(const struct token_list *tl, size_t k)
{
    return key_is(tl, k, "will") || key_is(tl, k, "may");
}

/* Is token i a lower-case word just after a word for someone ("me sister
 * dawn", "her dad frank", "the manager bill", "my eldest jade", "a lass
 * called dawn": the rule set's person-words) or after "our" ("our kelly's
 * birthday")?  In a text written in lower case that is the evidence a
 * capital gives elsewhere, when what follows is what follows a name (the
 * rule set's name-followers).  A modal verb after such a word is mostly the
 * verb ("my son will ring", "our may"), unless a pronoun follows it ("me
 * brother will he lives").  After "that's", "it's" or "name's" only a
 * pronoun will do ("that's grace she's pregnant", "her name's dawn she's",
 * not "that's hope for you").  After "called" or "named", "back" and
 * "round" are the verb's ("the nurse called back, so").  The pronouns, the
 * modals, "our" and those two adverbs are the grammar of the test, not a
 * list: the man page names them. */
static bool
after_person_word(const struct scan *sc, size_t i)
{
    const struct token_list *tl = sc->toks;
    if (i == 0 || (tl->v[i].flags & (TOK_CAPITALISED | TOK_ALLCAPS)))
        return false;
    const struct token *t = &tl->v[i], *k = &tl->v[i - 1];
    /* A word for someone is no name after another ("my eldest son"). */
    if (marked(sc, i, LEX_PERSON_WORD))
        return false;
    static const char *const pronoun[] = {"she", "he", "who"};
    if (that_is(sc->text, tl, i - 1))
        return i + 1 < tl->n && (t->flags & TOK_NAME_NEXT) && KEY_IN(tl, i + 1, pronoun);
    if (!(k->flags & TOK_NAME_NEXT))
        return false;
    const char *w = tok_key(tl, t);
    bool our = key_is(tl, i - 1, "our");
    if (!our && !marked(sc, i - 1, LEX_PERSON_WORD))
        return false;
    /* "called back", "named round": the verb's own adverb, not a name
     * (the rest of its kind are function words). */
    static const char *const adverbs[] = {"back", "round"};
    if (KEY_IN(tl, i, adverbs) && (key_is(tl, i - 1, "called") || key_is(tl, i - 1, "named")))
        return false;
    bool modal = is_modal(tl, i);
    /* What follows: a pause, or a pronoun or verb that starts what is
     * said of them ("dawn she has", "frank said"); a verb ("my mum
     * knows.") is not. */
    if (!(t->flags & TOK_NAME_NEXT) || i + 1 == tl->n) {
        if (modal)
            return false;
        /* "our" before a pause is a name only with a possessive: "our
         * kelly's", not "our hope." */
        if (our)
            return (t->flags & TOK_POSSESSIVE) != 0;
        size_t n = t->key_len;
        bool verb_like = (n > 3 && w[n - 1] == 's') || (n > 4 && memcmp(w + n - 2, "ed", 2) == 0) ||
                         (n > 5 && memcmp(w + n - 3, "ing", 3) == 0) ||
                         (n == 4 && memcmp(w, "said", 4) == 0);
        return !verb_like;
    }
    bool pronoun_next = KEY_IN(tl, i + 1, pronoun);
    if (modal)
        return pronoun_next;
    if (!marked(sc, i + 1, LEX_NAME_FOLLOWER))
        return false;
    /* After "our" a pronoun or a verb ("our kelly said"), not a function
     * word: "our hope is", "our joy was" are the words. */
    return !our || pronoun_next || !marked(sc, i + 1, LEX_FUNCTION_WORD);
}

/* Is token k the word w, with only a name's gap between it and token
 * k + 1? */
static bool
word_before(const struct token_list *tl, size_t k, const char *w)
{
    return (tl->v[k].flags & TOK_NAME_NEXT) && key_is(tl, k, w);
}

/* Does a word stand just before token k that makes it a thing, not a
 * person: a determiner or "of" ("the summer", "a pat on the back", "no
 * joy", "the crack of dawn"), or, for names that are also verbs, a subject
 * pronoun ("i hope", "we mark") or "to" with an object after the word ("to
 * mark it", not "coming to frank")? */
static bool
thing_before(const struct token_list *tl, size_t k)
{
    static const char *const words[] = {"the",  "a",    "an",    "this", "that", "these", "those",
                                        "last", "next", "every", "each", "some", "any",   "no",
                                        "of",   "i",    "you",   "we",   "they", "it"};
    static const char *const objects[] = {"it",  "them", "him",  "her",  "me", "us",
                                          "the", "a",    "that", "this", "up", "off"};
    if (k == 0 || !(tl->v[k - 1].flags & TOK_NAME_NEXT))
        return false;
    if (key_is(tl, k - 1, "to"))
        return k + 1 < tl->n && (tl->v[k].flags & TOK_NAME_NEXT) && KEY_IN(tl, k + 1, objects);
    return KEY_IN(tl, k - 1, words);
}

/* Is token i a lower-case word whose possessive is followed by a word for
 * someone ("summer's mam", "jay's nan"), or beside "me and" ("me and jay
 * have", "pat and me")?  Someone's mother, and someone the speaker pairs
 * with herself, is a person; a determiner before the word ("the bill's
 * dad") says otherwise, and so does a word that begins what is said of a
 * person ("me and said").  After "me and" a pause, a name-follower or a
 * plural verb must follow: "with me and love when" is what she calls me. */
static bool
paired_with_person(const struct scan *sc, size_t i)
{
    const struct token_list *tl = sc->toks;
    const struct token *t = &tl->v[i];
    if ((t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)) || marked(sc, i, LEX_PERSON_WORD) ||
        thing_before(tl, i))
        return false;
    if ((t->flags & TOK_POSSESSIVE) && i + 1 < tl->n && marked(sc, i + 1, LEX_PERSON_WORD) &&
        tl->v[i + 1].start - t->end <= 5)
        return true;
    if (i >= 2 && word_before(tl, i - 2, "me") && word_before(tl, i - 1, "and")) {
        static const char *const plural[] = {"have", "are", "were", "both"};
        if (!(t->flags & TOK_NAME_NEXT) || i + 1 == tl->n || marked(sc, i + 1, LEX_NAME_FOLLOWER))
            return true;
        return KEY_IN(tl, i + 1, plural);
    }
    return i + 2 < tl->n && (t->flags & TOK_NAME_NEXT) && word_before(tl, i + 1, "and") &&
           key_is(tl, i + 2, "me");
}

/* Is there, in a text written in lower case, evidence around token i that
 * a common word there is a name: after a word for someone, or paired with
 * someone?  A word that begins what is said of a person is the verb there
 * ("the solicitor said", "me and said"). */
static bool
lower_case_cue(const struct scan *sc, size_t i)
{
    return !marked(sc, i, LEX_NAME_FOLLOWER) &&
           (after_person_word(sc, i) || paired_with_person(sc, i));
}

static bool tag_word(const char *text, size_t len, const struct token *t);

/* Is the tag token t ("PLACE" of "[PLACE]") of a category whose
 * identifiers are words (the rule set's word-tags)? */
static bool
word_category(const struct token_list *toks, const char *text, const struct token *t)
{
    return hush_word_in(toks->word_tags, toks->nword_tags, text + t->start, t->end - t->start);
}

/* Where a number or a tag of figures at token k starts ("82"; "[CONTACT]"
 * of a category that no word-tags directive names, which may have
 * replaced one), or SIZE_MAX when token k is neither. */
static size_t
figures_at(const struct scan *sc, size_t k)
{
    const struct token *t = &sc->toks->v[k];
    if (t->flags & TOK_DIGITS)
        return t->start;
    if (t->start > 0 && figures_tag_at(sc->toks, sc->text, sc->len, t->start - 1))
        return t->start - 1;
    return SIZE_MAX;
}

/* Does the capitalised word at token i open a sentence before a verb of
 * speaking ("Sue says if he comes", "Will said no")?  Then it is the
 * name, since the word it also is does not speak; but a word for a person
 * ("Son rang") or a place that answers the phone ("Ward rang me") may,
 * and is no name. */
static bool
speaks_next(const struct scan *sc, size_t i)
{
    static const char *const speaking[] = {"said",    "says",    "told",     "tells",  "asked",
                                           "asks",    "rang",    "phoned",   "texted", "messaged",
                                           "replied", "reckons", "explained"};
    static const char *const answering[] = {
        "ward",   "team",   "unit",    "surgery", "practice", "hospital",  "home",
        "school", "police", "council", "office",  "pharmacy", "reception", "site"};
    const struct token_list *tl = sc->toks;
    const struct token *t = &tl->v[i];
    return (t->flags & (TOK_CAPITALISED | TOK_SENTENCE_START)) ==
               (TOK_CAPITALISED | TOK_SENTENCE_START) &&
           (t->flags & TOK_NAME_NEXT) && i + 1 < tl->n && KEY_IN(tl, i + 1, speaking) &&
           !marked(sc, i, LEX_PERSON_WORD) && !KEY_IN(tl, i, answering);
}

/* Does the text make the common word at token i a name? */
static bool
evidence(const struct scan *sc, size_t i)
{
    const struct token_list *tl = sc->toks;
    /* A tag after the word stood for a capitalised phrase, not a pause
     * ("niece lay [PERSON]" was "niece lay Tamsin Okafor"). */
    if (!sc->cased && lower_case_cue(sc, i) && !tag_beside(sc->text, sc->len, &tl->v[i], 1))
        return true;
    if (!own_evidence(&tl->v[i]) && !speaks_next(sc, i))
        return false;
    /* A word joined by a hyphen to one in lower case is half a compound
     * ("Self-neglect", "Long-term"), as it is before a tag: had it been
     * part of a name, the name's tag would hold it. */
    size_t h = tl->v[i].end;
    if (h + 1 < sc->len && sc->text[h] == '-' &&
        ((unsigned)(sc->text[h + 1] - 'a') < 26u || sc->text[h + 1] == '['))
        return false;
    /* A speaker speaks more than once: a word that labels one line only
     * is mostly a header's field ("Sample:", "Home:"). */
    if (tl->v[i].flags & TOK_LABEL) {
        /* A label numbered within ("SECTION 1:", "Item 3:") heads a part
         * of a form, however often it recurs. */
        if (i + 1 < tl->n &&
            (tl->v[i + 1].flags & (TOK_LABEL | TOK_DIGITS)) == (TOK_LABEL | TOK_DIGITS))
            return false;
        return (tl->v[i].flags & TOK_LABEL_AGAIN) != 0;
    }
    if (tag_beside(sc->text, sc->len, &tl->v[i], -1) || tag_beside(sc->text, sc->len, &tl->v[i], 1))
        return false;
    if (asks_a_question(sc->text, tl, i))
        return false;
    if (i > 0 && (tl->v[i - 1].flags & TOK_NAME_NEXT) && unlisted_capital(sc, i - 1))
        return false;
    if (i + 1 < tl->n && (tl->v[i].flags & TOK_NAME_NEXT) && unlisted_capital(sc, i + 1))
        return false;
    /* A common word before a number labels it ("Section 3", "Band 4"),
     * also as a form's field ("Age: 82", "Ani:[CONTACT]" as "Ani:9a@x.org"
     * was). */
    size_t f = i + 1 < tl->n ? figures_at(sc, i + 1) : SIZE_MAX;
    if (f != SIZE_MAX && ((tl->v[i].flags & TOK_NAME_NEXT) || field_colon(sc->text, &tl->v[i], f)))
        return false;
    return true;
}

/* Short words in capitals (NI, OT, PIP), and words in capitals that the
 * rule set's acronyms list holds (NYHA, ELSA; e may be NULL), are acronyms
 * far more often than people's names: as names they need evidence like
 * common words do, and may still lean on a name beside them ("ELSA
 * WILLIAMS"). */
static bool
acronym_like(const struct token *t, const struct lex_entry *e)
{
    return (t->flags & TOK_ALLCAPS) &&
           (t->end - t->start <= 3 || (e != NULL && (e->flags & LEX_ACRONYM)));
}

/* Uses of the pronoun a text needs before its casing is judged. */
#define CASED_MIN_I 4
/* Sentences opening with a function word needed when the pronoun is too rare. */
#define CASED_MIN_STARTS 6
/* Pronouns and such sentences, all capitalised, that judge a terse text. */
#define CASED_MIN_UNANIMOUS 3
/* Names that only lists of names hold, written in lower case, that make a
 * text one written in lower case whatever its pronoun (twice as many as
 * those capitalised). */
#define CASED_MIN_LOWER_NAMES 6
/* Such names, capitalised, that make a text with too few pronouns and
 * sentences to judge (a log, a list) one that capitalises, when there are
 * this many times as many as those in lower case. */
#define CASED_MIN_UPPER_NAMES 8
#define CASED_UPPER_PER_LOWER 8

/* What a tag of a names category, or of words, counts for among the
 * capitalised names:
 * it stands for a name of up to this many words, which it replaced, so
 * that a redacted text is judged as its original was or as one that
 * capitalises (redacting again then finds nothing new). */
#define TAG_NAME_WORDS 3

/* How a text's case is judged (text_is_cased): by what it says, or, when
 * it says too little, taken as lower case by default. */
enum text_case { TEXT_CASED, TEXT_LOWER, TEXT_LOWER_BY_DEFAULT };

static enum text_case
judge_case(const struct token_list *tl)
{
    size_t upper = tl->i_upper, lower = tl->i_lower; /* counted by the tokeniser */
    /* Speech recognition capitalises I and writes names as it hears them:
     * most of the names that are no English word, in lower case, say that
     * case tells nothing here ("karen", "sheila", and "Carol" once). */
    if (tl->names_lower >= CASED_MIN_LOWER_NAMES && tl->names_lower >= 2 * tl->names_upper)
        return TEXT_LOWER;
    if (upper + lower >= CASED_MIN_I)
        return upper >= 3 * lower ? TEXT_CASED : TEXT_LOWER;
    /* Notes and minutes hardly say "I": then the sentences that open with
     * a function word tell. */
    upper = tl->start_upper, lower = tl->start_lower;
    if (upper + lower >= CASED_MIN_STARTS)
        return upper >= 3 * lower ? TEXT_CASED : TEXT_LOWER;
    /* Terse notes have few of either: a few capitals and not one lower
     * case among them all still tell ("Son (Darren) disputing. The home
     * rang."). */
    if (tl->i_lower == 0 && lower == 0 && tl->i_upper + upper >= CASED_MIN_UNANIMOUS)
        return TEXT_CASED;
    /* Logs and lists hardly write a sentence but do write names: many
     * capitalised and few in lower case (a word of the trade that a list
     * of surnames holds, "ramus") tell.  A tag of any category counts as
     * capitalised names here (a tag of words is in names_upper already, a
     * tag of figures such as [DATE] in other_tags), so that a redacted
     * text is judged as its original was. */
    size_t capitalised = tl->names_upper + TAG_NAME_WORDS * tl->other_tags;
    return capitalised >= CASED_MIN_UPPER_NAMES &&
                   tl->names_lower * CASED_UPPER_PER_LOWER <= capitalised
               ? TEXT_CASED
               : TEXT_LOWER_BY_DEFAULT;
}

/* Does the text capitalise the pronoun "I" ("I", "I'm", "I've"), at least
 * three times in four?  Then it capitalises names too, and a list name in
 * lower case ("the telly", "frum", "rav") is a word, not a name; in an
 * all-lower-case transcript (speech recognition, careless typing) case says
 * nothing, and lower-case names are names.  A text that hardly says "I"
 * (care notes, minutes) is judged the same way by the sentences that open
 * with a function word after a full stop ("The", "She"), and is taken as
 * written in lower case when it has too few of those too, unless the few
 * pronouns and openings it has are all capitalised or it writes many of
 * the names only lists of names hold, nearly all capitalised (a log, a
 * list).
 * Pronouns and openings are counted because no rule replaces them and
 * their case does not depend on their neighbours: a redacted text is
 * judged as its original was, and redacting it again changes nothing more.
 * Before either, a text that writes most of the names only lists of names
 * hold in lower case (names_case_count) is written in lower case whatever
 * its pronoun; there a tag of a names category or of words counts as
 * capitalised names, so that a redacted text is judged as its original was
 * or as one that capitalises. */
bool
text_is_cased(const struct token_list *tl)
{
    return judge_case(tl) == TEXT_CASED;
}

/* Does a title stand just before token i ("Mrs" of "Mrs Holland", with at
 * most a full stop and a space between)?  A comma ends the title's reach:
 * "a nice doctor, English-speaking" names no Dr English.  In a text that
 * capitalises, a title is capitalised: "miss Christmas" is the verb. */
static bool
after_title(const char *text, const struct token_list *tl, size_t i, bool cased)
{
    if (i == 0)
        return false;
    const struct token *p = &tl->v[i - 1];
    if (cased && !(p->flags & (TOK_CAPITALISED | TOK_ALLCAPS)))
        return false;
    return (p->flags & (TOK_NAME_NEXT | TOK_JOINS_NEXT)) &&
           memchr(text + p->end, ',', tl->v[i].start - p->end) == NULL &&
           title_word(tl->keys.data + p->key, p->key_len);
}

/* Does a rule of one of the kinds held (enum entry_holder bits) list
 * token k as a word of its own? */
static bool
listed_by(const struct scan *sc, size_t k, unsigned held)
{
    const struct lex_entry *e = sc->ents[k];
    return e != NULL && (entry_holders(sc->rs, e, UINT32_MAX) & held);
}

/* In a text that shows it is written in lower case (not one taken so for
 * saying too little: "We drove house to house"), may tokens [i, j] be an
 * entry of a rule with "phrases also-lower-case" as written?  Two words or
 * more, the first not a function word and none "and": "alder hey" and
 * "stepping hill hospital", not "the city hospital" or "heart and chest". */
static bool
lower_case_phrase(const struct scan *sc, size_t i, size_t j)
{
    if (!sc->lower_shown || i == j)
        return false;
    if (sc->ents[i] != NULL && (sc->ents[i]->flags & LEX_FUNCTION_WORD))
        return false;
    for (size_t k = i; k <= j; k++)
        if (key_is(sc->toks, k, "and"))
            return false;
    return true;
}

static bool after_place_word(const struct scan *sc, size_t i);

/* Does a rule that is no names rule, and no allow rule, hold entry e (a
 * list of places or of organisations)? */
static bool
held_as_place(const struct hush_ruleset *rs, const struct lex_entry *e)
{
    const uint32_t *ids = lexicon_rules(&rs->lex, e);
    for (uint16_t k = 0; k < e->nrules; k++)
        if (ids[k] < rs->n && !rs->rules[ids[k]].allow && rs->rules[ids[k]].kind != KIND_NAMES)
            return true;
    return false;
}

/* Emits a candidate for every rule of entry e over tokens [i, j]. */
static void
emit_entry(struct scan *sc, const struct lex_entry *e, size_t i, size_t j, bool evidence)
{
    const struct hush_ruleset *rs = sc->rs;
    /* A function word ("But", "So", "He") is never a name from a list. */
    if (e->flags & LEX_FUNCTION_WORD)
        return;
    const uint32_t *ids = lexicon_rules(&rs->lex, e);
    const struct token *a = &sc->toks->v[i], *b = &sc->toks->v[j];
    bool lower_case = true;
    for (size_t k = i; k <= j && lower_case; k++)
        lower_case = !(sc->toks->v[k].flags & (TOK_CAPITALISED | TOK_ALLCAPS));
    /* In a text written in lower case, a word in lower case, and no
     * common word, that a list of places holds as well as a list of names
     * is the place after "in", "at", "to", "into" or "from" ("went to
     * leeds", "lives in preston"), as the context rules make it where the
     * text capitalises.  A common word ("church", "reading") is left as
     * it was: it needs evidence to be either. */
    bool place_here = i == j && lower_case && !(e->flags & LEX_COMMON_WORD) &&
                      after_place_word(sc, i) && held_as_place(rs, e);
    bool allowed = false;
    for (uint16_t k = 0; k < e->nrules; k++) {
        if (ids[k] >= rs->n)
            continue; /* a damaged image */
        const struct rule *r = &rs->rules[ids[k]];
        /* After a title a word is a name, whatever else it is: "Mrs
         * Holland", "Dr French" are people, not a country or a language. */
        if (r->allow && after_title(sc->text, sc->toks, i, sc->cased))
            continue;
        allowed |= r->allow;
        bool names = r->kind == KIND_NAMES && !r->allow;
        if (names && lower_case && sc->cased && !r->registered)
            continue; /* a word, in a text that capitalises names */
        if (names && place_here && !r->registered)
            continue;
        bool common = (e->flags & LEX_COMMON_WORD) || (names && i == j && acronym_like(a, e));
        /* An acronym of the rule set's list in capitals has no evidence of
         * its own ("ED:", "PI"): it is a name only beside one. */
        bool acronym = names && i == j && (a->flags & TOK_ALLCAPS) && (e->flags & LEX_ACRONYM);
        /* A word that is a person's name far more rarely than it is a word
         * ("Medicine", "Home", "Sat") is one alone only as a speaker label;
         * beside another name it is still found (can_lean).  A place or an
         * organisation of that word keeps the capital's evidence. */
        bool ev = evidence && !acronym &&
                  !(names && i == j && (e->flags & LEX_RARE_NAME) && !(a->flags & TOK_LABEL));
        /* A list of places that lower-case speech names the same way
         * ("alder hey") takes its phrases as written there. */
        ev = ev || (r->lower_case_phrases && lower_case_phrase(sc, i, j));
        if (names && i == j && sc->name[i] != NAME_FOUND) {
            sc->name[i] = common && !ev ? NAME_WEAK : NAME_FOUND;
            sc->name_rule[i] = ids[k];
        }
        /* A study named this person in its register: capitalised, the word
         * is taken as the name even where a common word would need more. */
        bool named = r->registered && (a->flags & (TOK_CAPITALISED | TOK_ALLCAPS));
        if (common && !ev && !r->allow && !named)
            continue;
        candidates_push(sc->out, a->start, b->end, ids[k], r->category, r->allow);
    }
    /* A word an allow list holds ("Ramadan") lends no word beside it the
     * evidence of a found name: "Last Ramadan" is no person, though both
     * are surnames; with a name of its own beside it, it may still be one. */
    if (allowed && i == j && sc->name[i] == NAME_FOUND)
        sc->name[i] = NAME_WEAK;
}

/* Evidence that a phrase of common words, tokens i..j, names something
 * here: its first word's own, or the whole phrase in capitals from its
 * first word on, a later word capitalised too ("NHS Fife" at the start of
 * a sentence or after an acronym), which a phrase of ordinary words in
 * running text does not have ("the High" of "the High Street" is not). */
static bool
phrase_evidence(const struct token_list *tl, size_t i, size_t j)
{
    if (own_evidence(&tl->v[i]))
        return true;
    /* Capitals joined by an ampersand with no space after "the" ("the
     * N&N", "the RD&E"; the ampersand's key is "and") are a place's
     * abbreviation, as no phrase of common words is written (without
     * "the", "L&D" is as often liaison and diversion). */
    bool the = key_is(tl, i, "the") ||
               (i > 0 && (tl->v[i - 1].flags & TOK_NAME_NEXT) && key_is(tl, i - 1, "the"));
    for (size_t k = i + 1; the && k < j; k++) {
        const struct token *a = &tl->v[k - 1], *amp = &tl->v[k], *b = &tl->v[k + 1];
        bool ampersand = amp->end - amp->start == 1 && key_is(tl, k, "and");
        if (ampersand && a->end == amp->start && amp->end == b->start &&
            (a->flags & (TOK_INITIAL | TOK_ALLCAPS)) && (b->flags & (TOK_INITIAL | TOK_ALLCAPS)))
            return true;
    }
    if (!(tl->v[i].flags & (TOK_CAPITALISED | TOK_ALLCAPS)))
        return false;
    for (size_t k = i + 1; k <= j; k++)
        if (tl->v[k].flags & TOK_CAPITALISED)
            return true;
    return false;
}

/* Is token i, in a text written in lower case, just after a preposition
 * of place ("went into stepping hill", "conveyed to the good hope", "at
 * heartlands")?  There a phrase of common words that a list holds has
 * the evidence a capital gives elsewhere. */
static bool
after_place_word(const struct scan *sc, size_t i)
{
    static const char *const before[] = {"at", "to", "into", "in", "from"};
    const struct token_list *tl = sc->toks;
    /* The phrase itself must not begin with "the" or another function
     * word ("in the park"). */
    if (sc->cased || i == 0 || !(tl->v[i - 1].flags & TOK_NAME_NEXT) || key_is(tl, i, "the") ||
        marked(sc, i, LEX_FUNCTION_WORD))
        return false;
    size_t k = i - 1;
    if (key_is(tl, k, "the")) {
        if (k == 0 || !(tl->v[k - 1].flags & TOK_NAME_NEXT))
            return false;
        k--;
    }
    return KEY_IN(tl, k, before);
}

/* Looks for entries of two or more words starting at token i, longest
 * first, up to the longest entry that starts with this word. */
static void
match_windows(struct scan *sc, size_t i, unsigned longest)
{
    const struct token_list *tl = sc->toks;
    size_t n = tl->n - i < longest ? tl->n - i : longest;
    for (size_t w = 1; w < n; w++) {
        const struct token *prev = &tl->v[i + w - 1], *t = &tl->v[i + w];
        if (!(prev->flags & TOK_JOINS_NEXT) || t->key_len == 0)
            break;
        /* Every longer window begins with the first two words: when no
         * entry begins with them, stop, before writing any key when their
         * hash can be had without one (token_seq_key hashes a possessive
         * first word with its 's). */
        if (w == 1) {
            const struct token *first = &tl->v[i];
            uint64_t pair = (first->flags & TOK_POSSESSIVE)
                                ? token_seq_key(tl, i, i + 1, &sc->key)
                                : hash_seq(hash_seq(HASH_SEED, first->hash), t->hash);
            if (!lexicon_may_begin(&sc->rs->lex, pair))
                break;
        }
        uint64_t h = token_seq_key(tl, i, i + w, &sc->key);
        const struct lex_entry *e = lexicon_find(&sc->rs->lex, sc->key.data, sc->key.len, h);
        if (e && (e->flags & LEX_ENTRY))
            emit_entry(sc, e, i, i + w, phrase_evidence(tl, i, i + w) || after_place_word(sc, i));
    }
}

/* Is t (with lexicon entry e, or NULL) a capitalised word that is no
 * English word and in no list ("Dermot", "Okonkwo")? */
static bool
unknown_capital(const struct token *t, const struct lex_entry *e)
{
    return (t->flags & TOK_CAPITALISED) && !(t->flags & (TOK_DIGITS | TOK_INITIAL)) &&
           t->end - t->start >= 2 && (e == NULL || !(e->flags & (LEX_COMMON_WORD | LEX_ENTRY)));
}

/* Marks token i, once no list has made it a name, if it can only join a
 * name, never start one: a capitalised word that is no English word and in
 * no list (the "Dermot" of "Dermot Gallagher", the "Okonkwo" of
 * "Okonkwo-Grant"), a particle, or an English word that no list of names
 * holds or a word that only lists of terms hold (a place, an
 * organisation), capitalised in mid-sentence (such a word also in capitals
 * after a capitalised word), which may only follow a name as its surname
 * ("Helen Cushion", "Eric Whitcombe", "Harold BEXLEY"; surname_position). */
static void
mark_joiner(struct scan *sc, size_t i)
{
    const struct token *t = &sc->toks->v[i];
    const struct lex_entry *e = sc->ents[i];
    if (sc->name[i] != NAME_NONE)
        return;
    if (e && (e->flags & LEX_PARTICLE))
        sc->name[i] = NAME_PARTICLE;
    else if (unknown_capital(t, e))
        sc->name[i] = NAME_UNKNOWN;
    else if (e &&
             !(e->flags &
               (LEX_FUNCTION_WORD | LEX_PERSON_WORD | LEX_NAME_FOLLOWER | LEX_ACRONYM)) &&
             !(t->flags & (TOK_DIGITS | TOK_INITIAL))) {
        bool place =
            !(e->flags & LEX_COMMON_WORD) && entry_holders(sc->rs, e, UINT32_MAX) == HELD_TERMS;
        /* A place (any word only lists of terms hold) in capitals after a
         * capitalised word is a surname as notes write one ("Harold
         * BEXLEY"). */
        bool capitals = place && (t->flags & TOK_ALLCAPS) && i > 0 &&
                        (sc->toks->v[i - 1].flags & TOK_CAPITALISED);
        if (((e->flags & LEX_COMMON_WORD) || place) &&
            (((t->flags & TOK_CAPITALISED) && own_evidence(t)) || capitals))
            sc->name[i] = NAME_CAPITAL;
    }
}

/* Is token k a found name that token i may lean on? */
static bool
found_beside(const struct scan *sc, size_t i, size_t k)
{
    const struct token_list *tl = sc->toks;
    if (k >= tl->n || sc->name[k] != NAME_FOUND)
        return false;
    size_t left = i < k ? i : k;
    return (tl->v[left].flags & TOK_NAME_NEXT) != 0;
}

/* Is token i, opening a sentence, a verb whose object is the name after it
 * ("Rang Kamran's line", "Told Helen"), as notes drop their subject, or as
 * an imperative has none ("Ask Tomas", "Tell Helen")? */
static bool
verb_before_name(const struct scan *sc, size_t i)
{
    static const char *const verbs[] = {
        "rang",    "phoned",  "called",  "told",  "asked",    "saw",   "met",  "texted",
        "emailed", "visited", "thanked", "rung",  "messaged", "ask",   "tell", "ring",
        "phone",   "call",    "text",    "email", "thank",    "visit", "gave", "give"};
    return (sc->toks->v[i].flags & TOK_SENTENCE_START) && KEY_IN(sc->toks, i, verbs);
}

/* Is the capitalised English word i (NAME_CAPITAL) a surname here: just
 * after a found name of one word, a blank between ("Helen Cushion")?  Not
 * where the name is also a place ("Leeds United"), a name goes before it
 * ("Older South Asian"), a title-case phrase goes on after it ("Alice
 * Hospice Shop"), or the word is a plural ("Bolton Wanderers"). */
static bool
surname_position(const struct scan *sc, size_t i)
{
    const struct token_list *tl = sc->toks;
    const struct token *t = &tl->v[i], *left = &tl->v[i - 1];
    const char *k = tok_key(tl, t);
    bool plural = t->key_len > 2 && k[t->key_len - 1] == 's' && k[t->key_len - 2] != 's';
    size_t blank = blank_before(sc->text, t->start);
    return found_beside(sc, i, i - 1) && blank > 0 && blank == t->start - left->end &&
           !listed_by(sc, i - 1, HELD_TERMS) && !plural &&
           !(i >= 2 && sc->name[i - 2] == NAME_FOUND && (tl->v[i - 2].flags & TOK_NAME_NEXT)) &&
           !(i + 1 < tl->n && (t->flags & TOK_NAME_NEXT) &&
             (tl->v[i + 1].flags & (TOK_CAPITALISED | TOK_ALLCAPS)));
}

/* Can token i lean on a found name beside it?  A capitalised common word
 * or unknown word beside a found name is part of it ("Grace Okafor", "Will
 * Baker", "Dermot Gallagher"); a particle between two names is too ("Rhys
 * ap Gwilym"); a capitalised English word after one is its surname
 * ("Helen Cushion").  Sets *from to the token whose rule it takes. */
static bool
can_lean(const struct scan *sc, size_t i, size_t *from)
{
    const struct token_list *tl = sc->toks;
    uint8_t state = sc->name[i];
    const struct token *t = &tl->v[i];
    bool lean = false;
    *from = i;
    /* A room, a bed or a grade before its number is no part of a name
     * beside it ("Mr Walter Beevers Rm 12", "KM Band 6 PT"). */
    static const char *const rooms[] = {"rm",   "room",    "bed",  "bay",   "flat",
                                        "apt",  "cubicle", "band", "grade", "level",
                                        "ward", "floor",   "year", "class"};
    if (i + 1 < tl->n && (t->flags & TOK_NAME_NEXT) && (tl->v[i + 1].flags & TOK_DIGITS) &&
        KEY_IN(tl, i, rooms))
        return false;
    if (state == NAME_WEAK || state == NAME_UNKNOWN) {
        bool capital = (t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)) != 0;
        /* A common word after a name that a capitalised English word
         * follows opens a title-case phrase, not the name's last word
         * ("Hyson Green Care Delivery Group", "Okafor Care Home"). */
        bool phrase = state == NAME_WEAK && i + 1 < tl->n && (t->flags & TOK_NAME_NEXT) &&
                      (tl->v[i + 1].flags & TOK_CAPITALISED) && unlisted_capital(sc, i + 1);
        /* A word an allow list holds after a name that is also a place is
         * what the place calls something ("Glasgow English"). */
        bool placed = i > 0 && listed_by(sc, i, HELD_ALLOW) && listed_by(sc, i - 1, HELD_TERMS);
        /* An acronym in capitals leans only on a name in capitals ("ELSA
         * WILLIAMS"), not on one written as a name ("Sunderland PI"). */
        bool acronym = (t->flags & TOK_ALLCAPS) && marked(sc, i, LEX_ACRONYM);
        bool left_ok = !acronym || (i > 0 && (tl->v[i - 1].flags & TOK_ALLCAPS));
        bool right_ok = !acronym || (i + 1 < tl->n && (tl->v[i + 1].flags & TOK_ALLCAPS));
        if (capital && i > 0 && found_beside(sc, i, i - 1) && !phrase && !placed && left_ok) {
            lean = true, *from = i - 1;
        } else if (capital && found_beside(sc, i, i + 1) && right_ok && !verb_before_name(sc, i) &&
                   !(marked(sc, i, LEX_PERSON_WORD) && marked(sc, i, LEX_RARE_NAME))) {
            /* Not a word for someone that is seldom a name, before a
             * name ("Cousin Eric Whitcombe"): it says who the person is.
             * One that is often a name leans ("Ma Jun", a surname
             * first). */
            lean = true, *from = i + 1;
        } else if (capital && state == NAME_WEAK && i + 1 < tl->n &&
                   sc->name[i + 1] == NAME_UNKNOWN && (t->flags & TOK_NAME_NEXT)) {
            /* Even after a verb ("Rang Zephyrine"): without this pairing the
             * unknown word would be no name at all. */
            /* A name that is also a word, then a capitalised word that is
             * no word at all: a given name and a surname ("Frank Adomako"
             * at the start of a sentence). */
            lean = true;
        } else if (!capital && state == NAME_WEAK && found_beside(sc, i, i + 1) &&
                   sc->ents[i + 1] && !(sc->ents[i + 1]->flags & LEX_COMMON_WORD) &&
                   !(tl->v[i + 1].flags & (TOK_CAPITALISED | TOK_ALLCAPS)) &&
                   !marked(sc, i, LEX_NAME_FOLLOWER)) {
            /* In lower-case text, a name-word before a name that is no
             * English word is a given name ("heather mcallister"), but
             * for a word that follows names ("ciaran said niamh said"). */
            lean = true, *from = i + 1;
        }
    } else if (state == NAME_CAPITAL) {
        lean = i > 0 && surname_position(sc, i);
        *from = i - 1;
    } else if (state == NAME_PARTICLE) {
        /* Only between a found name and a word that can be one (a
         * capitalised name, or another particle: "van der"). */
        uint8_t next = i + 1 < tl->n ? sc->name[i + 1] : NAME_NONE;
        lean = i > 0 && found_beside(sc, i, i - 1) && (tl->v[i].flags & TOK_NAME_NEXT) &&
               (next == NAME_PARTICLE ||
                ((next == NAME_FOUND || next == NAME_WEAK || next == NAME_UNKNOWN) &&
                 (tl->v[i + 1].flags & (TOK_CAPITALISED | TOK_ALLCAPS))));
        *from = i - 1;
    }
    return lean;
}

/* Spreads names to the words that can lean on them, from every token, and
 * again from the neighbours of each newly found word (a worklist: each
 * token is reconsidered only when a neighbour changes, so the cost stays
 * linear however names chain).  Only weak, unknown, particle and capital
 * words can ever lean (can_lean), and a word's state changes only to found, so the
 * worklist starts with those alone: the others would be taken off it
 * unchanged, in the same order. */
static void
lend_evidence(struct scan *sc)
{
    const struct token_list *tl = sc->toks;
    size_t *work = hush_xmalloc((tl->n + 1) * sizeof *work), nwork = 0;
    uint8_t *queued = hush_xcalloc(tl->n + 1, 1);
    for (size_t i = tl->n; i-- > 0;) {
        uint8_t state = sc->name[i];
        if (state == NAME_WEAK || state == NAME_UNKNOWN || state == NAME_PARTICLE ||
            state == NAME_CAPITAL) {
            work[nwork++] = i;
            queued[i] = 1;
        }
    }
    while (nwork > 0) {
        size_t i = work[--nwork], from;
        queued[i] = 0;
        if (sc->name[i] == NAME_FOUND || !can_lean(sc, i, &from))
            continue;
        uint8_t state = sc->name[i];
        uint32_t ri = state == NAME_WEAK ? sc->name_rule[i] : sc->name_rule[from];
        sc->name[i] = NAME_FOUND;
        sc->name_rule[i] = ri;
        /* A particle or an unknown word is a candidate only as part of the
         * joined name (join_names). */
        if (state == NAME_WEAK)
            candidates_push(sc->out, tl->v[i].start, tl->v[i].end, ri, sc->rs->rules[ri].category,
                            false);
        if (i > 0 && !queued[i - 1])
            work[nwork++] = i - 1, queued[i - 1] = 1;
        if (i + 1 < tl->n && !queued[i + 1])
            work[nwork++] = i + 1, queued[i + 1] = 1;
    }
    free(work);
    free(queued);
}

/* Is token t an initial that may stand before a name?  "I" and "A" are
 * words, even before a full stop ("...so did I. So"); a capital before an
 * ampersand is half an abbreviation ("R&D", "A&E"). */
static bool
is_initial(const char *text, size_t len, const struct token *t)
{
    if (!(t->flags & TOK_INITIAL))
        return false;
    char c = text[t->start];
    return c != 'I' && c != 'A' && !(t->end < len && text[t->end] == '&');
}

/* Does an initial stand after the name's word k: a surname cut to its
 * initial ("Dawn R:", "Tom H re the visit")? */
static bool
initial_follows(const char *text, size_t len, const struct token_list *tl, size_t k)
{
    return k + 1 < tl->n && (tl->v[k].flags & TOK_NAME_NEXT) &&
           is_initial(text, len, &tl->v[k + 1]);
}

/* Joins runs of found names (and an initial on either side) into one
 * span. */
static void
join_names(struct scan *sc)
{
    const struct token_list *tl = sc->toks;
    for (size_t i = 0; i < tl->n;) {
        if (sc->name[i] != NAME_FOUND) {
            i++;
            continue;
        }
        size_t first = i, last = i;
        while (last + 1 < tl->n && sc->name[last + 1] == NAME_FOUND &&
               (tl->v[last].flags & TOK_NAME_NEXT))
            last++;
        while (first > 0 && is_initial(sc->text, sc->len, &tl->v[first - 1]) &&
               (tl->v[first - 1].flags & TOK_NAME_NEXT))
            first--;
        if (initial_follows(sc->text, sc->len, tl, last))
            last++;
        if (last > first) {
            uint32_t ri = sc->name_rule[i];
            candidates_push(sc->out, tl->v[first].start, tl->v[last].end, ri,
                            sc->rs->rules[ri].category, false);
        }
        i = last + 1;
    }
}

/* How many lookups ahead the lexicon's memory is asked for: the slot at
 * twice this distance, the entry and key at this one. */
#define LOOKAHEAD 8

/* Finds each token's lexicon entry (NULL for none).  The lookups are
 * independent, and most of their time is spent waiting on memory, so the
 * memory of later ones is requested while earlier ones are done. */
static void
look_up_tokens(const struct hush_ruleset *rs, const struct token_list *toks,
               const struct lex_entry **ents)
{
    const struct lexicon *lx = &rs->lex;
    for (size_t i = 0; i < toks->n; i++) {
        if (i + 2 * LOOKAHEAD < toks->n)
            lexicon_prefetch(lx, hash_seq(HASH_SEED, toks->v[i + 2 * LOOKAHEAD].hash), 0);
        if (i + LOOKAHEAD < toks->n)
            lexicon_prefetch(lx, hash_seq(HASH_SEED, toks->v[i + LOOKAHEAD].hash), 1);
        const struct token *t = &toks->v[i];
        ents[i] = t->key_len == 0 ? NULL
                                  : lexicon_find(lx, tok_key(toks, t), t->key_len,
                                                 hash_seq(HASH_SEED, t->hash));
    }
}

/* Is token t part of an address or a handle ("karen.smith@", "@karen",
 * "karen_s"), where names are written in lower case whatever the text? */
static bool
in_address(const char *text, size_t len, const struct token *t)
{
    char b = t->start > 0 ? text[t->start - 1] : ' ', a = t->end + 1 < len ? text[t->end] : ' ';
    return (b != '\0' && strchr("@._/:#", b) != NULL) ||
           (a != '\0' && strchr("@._/", a) != NULL && (unsigned char)text[t->end + 1] > ' ');
}

/* Is token t the category of a tag ("PERSON" of "[PERSON]" or of
 * "[PERSON-K7QX2M9A]"): what redacting left where an identifier was? */
static bool
tag_word(const char *text, size_t len, const struct token *t)
{
    return (t->flags & TOK_ALLCAPS) && t->start > 0 && text[t->start - 1] == '[' && t->end < len &&
           (text[t->end] == ']' || text[t->end] == '-');
}

/* Does a number or a tag stand just before or after token i, as a number
 * does beside a month that is also a name ("5 Jan 2024", "May 12"), and a
 * tag does where a number was redacted ("5 Jan [AGE]")? */
static bool
beside_number(const char *text, size_t len, const struct token_list *toks, size_t i)
{
    const struct token *v = toks->v;
    return (i > 0 && ((v[i - 1].flags & TOK_DIGITS) || tag_word(text, len, &v[i - 1]))) ||
           (i + 1 < toks->n && ((v[i + 1].flags & TOK_DIGITS) || tag_word(text, len, &v[i + 1])));
}

/* The categories that rules of kind names find, a bit for each of the
 * first 64. */
static uint64_t
names_categories(const struct hush_ruleset *rs)
{
    uint64_t bits = 0;
    for (size_t r = 0; r < rs->n; r++) {
        const struct rule *x = &rs->rules[r];
        if (x->kind == KIND_NAMES && !x->allow && x->category < 64)
            bits |= UINT64_C(1) << x->category;
    }
    return bits;
}

/* Is the tag token t one of the categories in bits ("[PERSON]")? */
static bool
tag_in(const struct hush_ruleset *rs, uint64_t bits, const char *text, const struct token *t)
{
    size_t n = t->end - t->start;
    for (size_t c = 0; c < rs->ncategories && c < 64; c++)
        if ((bits >> c & 1) && strlen(rs->categories[c]) == n &&
            memcmp(rs->categories[c], text + t->start, n) == 0)
            return true;
    return false;
}

/* Counts, into toks, the words that only lists of people's names hold
 * ("karen", "Sheila"; not "carol", a word, nor a rare name), written
 * capitalised and in lower case, outside addresses and not beside a
 * number or a tag; a tag of a names category or of words (word-tags)
 * counts as TAG_NAME_WORDS capitalised ones, and the other tags are
 * counted apart.  The names in one run of words a name may hold
 * (capitals, initials, particles, side by side: "Ann Bea de Cid SMITH
 * Dot"), which redacting may turn into one tag, count as TAG_NAME_WORDS at
 * most, so that a text redacted is judged as its original was. */
static void
names_case_count(const struct hush_ruleset *rs, const char *text, size_t len,
                 struct token_list *toks, const struct lex_entry *const *ents)
{
    toks->names_upper = toks->names_lower = 0;
    uint64_t cats = 0;
    bool cats_known = false;
    /* The run of words a name may hold that token i is in (capitals,
     * initials, particles, joined by a name's gap), and how many of them
     * were counted. */
    bool in_run = false;
    size_t run = 0;
    for (size_t i = 0; i < toks->n; i++) {
        const struct lex_entry *e = ents[i];
        const struct token *t = &toks->v[i];
        bool nameish = (t->flags & (TOK_CAPITALISED | TOK_ALLCAPS | TOK_INITIAL)) ||
                       (e != NULL && (e->flags & LEX_PARTICLE));
        if (!nameish || !in_run || !(toks->v[i - 1].flags & TOK_NAME_NEXT))
            run = 0;
        in_run = nameish;
        if (tag_word(text, len, t)) {
            if (!cats_known) {
                cats = names_categories(rs);
                cats_known = true;
            }
            /* A tag of words ("[PLACE]") may have replaced names too
             * ("Lodge", "Ashby"): it counts as they would, so that a
             * redacted text is judged as one that capitalises at least as
             * much as its original. */
            if (tag_in(rs, cats, text, t) || word_category(toks, text, t))
                toks->names_upper += TAG_NAME_WORDS;
            else
                toks->other_tags++;
            continue;
        }
        if (e == NULL || !(e->flags & LEX_ENTRY) ||
            (e->flags & (LEX_COMMON_WORD | LEX_FUNCTION_WORD | LEX_RARE_NAME | LEX_PARTICLE)) ||
            (t->flags & (TOK_ALLCAPS | TOK_DIGITS)) || in_address(text, len, t) ||
            beside_number(text, len, toks, i))
            continue;
        if (!(entry_holders(rs, e, UINT32_MAX) & HELD_NAMES))
            continue;
        if (t->flags & TOK_CAPITALISED) {
            if (++run <= TAG_NAME_WORDS)
                toks->names_upper++;
        } else if ((unsigned)((unsigned char)text[t->start] - 'a') < 26u)
            toks->names_lower++;
    }
}

void
names_find(const struct hush_ruleset *rs, const char *text, size_t len, struct token_list *toks,
           const struct lex_entry **ents, struct candidates *out)
{
    look_up_tokens(rs, toks, ents);
    names_case_count(rs, text, len, toks, ents);
    enum text_case tc = judge_case(toks);
    struct scan sc = {
        rs, text, len, toks, out, {0}, ents, NULL, NULL, tc == TEXT_CASED, tc == TEXT_LOWER};
    sc.name = hush_xcalloc(toks->n + 1, 1);
    sc.name_rule = hush_xcalloc(toks->n + 1, sizeof *sc.name_rule);
    for (size_t i = 0; i < toks->n; i++) {
        const struct lex_entry *e = sc.ents[i];
        if (e && e->longest > 1)
            match_windows(&sc, i, e->longest);
        /* emit_entry reads the evidence only for a word it holds common
         * (an English word, or a short word in capitals), so only then is
         * it looked for. */
        if (e && (e->flags & LEX_ENTRY))
            emit_entry(&sc, e, i, i,
                       ((e->flags & LEX_COMMON_WORD) || acronym_like(&toks->v[i], e)) &&
                           evidence(&sc, i));
        /* Only emit_entry(..., i, i, ...) above sets token i's state. */
        mark_joiner(&sc, i);
    }
    lend_evidence(&sc);
    join_names(&sc);
    free(sc.name);
    free(sc.name_rule);
    hush_buf_free(&sc.key);
}

/* ---- recurrence within a document --------------------------------------- */

struct part {
    uint64_t hash;
    uint32_t key, key_len; /* in the token list's key arena */
    uint32_t rule;
    bool alone; /* a one-word name in lower case, found by its context ("frank:") */
};

/* The bits of the parts' filter: a few times more than a document's names
 * have parts, so that nearly every other word is passed over on one bit. */
#define PARTS_FILTER_BITS 2048

/* The parts of the accepted names, in an open-addressing table by hash. */
struct parts {
    struct part *v;
    size_t n, cap;
    uint32_t *slots; /* 0 empty, else index + 1 */
    size_t nslots;
    /* A bit for the hash of each part (parts_bit): a word whose bit is
     * clear is no part, without a probe of the table. */
    uint64_t filter[PARTS_FILTER_BITS / 64];
};

/* The filter bit of a word's hash: its high bits, since the low ones pick
 * slots. */
static size_t
parts_bit(uint64_t h)
{
    return (size_t)(h >> 53); /* the top 11 bits: log2(PARTS_FILTER_BITS) */
}

/* The part whose normalised word is key[0, n), with hash h, or NULL, from
 * the table. */
static const struct part *
parts_probe(const struct parts *ps, const struct token_list *toks, uint64_t h, const char *key,
            size_t n)
{
    for (size_t s = h & (ps->nslots - 1);; s = (s + 1) & (ps->nslots - 1)) {
        uint32_t v = ps->slots[s];
        if (v == 0)
            return NULL;
        const struct part *p = &ps->v[v - 1];
        if (p->hash == h && p->key_len == n && memcmp(toks->keys.data + p->key, key, n) == 0)
            return p;
    }
}

/* The part whose normalised word is key[0, n), with hash h, or NULL: most
 * words are turned away by the filter, without a probe. */
static inline const struct part *
parts_lookup(const struct parts *ps, const struct token_list *toks, uint64_t h, const char *key,
             size_t n)
{
    size_t b = parts_bit(h);
    if (ps->nslots == 0 || !(ps->filter[b / 64] >> (b % 64) & 1))
        return NULL;
    return parts_probe(ps, toks, h, key, n);
}

/* The part that token t is, or NULL. */
static inline const struct part *
parts_find(const struct parts *ps, const struct token_list *toks, const struct token *t)
{
    return parts_lookup(ps, toks, t->hash, tok_key(toks, t), t->key_len);
}

/* The part of which token k, capitalised and after "the", is the plural
 * ("the Partridges" once "Lou Partridge" is found, "the Joneses"), or
 * NULL. */
static const struct part *
plural_part(const struct parts *ps, const struct token_list *toks, size_t k)
{
    static const char *const the[] = {"the"};
    const struct token *t = &toks->v[k];
    if (k == 0 || !(t->flags & TOK_CAPITALISED) || (t->flags & TOK_POSSESSIVE) ||
        !(toks->v[k - 1].flags & TOK_NAME_NEXT) || !KEY_IN(toks, k - 1, the))
        return NULL;
    const char *key = tok_key(toks, t);
    size_t stems[2], n = plural_stems(key, t->key_len, stems);
    for (size_t j = 0; j < n; j++) {
        const struct part *p =
            parts_lookup(ps, toks, hash_bytes(HASH_SEED, key, stems[j]), key, stems[j]);
        if (p != NULL)
            return p;
    }
    return NULL;
}

/* The part of which token k is the possessive written without its
 * apostrophe, as chat and text messages write it ("Trevs seedlings",
 * "lyns number" once "Trev" and "Lyn" are found), or NULL: the part and an
 * s, a word of four letters or more that is no English word and no list's
 * entry ("Marks", "Deans" and "Jones" are words or names of their own),
 * of a part that is no English word either ("Bakers" is the shop's), and
 * capitalised unless the text is written in lower case ("dewis", Welsh for
 * choice, is no Dewi's). */
static const struct part *
bare_possessive_part(const struct lexicon *lx, const struct parts *ps,
                     const struct token_list *toks, const struct lex_entry *const *ents, size_t k,
                     bool lower_text)
{
    const struct token *t = &toks->v[k];
    const char *key = tok_key(toks, t);
    size_t n = t->key_len;
    if (!lower_text && !(t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)))
        return NULL;
    if (n < 4 || key[n - 1] != 's' || (t->flags & TOK_DIGITS) ||
        (ents[k] && (ents[k]->flags & (LEX_COMMON_WORD | LEX_ENTRY | LEX_FUNCTION_WORD))))
        return NULL;
    uint64_t h = hash_bytes(HASH_SEED, key, n - 1);
    const struct part *p = parts_lookup(ps, toks, h, key, n - 1);
    if (p == NULL)
        return NULL;
    const struct lex_entry *stem = lexicon_find(lx, key, n - 1, hash_seq(HASH_SEED, h));
    return stem && (stem->flags & (LEX_COMMON_WORD | LEX_FUNCTION_WORD)) ? NULL : p;
}

/* Adds token t, a word of a name that rule found, to the parts, unless it
 * is one already; alone says the name was that one word. */
static void
parts_add(struct parts *ps, const struct token_list *toks, const struct token *t, uint32_t rule,
          bool alone)
{
    struct part *known = (struct part *)parts_find(ps, toks, t);
    if (known) {
        known->alone |= alone;
        return;
    }
    if ((ps->n + 1) * 2 > ps->nslots) {
        size_t ns = ps->nslots ? ps->nslots * 2 : 64;
        free(ps->slots);
        ps->slots = hush_xcalloc(ns, sizeof *ps->slots);
        ps->nslots = ns;
        for (size_t i = 0; i < ps->n; i++) {
            size_t s = ps->v[i].hash & (ns - 1);
            while (ps->slots[s])
                s = (s + 1) & (ns - 1);
            ps->slots[s] = (uint32_t)i + 1;
        }
    }
    ps->v = hush_xgrow(ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
    ps->v[ps->n] = (struct part){t->hash, t->key, t->key_len, rule, alone};
    size_t b = parts_bit(t->hash);
    ps->filter[b / 64] |= UINT64_C(1) << (b % 64);
    size_t s = t->hash & (ps->nslots - 1);
    while (ps->slots[s])
        s = (s + 1) & (ps->nslots - 1);
    ps->slots[s] = (uint32_t)++ps->n;
}

/* Is token k "and" or "or" (or "&", whose key is "and")? */
static bool
is_conjunction(const struct token_list *tl, size_t k)
{
    const struct token *t = &tl->v[k];
    const char *key = tok_key(tl, t);
    return (t->key_len == 3 && memcmp(key, "and", 3) == 0) ||
           (t->key_len == 2 && memcmp(key, "or", 2) == 0);
}

/* Is t (with lexicon entry e) a capitalised word that a list of names of
 * the category holds and no allow list does ("Precious", "Hope")? */
static bool
listed_name_capital(const struct hush_ruleset *rs, const struct token *t, const struct lex_entry *e,
                    uint32_t category)
{
    if (!(t->flags & TOK_CAPITALISED) || e == NULL || (e->flags & LEX_FUNCTION_WORD))
        return false;
    unsigned held = entry_holders(rs, e, category);
    return (held & HELD_NAMES_OF) && !(held & (HELD_ALLOW | HELD_DAMAGED));
}

/* The accepted name sp, over tokens [first, last], is joined by "and" or
 * "or", with only blanks between, to a capitalised word that is no English
 * word and in no list ("Anju and Reshma", "Reshma or Anju"), or that a list
 * of names holds though it is also a word, where it needed more evidence
 * ("Precious and Kerry came" at a sentence start): that word is a name of
 * its own, whichever rule found the first. */
static void
coordinated_names(const struct hush_ruleset *rs, const struct token_list *toks,
                  const struct lex_entry *const *ents, const struct hush_span *sp, size_t first,
                  size_t last, struct candidates *out, struct parts *ps)
{
    const struct token *v = toks->v;
    uint32_t category = rs->rules[sp->rule].category;
    size_t other[2];
    size_t n = 0;
    if (v[first].start == sp->start && first >= 2 && is_conjunction(toks, first - 1) &&
        (v[first - 2].flags & TOK_NAME_NEXT) && (v[first - 1].flags & TOK_NAME_NEXT))
        other[n++] = first - 2;
    if (v[last].end == sp->end && last + 2 < toks->n && is_conjunction(toks, last + 1) &&
        (v[last].flags & TOK_NAME_NEXT) && (v[last + 1].flags & TOK_NAME_NEXT))
        other[n++] = last + 2;
    for (size_t i = 0; i < n; i++) {
        size_t k = other[i];
        bool listed = listed_name_capital(rs, &v[k], ents[k], category);
        if (!listed && !unknown_capital(&v[k], ents[k]))
            continue;
        candidates_push(out, v[k].start, v[k].end, sp->rule, category, false);
        /* A listed name found so is found again where it recurs ("Precious"
         * alone, later). */
        if (listed)
            parts_add(ps, toks, &v[k], sp->rule, false);
    }
}

/* The most initials one document defines that are remembered. */
#define MAX_INITIALS 64

/* Initials of the names found: given in brackets ("Karen Beevers (KB)"),
 * as minutes and notes define them, or made from a name of two or three
 * words ("Jonah Pike" is "JP" in the actions), and the rule that found the
 * name. */
struct initials {
    const struct lexicon *lex; /* the rule set's, for its acronyms */
    struct {
        char s[4]; /* the capitals */
        uint8_t n;
        bool derived; /* made from the name, not given in brackets */
        uint32_t rule;
    } v[MAX_INITIALS];
    size_t n;
};

/* Is s[0, n), capitals made from a name, one of the rule set's acronyms
 * (its acronyms list: GP, OT, AF), which health transcripts use for roles,
 * services and conditions far more than for anyone's initials?  A name
 * made from the same letters ("Gary Price") never makes them a person. */
static bool
common_acronym(const struct lexicon *lx, const char *s, size_t n)
{
    char key[8];
    if (n > sizeof key)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return false;
        key[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    const struct lex_entry *e =
        lexicon_find(lx, key, n, hash_seq(HASH_SEED, hash_bytes(HASH_SEED, key, n)));
    return e != NULL && (e->flags & LEX_ACRONYM);
}

/* Remembers initials s[0, n) for rule, once each.  Initials made from a
 * name are never one of the rule set's acronyms ("GP" of "Gary Price");
 * those a text gives in brackets are what the text says they are. */
static void
initials_add(struct initials *in, const char *s, size_t n, bool derived, uint32_t rule)
{
    if (n < 2 || n > 4 || in->n == MAX_INITIALS || (derived && common_acronym(in->lex, s, n)))
        return;
    for (size_t d = 0; d < in->n; d++)
        if (in->v[d].n == n && memcmp(in->v[d].s, s, n) == 0)
            return;
    memcpy(in->v[in->n].s, s, n);
    in->v[in->n].n = (uint8_t)n;
    in->v[in->n].derived = derived;
    in->v[in->n++].rule = rule;
}

/* Adds the initials of the name over tokens [first, last] when it is two
 * or three capitalised words or initials ("Mary-Louise Carter" is MLC,
 * "R. Lake" is RL, "Tomás Ó Briain" is TÓB), of at most four bytes. */
static void
derived_initials(const char *text, const struct token_list *toks, size_t first, size_t last,
                 uint32_t rule, struct initials *in)
{
    if (last == first || last - first > 2)
        return;
    char s[4];
    size_t n = 0;
    for (size_t k = first; k <= last; k++) {
        const struct token *t = &toks->v[k];
        unsigned char c = (unsigned char)text[t->start];
        if (!(t->flags & (TOK_CAPITALISED | TOK_INITIAL)) || (c < 0x80 && (c < 'A' || c > 'Z')))
            return;
        /* A capital outside ASCII is all the bytes of its character. */
        int32_t cp;
        size_t m = c < 0x80 ? 1 : hush_utf8_decode(text + t->start, t->end - t->start, &cp);
        if (m == 0 || n + m > sizeof s)
            return;
        memcpy(s + n, text + t->start, m);
        n += m;
    }
    initials_add(in, s, n, true, rule);
}

/* Is token k, right after the name over tokens [first, last], its initials
 * in brackets: two to four capitals, the last that of the last word, the
 * first that of the first word or of a capitalised word just before the
 * name that is no English word (the "Sandeep" of 'Sandeep "Sandy" Kaur
 * (SK)', where the name found may be the surname alone)? */
static bool
bracketed_initials(const char *text, size_t len, const struct token_list *toks,
                   const struct lex_entry *const *ents, size_t first, size_t last, size_t k)
{
    if (k >= toks->n)
        return false;
    const struct token *t = &toks->v[k];
    size_t n = t->end - t->start, gap = t->start - toks->v[last].end;
    if (!(t->flags & TOK_ALLCAPS) || n < 2 || n > 4 || gap < 1 || gap > 2 ||
        text[t->start - 1] != '(' || (gap == 2 && text[t->start - 2] != ' ') || t->end >= len ||
        text[t->end] != ')' || text[t->end - 1] != text[toks->v[last].start])
        return false;
    if (last > first && text[t->start] == text[toks->v[first].start])
        return true;
    for (size_t j = first; j-- > 0 && first - j <= 3;)
        if ((toks->v[j].flags & TOK_CAPITALISED) && text[toks->v[j].start] == text[t->start] &&
            !(ents[j] && (ents[j]->flags & LEX_COMMON_WORD)))
            return true;
    return false;
}

/* Adds the initials in brackets later on the line of the name over tokens
 * [first, last] when they are the initials of its last words, as a list of
 * those present gives them after a role ("Revd Ruth Abernethy - Free
 * Churches Chaplain (RA)", "Giani Harjit Singh Bains - Sikh Chaplain
 * (HSB)"): two to four capitals, the first letters of the name's last two
 * to four capitalised words.  Only the first such bracket on the line, and
 * only within a few words of the name. */
static void
line_initials(const char *text, size_t len, const struct token_list *toks, size_t first,
              size_t last, uint32_t rule, struct initials *in)
{
    char caps[8];
    size_t nc = 0;
    for (size_t j = first; j <= last && nc < sizeof caps; j++) {
        char c = text[toks->v[j].start];
        if ((toks->v[j].flags & TOK_CAPITALISED) && c >= 'A' && c <= 'Z')
            caps[nc++] = c;
    }
    for (size_t j = last + 1; j < toks->n && j <= last + 12; j++) {
        const struct token *t = &toks->v[j];
        if (memchr(text + toks->v[j - 1].end, '\n', t->start - toks->v[j - 1].end))
            return;
        size_t n = t->end - t->start;
        if (!(t->flags & TOK_ALLCAPS) || n < 2 || n > 4 || t->start == 0 ||
            text[t->start - 1] != '(' || t->end >= len || text[t->end] != ')')
            continue;
        if (n <= nc && memcmp(caps + nc - n, text + t->start, n) == 0)
            initials_add(in, text + t->start, n, false, rule);
        return;
    }
}

/* Is token k an English word written in capitals ("LOOK", "THAT")? */
static bool
caps_word(const struct token_list *toks, const struct lex_entry *const *ents, size_t k)
{
    return (toks->v[k].flags & TOK_ALLCAPS) && ents[k] &&
           (ents[k]->flags & (LEX_COMMON_WORD | LEX_FUNCTION_WORD));
}

/* A run of parts found again side by side ("Pat Twice" at a sentence
 * start, "HELEN CUSHION"): each is a candidate of its own, and the whole
 * run one more, so that the name stays one identifier. */
struct run {
    size_t first, last; /* tokens; last is SIZE_MAX before the first part */
    size_t end;         /* where the run's last candidate ends */
    uint32_t rule, category;
};

/* Offers run r, when it holds two parts or more, as one candidate in runs. */
static void
run_close(const struct run *r, const struct token_list *toks, struct candidates *runs)
{
    if (r->last != SIZE_MAX && r->last > r->first)
        candidates_push(runs, toks->v[r->first].start, r->end, r->rule, r->category, false);
}

/* Adds part k, found again up to end, to the run it continues (its
 * neighbour before it found again, a name's gap between); else closes the
 * run (run_close) and starts one at k.  Each run is offered once, so the
 * cost stays linear however long it is. */
static void
run_extend(struct run *r, const struct token_list *toks, size_t k, size_t end, uint32_t rule,
           uint32_t category, struct candidates *runs)
{
    if (k > 0 && r->last + 1 == k && r->end == toks->v[k - 1].end && r->category == category &&
        (toks->v[k - 1].flags & TOK_NAME_NEXT)) {
        r->last = k;
        r->end = end;
        return;
    }
    run_close(r, toks, runs);
    *r = (struct run){k, k, end, rule, category};
}

/* Finds the initials of the names wherever they recur, in capitals
 * ("KB to refer", "KB's assessment"); initials made from a name, not where
 * they are a common word ("IT", "US"). */
static void
initials_propagate(const struct hush_ruleset *rs, const char *text, const struct token_list *toks,
                   const struct lex_entry *const *ents, const struct initials *in,
                   struct candidates *out)
{
    for (size_t k = 0; in->n && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
        if (!(t->flags & TOK_ALLCAPS) || t->end - t->start > 4)
            continue;
        /* Initials that spell a word ("AT" of "Akosua Thompson", "CF")
         * are hers where they stand in capitals among words that are not,
         * not in a passage written in capitals ("LOOK AT THAT"): beside a
         * word in capitals, not beside other initials ("CF/IL"). */
        bool word = ents[k] && (ents[k]->flags & (LEX_COMMON_WORD | LEX_FUNCTION_WORD)) &&
                    ((k > 0 && caps_word(toks, ents, k - 1)) ||
                     (k + 1 < toks->n && caps_word(toks, ents, k + 1)));
        for (size_t d = 0; d < in->n; d++) {
            if (in->v[d].n == t->end - t->start &&
                memcmp(in->v[d].s, text + t->start, in->v[d].n) == 0 &&
                !(word && in->v[d].derived)) {
                uint32_t rule = in->v[d].rule;
                candidates_push(out, t->start, t->end, rule, rs->rules[rule].category, false);
                break;
            }
        }
    }
}

/* Is there a candidate over exactly [s, e) among v[0, n), which are in
 * order of their start, one per start (one per token)? */
static bool
covers_exactly(const struct candidate *v, size_t n, size_t s, size_t e)
{
    size_t lo = candidates_from(v, n, s);
    return lo < n && v[lo].start == s && v[lo].end == e;
}

/* Drops the candidates of allow lists (generic terms; not an allow regex,
 * which reads the context, nor a tag's protection) that cover exactly a
 * word the last n candidates of c found again as part of an accepted name:
 * once "Roma Patel" is named, "Roma" alone is her, not the people.  The
 * last n are in token order, so each allow candidate costs a binary search,
 * not a pass over them. */
static void
unallow_parts(const struct hush_ruleset *rs, struct candidates *c, size_t n)
{
    size_t first = c->n - n, kept = 0;
    for (size_t i = 0; i < first; i++) {
        const struct candidate *d = &c->v[i];
        bool list_allow = d->allow && d->rule < rs->n && rs->rules[d->rule].detector == DET_LIST;
        bool drop = list_allow && covers_exactly(c->v + first, n, d->start, d->end);
        if (!drop)
            c->v[kept++] = c->v[i];
    }
    memmove(c->v + kept, c->v + first, n * sizeof *c->v);
    c->n = kept + n;
}

/* Does token k open a sentence, with a word after it that may continue a
 * name (what the verb tests below then read)? */
static bool
opens_sentence_before_word(const struct token_list *toks, size_t k)
{
    return (toks->v[k].flags & TOK_SENTENCE_START) && k + 1 < toks->n &&
           (toks->v[k].flags & TOK_NAME_NEXT);
}

/* Is token k a modal verb that opens a sentence before a verb in lower
 * case that is not what is said of a person ("Will send husband Thu.",
 * "May need a review"; not "Will said", "May wants", nor "Will will
 * collect", "Will isn't here" or "Will to do stairs", where an auxiliary or
 * "to" follows the name)?  Then it is the verb. */
static bool
modal_opens_sentence(const struct token_list *toks, const struct lex_entry *const *ents, size_t k)
{
    static const char *const auxiliaries[] = {"will",   "would",   "can",      "could",    "may",
                                              "might",  "must",    "shall",    "should",   "isn't",
                                              "wasn't", "hasn't",  "hadn't",   "won't",    "can't",
                                              "didn't", "doesn't", "wouldn't", "couldn't", "isnt",
                                              "wasnt",  "didnt",   "doesnt",   "wont",     "to"};
    if (!opens_sentence_before_word(toks, k) || !is_modal(toks, k))
        return false;
    const struct token *u = &toks->v[k + 1];
    const char *w = tok_key(toks, u);
    /* A verb with an -s ("May wants") follows a name, never a modal. */
    bool third_person = u->key_len > 3 && w[u->key_len - 1] == 's';
    return !(u->flags & (TOK_CAPITALISED | TOK_ALLCAPS | TOK_DIGITS)) && !third_person &&
           !(ents[k + 1] && (ents[k + 1]->flags & LEX_NAME_FOLLOWER)) &&
           !HUSH_WORD_IN(auxiliaries, w, u->key_len);
}

/* Is token k a word that opens a sentence as a verb does, before an object
 * pronoun or "that" in lower case ("Mark me down for it", "Sue them", "Jack
 * it in", "Hope that helps")?
 * A name is followed by what it does, not by "me" or "them". */
static bool
verb_opens_sentence(const struct token_list *toks, size_t k)
{
    static const char *const objects[] = {"me", "us", "him", "them", "it", "that"};
    return opens_sentence_before_word(toks, k) &&
           !(toks->v[k + 1].flags & (TOK_CAPITALISED | TOK_ALLCAPS)) &&
           KEY_IN(toks, k + 1, objects);
}

/* Is token k, in a name, a word a nickname puts before it ("Big Kev",
 * "Wee Jimmy", "Old Bill"), that stands for no one alone? */
static bool
nickname_prefix(const struct token_list *toks, size_t k)
{
    static const char *const words[] = {"big",   "little", "young", "old",    "wee", "auntie",
                                        "aunty", "aunt",   "uncle", "cousin", "baby"};
    return KEY_IN(toks, k, words);
}

/* Is token k joined, as the words of a name are, to a token that is a part
 * of an accepted name? */
static bool
beside_part(const struct parts *ps, const struct token_list *toks, size_t k)
{
    return (k > 0 && (toks->v[k - 1].flags & TOK_NAME_NEXT) &&
            parts_find(ps, toks, &toks->v[k - 1]) != NULL) ||
           (k + 1 < toks->n && (toks->v[k].flags & TOK_NAME_NEXT) &&
            parts_find(ps, toks, &toks->v[k + 1]) != NULL);
}

void
names_propagate(const struct hush_ruleset *rs, const char *text, size_t len,
                const struct token_list *toks, const struct lex_entry *const *ents,
                const struct hush_spans *accepted, struct candidates *out)
{
    struct parts ps = {0};
    struct initials in = {.lex = &rs->lex, .n = 0};
    bool lower_text = !text_is_cased(toks);
    /* For the lower-case cues (lower_case_cue), which read only these. */
    struct scan cues = {
        .rs = rs, .text = text, .len = len, .toks = toks, .ents = ents, .cased = !lower_text};
    /* Collect the words of every accepted person name. */
    size_t ti = 0;
    for (size_t s = 0; s < accepted->n; s++) {
        const struct hush_span *sp = &accepted->v[s];
        if (rs->rules[sp->rule].kind != KIND_NAMES)
            continue;
        while (ti < toks->n && toks->v[ti].start < sp->start)
            ti++;
        size_t k = ti;
        while (k < toks->n && toks->v[k].end <= sp->end)
            k++;
        /* One word, written in lower case, that a rule reading its context
         * (a speaker label, a title) took for a name, not a list alone. */
        bool alone = k == ti + 1 && !(toks->v[ti].flags & (TOK_CAPITALISED | TOK_ALLCAPS)) &&
                     rs->rules[sp->rule].detector != DET_LIST;
        for (k = ti; k < toks->n && toks->v[k].end <= sp->end; k++) {
            const struct token *t = &toks->v[k];
            if ((t->flags & (TOK_INITIAL | TOK_DIGITS)) || t->end - t->start < 2)
                continue;
            const struct lex_entry *e = ents[k];
            if (e && (e->flags & (LEX_FUNCTION_WORD | LEX_PARTICLE)))
                continue;
            /* A title a label or a rule took in ("MR BREATHNACH:") is
             * no one's name: "Mr" elsewhere is someone else's title; nor
             * is the size or age that a nickname puts before a name ("Big
             * Kev", "Little Kev", "Young Tom"): "Big birds" is no one. */
            if (title_word(toks->keys.data + t->key, t->key_len) || nickname_prefix(toks, k))
                continue;
            /* So is a lower-case word of a name that the words around it
             * make a name, in a text written in lower case ("me sister
             * dawn she came", "summer's mam"). */
            bool cued = lower_text && !(t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)) &&
                        lower_case_cue(&cues, k);
            parts_add(&ps, toks, t, sp->rule, alone || cued);
        }
        if (k > ti) {
            coordinated_names(rs, toks, ents, sp, ti, k - 1, out, &ps);
            if (bracketed_initials(text, len, toks, ents, ti, k - 1, k))
                initials_add(&in, text + toks->v[k].start, toks->v[k].end - toks->v[k].start, false,
                             sp->rule);
            else {
                derived_initials(text, toks, ti, k - 1, sp->rule, &in);
                line_initials(text, len, toks, ti, k - 1, sp->rule, &in);
            }
        }
    }
    initials_propagate(rs, text, toks, ents, &in, out);
    /* Find them again wherever they stand.  A part that is a common word
     * must be capitalised ("Will" again, even at a sentence start, but not
     * "I will"), unless the text is written in lower case and either it
     * stands beside another part ("ruth gay" again, after "Speaker 5 (ruth
     * gay):") or it was found as a name on its own by a rule reading its
     * context or by the words around it ("frank" again, after "frank:"
     * labels what he says, "summer" after "summer's mam"; but not "gay"
     * alone after "ruth gay", nor a word a list alone took for a name). */
    size_t found_again = 0;
    struct run run = {.last = SIZE_MAX};
    struct candidates runs = {0};
    for (size_t k = 0; ps.n && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
        const struct part *p = parts_find(&ps, toks, t);
        if (p == NULL)
            p = plural_part(&ps, toks, k);
        if (p == NULL)
            p = bare_possessive_part(&rs->lex, &ps, toks, ents, k, lower_text);
        if (p == NULL)
            continue;
        /* Found alone, a common word again in lower case is the word after
         * a determiner, a pronoun or "to" ("the summer", "i hope"); and a
         * modal verb in lower case is the verb ("will" after "frank:" and
         * "will:", "Will will collect"). */
        if (!(t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)) && ents[k] &&
            (ents[k]->flags & LEX_COMMON_WORD) &&
            (is_modal(toks, k) ||
             !(lower_text && ((p->alone && !thing_before(toks, k)) || beside_part(&ps, toks, k)))))
            continue;
        if (ents[k] && (ents[k]->flags & LEX_COMMON_WORD) &&
            (asks_a_question(text, toks, k) || modal_opens_sentence(toks, ents, k) ||
             verb_opens_sentence(toks, k)))
            continue;
        size_t end = (t->flags & TOK_CAPITALISED) && initial_follows(text, len, toks, k)
                         ? toks->v[k + 1].end
                         : t->end;
        candidates_push(out, t->start, end, p->rule, rs->rules[p->rule].category, false);
        found_again++;
        run_extend(&run, toks, k, end, p->rule, rs->rules[p->rule].category, &runs);
    }
    run_close(&run, toks, &runs);
    /* unallow_parts reads the words found again as the last candidates;
     * the runs go in after it. */
    if (found_again)
        unallow_parts(rs, out, found_again);
    for (size_t r = 0; r < runs.n; r++)
        candidates_push(out, runs.v[r].start, runs.v[r].end, runs.v[r].rule, runs.v[r].category,
                        false);
    free(runs.v);
    free(ps.v);
    free(ps.slots);
}
