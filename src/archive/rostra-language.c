/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-language.c: a small built-in guesser of a text's language.
 *
 * The guess counts very frequent function words. Every language below
 * has a list of them; a word that is on the lists of several languages
 * (Dutch, French and Spanish "de", German and Dutch "die", ...) is
 * found out when the table is built and then decides nothing: it only
 * counts towards how much of the text is made of function words.
 * Shared words are therefore listed under every language that uses
 * them often, so that they can never tip the balance by accident.
 *
 * A few "decoy" languages (Portuguese, Catalan, Ukrainian, Bulgarian)
 * are scored too but are never reported: they are close enough to a
 * reported language to be mistaken for it, and when one of them wins
 * the answer is %NULL rather than a wrong code.
 */

#include <string.h>

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rostra-language.h"

/* Only this many characters from the start of a text are looked at. */
#define MAX_CHARS 20000

/* A token longer than this (in UTF-8 bytes) is no function word. */
#define MAX_WORD_BYTES 48

/* The winner needs at least this many of its function words, and at
 * least MIN_HITS of them must be its own, not shared with another
 * language. Fewer: too little text. */
#define MIN_MATCHED 5
#define MIN_HITS    3

/* The winner needs at least HITS_RATIO_NUM / HITS_RATIO_DEN times the
 * decisive words of the runner-up. */
#define HITS_RATIO_NUM 3
#define HITS_RATIO_DEN 2

/* At least this share (in percent) of all the words must be function
 * words of the winner; text in a language that is not on the list
 * only meets stray look-alikes, far fewer than that. */
#define MIN_COVERAGE_PERCENT 20

typedef enum
{
  SCRIPT_LATIN,
  SCRIPT_CYRILLIC,
  N_SCRIPTS
} Script;

typedef struct
{
  const char        *code;  /* ISO 639-1 */
  gboolean           decoy; /* scored, never reported */
  Script             script;
  const char *const *words;
} Language;

/* clang-format off */
static const char *const words_en[] = {
  "the", "and", "of", "to", "that", "it", "for", "with", "were", "are",
  "this", "have", "has", "not", "be", "been", "by", "from", "at", "which",
  "but", "they", "their", "there", "our", "you", "he", "she", "his", "her",
  "would", "can", "could", "should", "or", "if", "what", "who", "more",
  "about", "when", "into", "than", "them", "these", "those", "its", "my",
  "your", "because", "did", "up", "out", "one", "after", "must", "how", "why",
  "now", "then", "only", "us", "every", "being", "other", "any", "many",
  "does", "where", "while", "just", "very",
  /* shared */
  "we", "a", "in", "is", "was", "had", "on", "will", "an", "also", "do", "so",
  "no", "over", "all", "i", "as",
  NULL
};

static const char *const words_nl[] = {
  "het", "een", "van", "dat", "niet", "zijn", "op", "met", "voor", "ook",
  "wordt", "naar", "maar", "deze", "om", "aan", "bij", "nog", "kan", "hun",
  "wij", "ze", "zij", "hij", "haar", "heeft", "hebben", "werd", "zal",
  "zullen", "moet", "moeten", "door", "uit", "tot", "dan", "wat", "wel",
  "geen", "meer", "onze", "ons", "zich", "omdat", "veel", "nu", "toch", "zo",
  "hoe", "waar", "dus", "kunnen", "zou", "zouden", "tegen", "onder", "zonder",
  "mijn", "jullie", "uw", "nooit", "altijd", "want", "echter", "daarom", "te",
  /* shared */
  "worden", "wie", "de", "en", "in", "is", "die", "dit", "er", "als", "we",
  "was", "had", "waren", "over", "alle", "hier", "al",
  NULL
};

static const char *const words_de[] = {
  "und", "der", "nicht", "ist", "ich", "mit", "sich", "auch", "den", "dem",
  "ein", "eine", "einen", "einem", "einer", "zu", "von", "auf", "für", "im",
  "wir", "sie", "werden", "wird", "wurde", "sind", "hat", "haben", "nur",
  "noch", "nach", "bei", "aus", "oder", "aber", "wenn", "dass", "daß", "uns",
  "unsere", "unser", "kann", "können", "muss", "müssen", "mehr", "schon",
  "über", "vor", "durch", "diese", "dieser", "diesem", "diesen", "dieses",
  "zum", "zur", "immer", "gegen", "ohne", "sein", "seine", "ihre", "ihr",
  "keine", "kein", "jetzt", "sehr", "doch", "dann", "weil", "damit", "denn",
  "bis", "unter", "wieder",
  /* shared */
  "wie", "die", "das", "des", "es", "in", "er", "worden", "um", "als", "so",
  "also", "an", "was", "hier", "alle", "will", "waren",
  NULL
};

