/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speaker-suggest.c: who gave a speech, suggested from its title and lead.
 *
 * Suggestions only: nothing here is stored; the user accepts them. The
 * rules, tried in this order on the title and then on the lead (the
 * first paragraphs of the text):
 *
 *  - `colon`: a name opening the title before a colon: "Lavrov: …"
 *  - `possessive`: "Lavrov’s speech / remarks / interview", Dutch and
 *    German "Lavrovs toespraak", "Lawrows Rede", French "discours de
 *    Lavrov", Russian "выступление Лаврова" (the genitive made
 *    nominative), English "speech by X", Dutch "toespraak van X", …
 *  - `verb`: "X says / warns / slams …" and their Dutch, German, French
 *    and Russian counterparts
 *  - `byline`: "…, by X" ("door X", "von X", "par X") ending the title
 *  - `known`: a known speaker's name or alias, word for word, case and
 *    accents ignored
 *
 * A name is a run of capitalised words (with particles such as "van"
 * or "de" between them); titles and roles in front of it ("Russian
 * Foreign Minister") are dropped.
 *
 * Speeches are suggested for together, as an import's or an archive's
 * speeches without speaker are: a batch. A name is then made the
 * fullest form it has: a known speaker's name when it is one of their
 * names or aliases (or their surname, when only one known speaker has
 * it), otherwise the form the batch gives most often of the same
 * surname and initial ("Lavrov" and "Sergei Lavrov" become "Sergey
 * Lavrov" when the batch says "Sergey Lavrov" most). The surnames and
 * names the rules found in a batch count as known for its other
 * speeches: "Lavrov zet Stef voor het Blok" is Lavrov's when the batch
 * is Lavrov's.
 */

#include "config.h"

#include <string.h>

#include "rostra-speaker-suggest.h"
#include "rostra-text.h"

#define LEAD_CHARS 600

#define NAME_WORD "(?:\\p{Lu}\\p{Ll}[\\p{L}\\p{M}-]*|\\p{Lu}\\.)"
#define PARTICLE  "(?:van|von|de|der|den|la|le|di|da|du|ter|ten|al|el|bin)"
#define NAME      "(?<name>" NAME_WORD "(?:\\s+(?:" PARTICLE "\\s+){0,2}" NAME_WORD "){0,3})"

typedef enum
{
  RULE_COLON,
  RULE_POSSESSIVE,
  RULE_OF,
  RULE_RUSSIAN,
  RULE_VERB,
  RULE_BYLINE,
  N_RULES
} Rule;

static const struct
{
  const char *name;
  const char *pattern;
} rules[N_RULES] = {
  [RULE_COLON] = { "colon", "^\\s*" NAME "\\s*:\\s" },
  [RULE_POSSESSIVE] = { "possessive",
                        NAME "(?:[’']s|s)\\s+(?i:speech|remarks|interview|address|statement|"
                             "lecture|comments|op-ed|article|press conference|keynote|toespraak|"
                             "verklaring|rede|ansprache|erklärung|vortrag|pressekonferenz)\\b" },
  [RULE_OF] = { "possessive",
                "(?i:speech|remarks|address|interview|toespraak|verklaring|rede|ansprache|"
                "erklärung|discours|allocution|entretien|déclaration|intervention)\\s+"
                "(?:(?i:by|of|van|von|de|du)\\s+|d['’])" NAME },
  [RULE_RUSSIAN] = { "possessive",
                     "(?i:выступление|речь|интервью|заявление|статья|слова|доклад)\\s+" NAME },
  [RULE_VERB] = { "verb",
                  NAME "\\s+(?i:says|said|warns|warned|slams|slammed|blasts|urges|tells|told|"
                       "shoots down|jokes|joked|insists|claims|stresses|accuses|vows|denies|"
                       "rejects|replies|replied|zegt|waarschuwt|stelt|noemt|beschuldigt|sagt|"
                       "warnt|fordert|kritisiert|erklärt|dit|affirme|déclare|avertit|dénonce|"
                       "accuse|estime|заявил|сказал|предупредил|призвал|назвал|раскритиковал|"
                       "считает)\\b" },
  [RULE_BYLINE] = { "byline", "(?:^|[\\s,|–—(-])(?i:by|door|von|par)\\s+" NAME "\\s*\\)?\\s*$" },
};

/* Words in front of a name that are no part of it, folded. */
static const char *const role_words[] = { "russian",
                                          "foreign",
                                          "minister",
                                          "president",
                                          "prime",
                                          "secretary",
                                          "general",
                                          "chancellor",
                                          "ambassador",
                                          "spokesperson",
                                          "spokeswoman",
                                          "spokesman",
                                          "mr",
                                          "mrs",
                                          "ms",
                                          "dr",
                                          "sir",
                                          "deputy",
                                          "state",
                                          "defense",
                                          "defence",
                                          "the",
                                          "de",
                                          "het",
                                          "der",
                                          "die",
                                          "le",
                                          "la",
                                          "les",
                                          "buitenlandse",
                                          "zaken",
                                          "minister-president",
                                          "premier",
                                          "außenminister",
                                          "aussenminister",
                                          "bundeskanzler",
                                          "kanzler",
                                          "ministre",
                                          "président",
                                          "president-elect",
                                          "министр",
                                          "президент",
                                          "глава",
                                          "мид",
                                          "россии",
                                          "today",
                                          "why",
                                          "how",
                                          "watch",
                                          "video",
                                          "breaking",
                                          "exclusive",
                                          "full",
                                          "text",
                                          "transcript",
                                          "read",
                                          "us",
                                          "uk",
                                          "eu",
                                          "un",
                                          "nato",
                                          "former",
                                          "senator",
                                          "vice",
                                          "russische",
                                          "russischer",
                                          "russe",
                                          "russia",
                                          "russia's",
                                          "pope",
                                          "king",
                                          "queen",
                                          "mayor",
                                          "governor",
                                          "commissioner",
                                          "burgemeester",
                                          "wethouder",
                                          "bürgermeister",
                                          "maire",
                                          "мэр",
                                          "губернатор",
                                          "professor",
                                          "prof",
                                          "judge",
                                          "general",
                                          "ceo",
                                          "chairman",
                                          "chairwoman",
                                          "leader",
                                          "opposition",
                                          "le",
                                          "l",
                                          NULL };

void
rostra_speaker_suggestion_free (RostraSpeakerSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->name);
  g_free (suggestion->evidence);
  g_free (suggestion);
}

static GRegex *
rule_regex (Rule rule)
{
  static gsize compiled[N_RULES];

  if (g_once_init_enter (&compiled[rule]))
    {
      g_autoptr (GError) error = NULL;
      GRegex *regex = g_regex_new (rules[rule].pattern, 0, 0, &error);

      g_assert_no_error (error);
      g_once_init_leave (&compiled[rule], (gsize) regex);
    }
  return (GRegex *) compiled[rule];
}

/* Words: runs of letters, digits and marks, each folded. */
static GStrv
fold_words (const char *text, GArray *starts, GArray *ends)
{
  g_autoptr (GStrvBuilder) words = g_strv_builder_new ();
  const char *p = text, *start = NULL;

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);
          g_autofree char *folded = rostra_text_fold (word);
          gsize            s = start - text, e = p - text;

          g_strv_builder_add (words, folded);
          if (starts != NULL)
            g_array_append_val (starts, s);
          if (ends != NULL)
            g_array_append_val (ends, e);
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return g_strv_builder_end (words);
}

/* Russian genitive to nominative, for men's names (a woman's genitive
 * ends in -ой, -ы or -и, kept as it is): Лаврова → Лавров, Сергея →
 * Сергей, Дмитрия → Дмитрий, Игоря → Игорь, Карлссона → Карлссон. */
static char *
nominative (const char *word)
{
  static const char *const endings[][2] = {
    { "ея", "ей" },
    { "ия", "ий" },
    { "я", "ь" },
    { "а", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (g_str_has_suffix (word, endings[i][0]))
      {
        g_autofree char *stem = g_strndup (word, strlen (word) - strlen (endings[i][0]));

        return g_strconcat (stem, endings[i][1], NULL);
      }
  return g_strdup (word);
}

/* The name in @raw without the roles in front of it; %NULL when nothing is left. */
static char *
clean_name (const char *raw, gboolean russian)
{
  g_auto (GStrv) words = g_strsplit_set (raw, " \t\n", -1);
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  gboolean leading = TRUE;

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *folded = rostra_text_fold (words[i]);

      if (*words[i] == '\0' || (leading && g_strv_contains (role_words, folded)))
        continue;
      leading = FALSE;
      if (russian)
        {
          g_autofree char *word = nominative (words[i]);

          g_strv_builder_add (kept, word);
        }
      else
        g_strv_builder_add (kept, words[i]);
    }
  strv = g_strv_builder_end (kept);
  return strv[0] ? g_strjoinv (" ", strv) : NULL;
}

typedef struct
{
  char       *name;
  char       *evidence;
  const char *rule;
  gboolean    in_lead;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->name);
  g_free (c->evidence);
}