static const char *const words_fr[] = {
  "le", "et", "est", "une", "du", "au", "aux", "pas", "dans", "pour", "par",
  "sur", "plus", "ce", "cette", "ces", "elle", "nous", "vous", "ils", "elles",
  "ne", "sont", "ont", "avec", "où", "été", "être", "avoir", "fait", "sa",
  "ses", "leur", "leurs", "je", "tout", "tous", "comme", "sans", "aussi",
  "notre", "votre", "même", "peut", "doit", "très", "encore", "depuis",
  "donc", "sous", "alors", "faire", "ainsi", "chaque", "toujours", "qu",
  "cela", "qui", "contre",
  /* shared */
  "nos", "la", "les", "de", "des", "un", "en", "que", "il", "on", "se",
  "mais", "ou", "son", "bien", "vos", "lui", "entre", "à", "a", "dit", "si",
  "va", "ni",
  NULL
};

static const char *const words_es[] = {
  "los", "las", "sus", "más", "pero", "fue", "hay", "también", "muy", "sin",
  "cuando", "ya", "nosotros", "nuestro", "nuestra", "nuestros", "nuestras",
  "esto", "eso", "ese", "esa", "esos", "hemos", "tiene", "tienen", "puede",
  "hasta", "donde", "otros", "mismo", "él", "ella", "ellos", "yo", "qué",
  "así", "ahora", "después", "están", "estos", "estas", "sido", "sino",
  "aunque", "sólo", "mucho", "tan", "y", "hacia", "nunca", "siempre",
  "mientras", "nada", "algo", "hace", "estamos", "tenemos", "había", "otro",
  "otra", "muchos", "usted", "ustedes", "cual", "cuál", "debe", "sea",
  "según", "pues", "su",
  /* shared */
  "el", "la", "de", "que", "a", "en", "del", "se", "por", "un", "una", "con",
  "no", "es", "para", "al", "lo", "como", "son", "ha", "han", "les", "está",
  "este", "esta", "sobre", "entre", "desde", "todos", "todo", "porque", "nos",
  "vos", "bien", "si", "ser", "era", "cada", "contra", "solo", "o", "va",
  "ni",
  NULL
};

static const char *const words_it[] = {
  "di", "che", "è", "sono", "della", "dei", "delle", "degli", "gli", "alla",
  "ai", "dal", "dalla", "nel", "nella", "nei", "sul", "sulla", "ma", "anche",
  "più", "questo", "questa", "questi", "quello", "quella", "come", "ci",
  "hanno", "abbiamo", "siamo", "essere", "stato", "suo", "loro", "noi", "voi",
  "lei", "molto", "tutti", "tutto", "ancora", "perché", "cui", "deve", "può",
  "ogni", "già", "nostro", "nostra", "nostri", "uno", "tra", "fra", "senza",
  "così", "oggi", "dopo", "io", "non",
  /* shared */
  "per", "ho", "il", "e", "la", "in", "un", "una", "del", "lo", "i", "a",
  "da", "al", "alle", "con", "si", "se", "ha", "sua", "lui", "era", "solo",
  "all", "sempre", "quando", "o", "va",
  NULL
};

static const char *const words_pt[] = {
  "em", "uma", "não", "os", "na", "dos", "mas", "foi", "ao", "ele", "muito",
  "já", "também", "só", "pelo", "pela", "até", "isso", "ela", "depois", "sem",
  "mesmo", "aos", "quem", "nas", "esse", "eles", "você", "essa", "num", "nem",
  "suas", "meu", "às", "minha", "numa", "pelos", "elas", "qual", "nós", "lhe",
  "deles", "essas", "esses", "pelas", "isto", "são", "tem", "há", "nosso",
  "nossa", "ainda", "onde",
  /* shared */
  "com", "seus", "de", "a", "que", "e", "do", "da", "um", "para", "no", "se",
  "por", "mais", "as", "das", "como", "à", "seu", "sua", "ou", "quando",
  "nos", "entre", "este", "esta", "ser", "está", "porque", "sobre", "todos",
  "todo", "desde", "cada", "contra", "era", "sempre", "o",
  NULL
};

static const char *const words_ca[] = {
  "els", "amb", "és", "més", "són", "aquest", "aquesta", "aquests",
  "aquestes", "perquè", "però", "també", "molt", "seva", "seves", "nosaltres",
  "hem", "hi", "dels", "pels", "pel", "fins", "tots", "totes", "quan",
  "sense", "ara", "fer",
  /* shared */
  "seus", "ho", "de", "la", "el", "i", "que", "a", "en", "les", "per", "del",
  "un", "una", "es", "al", "no", "com", "seu", "ha", "han", "se", "si",
  "sobre", "entre", "cada", "contra", "on", "ser", "va",
  NULL
};

static const char *const words_ru[] = {
  "что", "как", "это", "он", "она", "они", "мы", "вы", "к", "из", "бы", "был",
  "была", "были", "было", "его", "её", "ее", "их", "всё", "только", "уже",
  "или", "если", "когда", "мне", "этот", "эти", "этого", "этой", "этом",
  "эту", "также", "будет", "может", "нет", "даже", "чтобы", "который",
  "которые", "которая", "которое", "после", "через", "между", "здесь",
  "сейчас", "очень", "более", "о", "быть", "есть", "нужно", "должны", "тоже",
  "ещё", "еще", "где", "чем", "того", "том", "свою", "своей", "него", "ему",
  "наша", "наши", "нашей", "кто", "этих", "всех", "сам", "себя", "своих",
  "которых", "наш", "нашего", "им", "ним", "ней", "тем", "тех", "лишь",
  "ведь", "потому", "поэтому", "будем", "будут", "можно", "надо",
  /* shared */
  "и", "в", "не", "на", "с", "по", "я", "но", "а", "от", "для", "так", "же",
  "все", "нас", "нам", "при", "то", "без", "под", "над", "там", "у", "за",
  "до", "да", "вас", "вам", "ни",
  NULL
};

static const char *const words_uk[] = {
  "і", "що", "з", "як", "це", "він", "вона", "вони", "ми", "ви", "але", "від",
  "його", "її", "їх", "також", "було", "була", "були", "буде", "має", "може",
  "тому", "який", "яка", "які", "цього", "ці", "цей", "та", "про", "після",
  "коли", "щоб", "вже", "ж", "є", "бути", "під",
  /* shared */
  "в", "у", "не", "на", "до", "за", "по", "для", "так", "же", "а", "без",
  "ще", "й", "нас", "нам", "я", "над", "при", "все", "то", "вас", "вам",
  NULL
};

static const char *const words_bg[] = {
  "се", "че", "са", "това", "като", "които", "която", "който", "което",
  "тази", "този", "тези", "след", "най", "има", "няма", "бъде", "беше",
  "бяха", "ние", "вие", "те", "си", "му", "със", "във", "към", "също",
  "защото", "обаче", "трябва", "аз", "го", "ги", "ли",
  /* shared */
  "и", "в", "не", "на", "да", "за", "от", "по", "с", "но", "до", "ще", "а",
  "й", "при", "нас", "без", "под", "там", "все", "то", "ни",
  NULL
};

static const Language languages[] = {
  { "en", FALSE, SCRIPT_LATIN, words_en },
  { "nl", FALSE, SCRIPT_LATIN, words_nl },
  { "de", FALSE, SCRIPT_LATIN, words_de },
  { "fr", FALSE, SCRIPT_LATIN, words_fr },
  { "es", FALSE, SCRIPT_LATIN, words_es },
  { "it", FALSE, SCRIPT_LATIN, words_it },
  { "ru", FALSE, SCRIPT_CYRILLIC, words_ru },
  { "pt", TRUE, SCRIPT_LATIN, words_pt },
  { "ca", TRUE, SCRIPT_LATIN, words_ca },
  { "uk", TRUE, SCRIPT_CYRILLIC, words_uk },
  { "bg", TRUE, SCRIPT_CYRILLIC, words_bg },
};
/* clang-format on */

#define N_LANGUAGES G_N_ELEMENTS (languages)

G_STATIC_ASSERT (N_LANGUAGES <= 32);

typedef struct
{
  guint hits[N_LANGUAGES];   /* words of that language and no other */
  guint shared[N_LANGUAGES]; /* words it shares with other languages */
  guint words;               /* every word, function word or not */
  guint letters;
  guint script_letters[N_SCRIPTS];
} Tally;

/* The word being read, lower-cased. */
typedef struct
{
  char     buf[MAX_WORD_BYTES + 1];
  gsize    len;
  guint    hash;     /* of buf[0..len), see hash_byte() */
  gboolean too_long; /* more than MAX_WORD_BYTES: kept out of buf */
  gboolean has_mark; /* holds a combining mark: NFC it before looking */
} Word;