/* Every rule's first match in @text, in the rules' order. */
static void
find_patterns (const char *text, gboolean in_lead, GArray *out)
{
  if (text == NULL || *text == '\0')
    return;
  for (Rule r = 0; r < N_RULES; r++)
    {
      g_autoptr (GMatchInfo) match = NULL;

      if (r == RULE_BYLINE && in_lead)
        continue; /* a byline ends a title, not a paragraph */
      if (g_regex_match (rule_regex (r), text, 0, &match))
        {
          g_autofree char *raw = g_match_info_fetch_named (match, "name");
          g_autofree char *whole = g_match_info_fetch (match, 0);
          Candidate c = { clean_name (raw, r == RULE_RUSSIAN), NULL, rules[r].name, in_lead };

          if (c.name == NULL)
            continue;
          c.evidence = g_strdup (g_strstrip (whole));
          /* A byline's separator is no part of the phrase. */
          while (c.evidence[0] != '\0' && strchr (",|(–—-", c.evidence[0]) != NULL)
            memmove (c.evidence, c.evidence + 1, strlen (c.evidence));
          g_strstrip (c.evidence);
          g_array_append_val (out, c);
        }
    }
}

typedef struct
{
  char    *name;    /* as the user or the batch writes it */
  GStrv    words;   /* folded */
  char    *speaker; /* the speaker it names */
  gboolean from_store;
} Known;

static void
known_clear (gpointer data)
{
  Known *k = data;

  g_free (k->name);
  g_strfreev (k->words);
  g_free (k->speaker);
}

typedef struct
{
  char   *title;
  char   *lead;
  GArray *candidates; /* Candidate, title's first */
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->title);
  g_free (e->lead);
  g_clear_pointer (&e->candidates, g_array_unref);
}

struct _RostraSpeakerSuggester
{
  GArray *known;   /* Known */
  GArray *entries; /* Entry */
};

RostraSpeakerSuggester *
rostra_speaker_suggester_new (void)
{
  RostraSpeakerSuggester *self = g_new0 (RostraSpeakerSuggester, 1);

  self->known = g_array_new (FALSE, TRUE, sizeof (Known));
  g_array_set_clear_func (self->known, known_clear);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  return self;
}

void
rostra_speaker_suggester_free (RostraSpeakerSuggester *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->known);
  g_array_unref (self->entries);
  g_free (self);
}

static void
add_known (RostraSpeakerSuggester *self, const char *name, const char *speaker, gboolean from_store)
{
  Known k = { g_strdup (name), fold_words (name, NULL, NULL), g_strdup (speaker), from_store };

  if (k.words[0] == NULL)
    {
      known_clear (&k);
      return;
    }
  g_array_append_val (self->known, k);
}

/**
 * rostra_speaker_suggester_add_known:
 * @name: a speaker of the archive
 * @aliases: (nullable) (array zero-terminated=1): their aliases
 *
 * Makes a speaker known: found by name or alias in titles and leads,
 * and the form every suggestion that names them takes.
 */
void
rostra_speaker_suggester_add_known (RostraSpeakerSuggester *self,
                                    const char             *name,
                                    const char *const      *aliases)
{
  g_return_if_fail (self != NULL && name != NULL);

  add_known (self, name, name, TRUE);
  for (guint i = 0; aliases && aliases[i]; i++)
    add_known (self, aliases[i], name, TRUE);
}