/* Maps a lower-case function word to the bit mask of the languages
 * that list it: an open-addressing table, built once and never freed.
 * It is looked up for every word of every imported text, so it hashes
 * bytes of known length instead of NUL-terminated strings. */
#define WORD_TABLE_SIZE 2048 /* a power of two, over twice the number of words */
#define HASH_SEED       2166136261u

typedef struct
{
  const char *word; /* NULL: an empty slot */
  guint       len;
  guint       mask;
} WordSlot;

typedef struct
{
  WordSlot slots[WORD_TABLE_SIZE];
  gsize    max_len; /* no longer word is on any list */
} WordTable;

/* FNV-1a, one byte at a time: words are hashed as they are read. */
static inline guint
hash_byte (guint hash, char byte)
{
  return (hash ^ (guchar) byte) * 16777619u;
}

static guint
hash_bytes (const char *s, gsize len)
{
  guint hash = HASH_SEED;

  for (gsize i = 0; i < len; i++)
    hash = hash_byte (hash, s[i]);
  return hash;
}

static WordSlot *
find_slot (WordTable *table, const char *word, gsize len, guint hash)
{
  guint i = hash & (WORD_TABLE_SIZE - 1);

  for (;;)
    {
      WordSlot *slot = &table->slots[i];

      if (slot->word == NULL || (slot->len == len && memcmp (slot->word, word, len) == 0))
        return slot;
      i = (i + 1) & (WORD_TABLE_SIZE - 1);
    }
}

static WordTable *
get_word_table (void)
{
  static WordTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      WordTable *t = g_new0 (WordTable, 1);
      guint      n = 0;

      for (guint l = 0; l < N_LANGUAGES; l++)
        for (const char *const *w = languages[l].words; *w != NULL; w++)
          {
            gsize     len = strlen (*w);
            WordSlot *slot = find_slot (t, *w, len, hash_bytes (*w, len));

            if (slot->word == NULL)
              {
                slot->word = *w;
                slot->len = len;
                t->max_len = MAX (t->max_len, len);
                n++;
              }
            slot->mask |= 1u << l;
          }
      g_assert (n * 2 < WORD_TABLE_SIZE);

      g_once_init_leave (&table, t);
    }

  return table;
}

static void
count_word (Tally *tally, WordTable *table, const char *word, gsize len, guint hash)
{
  guint mask;

  if (len > table->max_len)
    return;
  mask = find_slot (table, word, len, hash)->mask;
  if (mask == 0)
    return;

  if ((mask & (mask - 1)) == 0)
    {
      tally->hits[g_bit_nth_lsf (mask, -1)]++;
      return;
    }

  for (guint l = 0; l < N_LANGUAGES; l++)
    if (mask & (1u << l))
      tally->shared[l]++;
}

static void
flush_word (Tally *tally, WordTable *table, Word *word)
{
  if (word->len == 0)
    return;

  tally->words++;

  if (!word->too_long)
    {
      if (word->has_mark)
        {
          /* Decomposed text: "e" + U+0301 is "é" on the lists. */
          g_autofree char *composed = g_utf8_normalize (word->buf, word->len, G_NORMALIZE_NFC);

          if (composed != NULL)
            count_word (tally, table, composed, strlen (composed),
                        hash_bytes (composed, strlen (composed)));
        }
      else
        {
          count_word (tally, table, word->buf, word->len, word->hash);
        }
    }

  word->len = 0;
  word->hash = HASH_SEED;
  word->too_long = FALSE;
  word->has_mark = FALSE;
}

static void
tally_text (Tally *tally, const char *text)
{
  WordTable  *table = get_word_table ();
  Word        word = { .len = 0, .hash = HASH_SEED };
  const char *p = text;

  for (guint n = 0; *p != '\0' && n < MAX_CHARS; n++)
    {
      gunichar c;
      gboolean is_letter;

      if ((guchar) *p < 0x80)
        {
          /* ASCII, most of most texts: what the general case below
           * does, without the Unicode tables. */
          char lower = *p | 0x20; /* a letter's lower case; anything else stays no letter */

          if (lower >= 'a' && lower <= 'z')
            {
              tally->letters++;
              tally->script_letters[SCRIPT_LATIN]++;
              if (word.len < MAX_WORD_BYTES)
                {
                  word.buf[word.len++] = lower;
                  word.hash = hash_byte (word.hash, lower);
                }
              else
                word.too_long = TRUE;
            }
          else if (word.len > 0)
            flush_word (tally, table, &word);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8 after all: the byte separates words, like a space. */
          flush_word (tally, table, &word);
          p++;
          continue;
        }

      is_letter = g_unichar_isalpha (c);

      if (is_letter || (word.len > 0 && g_unichar_ismark (c)))
        {
          char  buf[6];
          gsize n_bytes;

          if (is_letter)
            {
              GUnicodeScript script = g_unichar_get_script (c);

              tally->letters++;
              if (script == G_UNICODE_SCRIPT_LATIN)
                tally->script_letters[SCRIPT_LATIN]++;
              else if (script == G_UNICODE_SCRIPT_CYRILLIC)
                tally->script_letters[SCRIPT_CYRILLIC]++;
            }
          else
            {
              word.has_mark = TRUE;
            }

          n_bytes = (gsize) g_unichar_to_utf8 (g_unichar_tolower (c), buf);
          if (word.len + n_bytes <= MAX_WORD_BYTES)
            {
              for (gsize i = 0; i < n_bytes; i++)
                {
                  word.buf[word.len++] = buf[i];
                  word.hash = hash_byte (word.hash, buf[i]);
                }
            }
          else
            {
              word.too_long = TRUE;
            }
        }
      else
        {
          /* Spaces, punctuation, digits and apostrophes all end a word:
           * "l'homme" gives "l" and "homme", "qu'il" gives "qu". */
          flush_word (tally, table, &word);
        }

      p = g_utf8_next_char (p);
    }

  flush_word (tally, table, &word);
}

/**
 * rostra_language_guess:
 * @text: (nullable): UTF-8 text; invalid bytes are read as spaces
 *
 * Guesses the language of @text from its first 20,000 characters by
 * counting frequent function words ("the", "het", "und", "les", "и",
 * ...). The guess is %NULL unless:
 *
 * - at least 5 words are the winner's function words, and at least 3
 *   of them are on no other language's list,
 * - the winner has at least 1.5 times as many of those as the runner-up,
 * - the winner is a reported language (not Portuguese, Catalan,
 *   Ukrainian or Bulgarian, which are only scored to avoid mistaking
 *   them for Spanish, Italian or Russian),
 * - at least 20% of all the words are the winner's function words,
 * - most letters are in the winner's script (Latin or Cyrillic).
 *
 * Safe to call from any thread.
 *
 * Returns: (nullable): a static ISO 639-1 code ("en", "nl", "de", "fr",
 *   "ru", "es" or "it"), or %NULL when unsure
 */
const char *
rostra_language_guess (const char *text)
{
  Tally           tally = { 0 };
  guint           best = 0;
  guint           second = 1;
  const Language *lang;

  if (text == NULL || *text == '\0')
    return NULL;

  tally_text (&tally, text);

  for (guint l = 1; l < N_LANGUAGES; l++)
    {
      if (tally.hits[l] > tally.hits[best])
        {
          second = best;
          best = l;
        }
      else if (l != second && tally.hits[l] > tally.hits[second])
        {
          second = l;
        }
    }

  if (tally.hits[best] < MIN_HITS || tally.hits[best] + tally.shared[best] < MIN_MATCHED)
    return NULL;

  if (tally.hits[best] * HITS_RATIO_DEN < tally.hits[second] * HITS_RATIO_NUM)
    return NULL;

  lang = &languages[best];
  if (lang->decoy)
    return NULL;

  if ((tally.hits[best] + tally.shared[best]) * 100 < tally.words * MIN_COVERAGE_PERCENT)
    return NULL;

  if (tally.script_letters[lang->script] * 2 <= tally.letters)
    return NULL;

  return lang->code;
}

/* The languages rostra_language_guess() returns, with their names. */
static const struct
{
  const char *code;
  const char *name;
} language_names[] = {
  { "de", NC_ ("language name", "German") },  { "en", NC_ ("language name", "English") },
  { "es", NC_ ("language name", "Spanish") }, { "fr", NC_ ("language name", "French") },
  { "it", NC_ ("language name", "Italian") }, { "nl", NC_ ("language name", "Dutch") },
  { "ru", NC_ ("language name", "Russian") },
};

/**
 * rostra_language_get_name:
 * @code: an ISO 639-1 code
 *
 * Returns: the language's name in the user's language, or @code itself
 *   for a language Rostra has no name for
 */
const char *
rostra_language_get_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_ascii_strcasecmp (code, language_names[i].code) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "language name", language_names[i].name);
  return code;
}