/* The first paragraphs of @text, up to about LEAD_CHARS characters. */
static char *
lead_of (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  end = g_utf8_offset_to_pointer (text, MIN ((glong) LEAD_CHARS, g_utf8_strlen (text, -1)));
  return g_strndup (text, end - text);
}

/**
 * rostra_speaker_suggester_add:
 * @title: a speech's title
 * @text: (nullable): its text; its lead is read
 *
 * Returns: the speech's index in the batch, for
 *   rostra_speaker_suggester_finish()'s result
 */
guint
rostra_speaker_suggester_add (RostraSpeakerSuggester *self, const char *title, const char *text)
{
  Entry e = { g_strdup (title ? title : ""), lead_of (text), NULL };

  g_return_val_if_fail (self != NULL, 0);

  e.candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (e.candidates, candidate_clear);
  find_patterns (e.title, FALSE, e.candidates);
  /* The lead's paragraphs one by one: a rule's `^` is a paragraph's start. */
  {
    g_auto (GStrv) paragraphs = g_strsplit (e.lead, "\n", -1);

    for (guint i = 0; paragraphs[i]; i++)
      find_patterns (paragraphs[i], TRUE, e.candidates);
  }
  g_array_append_val (self->entries, e);
  return self->entries->len - 1;
}

/* Whether @words holds @name's words in a row; the phrase's bytes in @text. */
static gboolean
find_words (GStrv words, GArray *starts, GArray *ends, GStrv name, gsize *from, gsize *to)
{
  guint n = g_strv_length (name), len = g_strv_length (words);

  for (guint i = 0; n > 0 && i + n <= len; i++)
    {
      guint j = 0;

      while (j < n && g_str_equal (words[i + j], name[j]))
        j++;
      if (j == n)
        {
          *from = g_array_index (starts, gsize, i);
          *to = g_array_index (ends, gsize, i + n - 1);
          return TRUE;
        }
    }
  return FALSE;
}

/* The longest known name in @text, as a candidate. */
static gboolean
find_known (RostraSpeakerSuggester *self, const char *text, gboolean in_lead, Candidate *out)
{
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_auto (GStrv) words = fold_words (text, starts, ends);
  const Known *best = NULL;
  gsize        best_from = 0, best_to = 0;

  for (guint i = 0; i < self->known->len; i++)
    {
      const Known *k = &g_array_index (self->known, Known, i);
      gsize        from, to;

      if (find_words (words, starts, ends, k->words, &from, &to) &&
          (best == NULL || g_strv_length (k->words) > g_strv_length (best->words)))
        {
          best = k;
          best_from = from;
          best_to = to;
        }
    }
  if (best == NULL)
    return FALSE;
  out->name = g_strdup (best->speaker);
  out->evidence = g_strndup (text + best_from, best_to - best_from);
  out->rule = in_lead ? "lead-known" : "known";
  out->in_lead = in_lead;
  return TRUE;
}

static const char *
last_word (GStrv words)
{
  guint n = g_strv_length (words);

  return n > 0 ? words[n - 1] : NULL;
}

/* The full form the batch gives most often for @words' surname (and
 * first initial, when @words has a first name). */
static const char *
batch_full_form (GHashTable *counts, GStrv words)
{
  GHashTableIter iter;
  gpointer       key, value;
  const char    *best = NULL;
  guint          best_count = 0;
  guint          n = g_strv_length (words);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) full = fold_words (key, NULL, NULL);
      guint count = GPOINTER_TO_UINT (value);

      if (g_strv_length (full) < 2 || !g_str_equal (last_word (full), words[n - 1]))
        continue;
      if (n > 1 && g_utf8_get_char (full[0]) != g_utf8_get_char (words[0]))
        continue;
      if (count > best_count || (count == best_count && g_strcmp0 (key, best) < 0))
        {
          best = key;
          best_count = count;
        }
    }
  return best;
}

/* The form @name takes in the suggestion. */
static char *
resolve (RostraSpeakerSuggester *self, GHashTable *counts, const char *name)
{
  g_auto (GStrv) words = fold_words (name, NULL, NULL);
  const char *by_surname = NULL;
  gboolean    ambiguous = FALSE;
  const char *full;

  if (words[0] == NULL)
    return g_strdup (name);
  for (guint i = 0; i < self->known->len; i++)
    {
      const Known *k = &g_array_index (self->known, Known, i);

      if (!k->from_store)
        continue;
      if (g_strv_equal ((const char *const *) k->words, (const char *const *) words))
        return g_strdup (k->speaker);
      if (words[1] == NULL && g_str_equal (last_word (k->words), words[0]))
        {
          ambiguous = ambiguous || (by_surname && !g_str_equal (by_surname, k->speaker));
          by_surname = k->speaker;
        }
    }
  if (by_surname != NULL && !ambiguous)
    return g_strdup (by_surname);
  if ((full = batch_full_form (counts, words)) != NULL)
    return g_strdup (full);
  return g_strdup (name);
}

/**
 * rostra_speaker_suggester_finish:
 *
 * Suggests a speaker for every speech added, together (see the top of
 * this file).
 *
 * Returns: (transfer full) (element-type RostraSpeakerSuggestion): one
 *   suggestion per speech added, in their order; %NULL for a speech
 *   nothing points to
 */
GPtrArray *
rostra_speaker_suggester_finish (RostraSpeakerSuggester *self)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rostra_speaker_suggestion_free);

  g_return_val_if_fail (self != NULL, out);

  /* The names the rules found, counted; each known to the others. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      for (guint j = 0; j < e->candidates->len; j++)
        {
          const char *name = g_array_index (e->candidates, Candidate, j).name;
          gpointer    n = g_hash_table_lookup (counts, name);

          g_hash_table_replace (counts, g_strdup (name),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
        }
    }
  {
    GHashTableIter iter;
    gpointer       key;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_auto (GStrv) words = fold_words (key, NULL, NULL);

        add_known (self, key, key, FALSE);
        /* A full name's surname on its own. */
        if (g_strv_length (words) > 1)
          add_known (self, last_word (words), key, FALSE);
      }
  }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry                   *e = &g_array_index (self->entries, Entry, i);
      RostraSpeakerSuggestion *s = NULL;
      Candidate                known = { 0 };
      const Candidate         *pick = NULL;

      /* The title's rules, the known names in the title, then the lead's. */
      for (guint j = 0; j < e->candidates->len && pick == NULL; j++)
        if (!g_array_index (e->candidates, Candidate, j).in_lead)
          pick = &g_array_index (e->candidates, Candidate, j);
      if (pick == NULL && find_known (self, e->title, FALSE, &known))
        pick = &known;
      for (guint j = 0; j < e->candidates->len && pick == NULL; j++)
        pick = &g_array_index (e->candidates, Candidate, j);
      if (pick == NULL && find_known (self, e->lead, TRUE, &known))
        pick = &known;

      if (pick != NULL)
        {
          s = g_new0 (RostraSpeakerSuggestion, 1);
          s->name = resolve (self, counts, pick->name);
          s->evidence = g_strdup (pick->evidence);
          if (pick->in_lead && pick != &known)
            {
              g_autofree char *rule = g_strconcat ("lead-", pick->rule, NULL);

              s->rule = g_intern_string (rule);
            }
          else
            s->rule = pick->rule;
        }
      candidate_clear (&known);
      g_ptr_array_add (out, s);
    }
  return out;
}

/**
 * rostra_speaker_suggest:
 * @title: a speech's title
 * @text: (nullable): its text
 *
 * A suggestion for one speech on its own, no speaker known.
 *
 * Returns: (transfer full) (nullable): the suggestion, %NULL when nothing points to a speaker
 */
RostraSpeakerSuggestion *
rostra_speaker_suggest (const char *title, const char *text)
{
  g_autoptr (RostraSpeakerSuggester) suggester = rostra_speaker_suggester_new ();
  g_autoptr (GPtrArray) all = NULL;

  rostra_speaker_suggester_add (suggester, title, text);
  all = rostra_speaker_suggester_finish (suggester);
  return g_ptr_array_steal_index (all, 0);
}
