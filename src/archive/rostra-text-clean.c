/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text-clean.c: the rules that drop a news site's debris from a speech at import.
 *
 * Each rule looks at one line at a time and drops whole lines, never a
 * part of one: a line of the speech is kept as it is or not at all.
 * The rules are deliberately narrow (a caption must end in a file size,
 * a donation line must be short and name an IBAN or a way to pay):
 * a rule that drops a sentence of a speech is worse than debris left.
 * The importer keeps the raw entry beside a text the rules changed (see
 * rostra_store_keep_raw_text()), so the cleaning can be reverted.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-dump-parser.h"
#include "rostra-text-clean.h"
#include "rostra-text.h"

/* The longest line the donation and caption rules drop, in characters. */
#define SHORT_LINE 200
/* How many of the first lines of the body the header rule looks at. */
#define HEADER_LINES 3

static const char *const rule_names[ROSTRA_CLEAN_N_RULES] = {
  [ROSTRA_CLEAN_IMAGE_CAPTION] = "image-caption",
  [ROSTRA_CLEAN_IMAGE_RESULT] = "image-result",
  [ROSTRA_CLEAN_DONATION] = "donation",
  [ROSTRA_CLEAN_REPEATED_HEADER] = "repeated-header",
};

/**
 * rostra_clean_rule_get_name:
 *
 * Returns: (transfer none): the rule's stable name, as the command line
 *   and the documentation call it: `image-caption`, …
 */
const char *
rostra_clean_rule_get_name (RostraCleanRule rule)
{
  g_return_val_if_fail (rule < ROSTRA_CLEAN_N_RULES, NULL);
  return rule_names[rule];
}

/**
 * rostra_clean_rule_get_label:
 *
 * Returns: (transfer none): what the rule drops, in the user's language
 */
const char *
rostra_clean_rule_get_label (RostraCleanRule rule)
{
  switch (rule)
    {
      case ROSTRA_CLEAN_IMAGE_CAPTION:
        return _("Image captions with file sizes");
      case ROSTRA_CLEAN_IMAGE_RESULT:
        return _("“Image result” lines");
      case ROSTRA_CLEAN_DONATION:
        return _("Donation and bank account lines");
      case ROSTRA_CLEAN_REPEATED_HEADER:
        return _("Title and date repeated at the top");
      case ROSTRA_CLEAN_N_RULES:
      default:
        g_return_val_if_reached (NULL);
    }
}

static GRegex *
regex_once (gsize *once, const char *pattern)
{
  if (g_once_init_enter (once))
    {
      GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);

      g_assert (regex != NULL);
      g_once_init_leave (once, (gsize) regex);
    }
  return (GRegex *) *once;
}

/* Whether @regex matches the @len bytes at @text (no copy of the line). */
static gboolean
matches (GRegex *regex, const char *text, gsize len)
{
  return g_regex_match_full (regex, text, len, 0, 0, NULL, NULL);
}

/* `JPEG - 66.2 kb`, `photo.png (120 KB)`, `Image: GIF – 1,2 MB`; a short line */
static gboolean
is_image_caption (const char *line, gsize len)
{
  static gsize once;
  char         last = len > 0 ? g_ascii_tolower (line[len - 1]) : 0;

  /* Every caption ends in a size's unit: b, bytes, or a bracket. */
  return (last == 'b' || last == 's' || last == ')' || last == ' ') &&
         matches (regex_once (&once, "^.{0,120}\\b(jpe?g|png|gif|webp|tiff?|bmp|svg)\\b\\s*"
                                     "[-–—:(]?\\s*\\d+([.,]\\d+)?\\s*(k|m)i?b(ytes?)?\\)?\\s*$"),
                  line, len);
}

/* Search engines' labels over images copied with the text. */
static gboolean
is_image_result (const char *line, gsize len)
{
  static gsize once;

  return matches (regex_once (&once, "^\\s*(afbeeldingsresultaat voor|gerelateerde afbeelding|"
                                     "image result for|related image|bildergebnis für|"
                                     "ähnliches foto|résultat de recherche d'images pour|"
                                     "résultat d’images pour|images associées|"
                                     "картинки по запросу)"),
                  line, len);
}

/* An IBAN (two letters, two digits, then groups of four), or a call to
 * donate naming a way to pay; a short line. */
static gboolean
is_donation (const char *line, gsize len)
{
  static gsize iban_once, call_once;

  return matches (regex_once (&iban_once, "\\biban\\b|\\b[a-z]{2}\\d{2}( ?[a-z0-9]{4}){3,7}\\b"),
                  line, len) ||
         matches (regex_once (&call_once,
                              "(donate|donation|doneer|donatie|gift|spende|spenden|faire un don"
                              "|пожертвова).{0,120}(paypal|bank|rekening|konto|account|"
                              "compte|bitcoin|счет|счёт)"),
                  line, len);
}

/* At most SHORT_LINE characters: the captions and donation lines are. */
static gboolean
is_short (const char *line, gsize len)
{
  return len <= SHORT_LINE ||
         (len <= 4 * SHORT_LINE && (gsize) g_utf8_strlen (line, len) <= SHORT_LINE);
}

#define WEEKDAY                                                                      \
  "(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|" \
  "wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"   \
  "freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\\s+)?"
#define MONTH                                                                        \
  "(?:jan\\w*|feb\\w*|fév\\w*|m[aä]r\\w*|apr\\w*|avr\\w*|ma[iy]|mei|jun\\w*|juin|" \
  "jul\\w*|juil\\w*|aug\\w*|ao[uû]t|sep\\w*|o[ck]t\\w*|nov\\w*|de[cz]\\w*|déc\\w*)\\.?"

/* A line that is only a day in words: "vrijdag 13 april 2018",
 * "Friday, September 27, 2019", "27. September 2019". */
static gboolean
is_date_in_words (const char *line)
{
  static gsize once;

  return g_regex_match (regex_once (&once, "^\\s*" WEEKDAY "(?:\\d{1,2}\\.?\\s+" MONTH "|" MONTH
                                           "\\s+\\d{1,2},?)\\s+\\d{4}\\s*$"),
                        line, 0, NULL);
}

/* The title again, or a date, in the first lines of the body. */
static gboolean
is_repeated_header (const char *line, const char *folded_title, const char *published)
{
  g_autofree char *folded = NULL;

  if (rostra_dump_parse_date_line (line, NULL) || is_date_in_words (line))
    return TRUE;
  folded = rostra_text_fold (line);
  if (*folded_title != '\0' && g_str_equal (folded, folded_title))
    return TRUE;
  /* The publication day as the site printed it: 2019-09-27, 27-09-19, 27.09.2019 */
  if (published != NULL && strlen (published) >= 10 && strlen (line) <= 40)
    {
      g_autofree char *iso = g_strndup (published, 10);
      g_autofree char *dmy =
          g_strdup_printf ("%.2s-%.2s-%.2s", published + 8, published + 5, published + 2);
      g_autofree char *dotted =
          g_strdup_printf ("%.2s.%.2s.%.4s", published + 8, published + 5, published);

      return g_str_has_prefix (folded, iso) || g_str_has_prefix (folded, dmy) ||
             g_str_has_prefix (folded, dotted);
    }
  return FALSE;
}

/* A line of the speech itself, after which no header is looked for: a
 * long one, or a sentence. A site's name over the title is no prose. */
static gboolean
is_prose (const char *line)
{
  gsize len = strlen (line);

  return g_utf8_strlen (line, -1) > 80 || (len > 0 && strchr (".!?:;\"", line[len - 1]) != NULL) ||
         g_str_has_suffix (line, "”") || g_str_has_suffix (line, "…");
}

typedef struct
{
  const char *text;
  gsize       len;
  gboolean    blank_before;
} Line;

/**
 * rostra_text_clean:
 * @title: (nullable): the speech's title, for the header rule
 * @published: (nullable): its date, `YYYY-MM-DDTHH:MM:SS`, for the header rule
 * @text: the speech's text: lines, paragraphs apart by a blank line
 * @n_dropped: (out caller-allocates) (array fixed-size=4) (optional): how
 *   many lines each #RostraCleanRule dropped
 *
 * Drops the lines the rules match. The paragraphs kept stay as they
 * were, one blank line apart.
 *
 * Returns: (transfer full) (nullable): the cleaned text, or %NULL when
 *   no rule dropped a line (the text is clean as it is)
 */
char *
rostra_text_clean (const char *title, const char *published, const char *text, guint *n_dropped)
{
  g_autofree char *folded_title = rostra_text_fold (title);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  GString    *out;
  gboolean    any = FALSE, blank = FALSE, pending_blank = FALSE, prose = FALSE;
  guint       n_seen = 0, counts[ROSTRA_CLEAN_N_RULES] = { 0 };
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  /* Lines, each knowing whether a blank line came before it. */
  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize       len = nl ? (gsize) (nl - p) : strlen (p);
      Line        line = { p, len, blank };

      if (len == 0 || (len == 1 && p[0] == '\r'))
        blank = TRUE;
      else
        {
          g_array_append_val (lines, line);
          blank = FALSE;
        }
      p += len + (nl ? 1 : 0);
    }

  out = g_string_sized_new (strlen (text));
  for (guint i = 0; i < lines->len; i++)
    {
      Line    *line = &g_array_index (lines, Line, i);
      gsize    len = line->len;
      gboolean header = n_seen < HEADER_LINES && !prose;
      gboolean short_line;
      int      rule = -1;

      while (len > 0 && g_ascii_isspace (line->text[len - 1]))
        len--;
      short_line = is_short (line->text, len);
      if (header)
        {
          g_autofree char *copy = g_strndup (line->text, len);

          if (is_repeated_header (copy, folded_title, published))
            rule = ROSTRA_CLEAN_REPEATED_HEADER;
          else
            prose = is_prose (copy); /* the speech has begun: no header after it */
        }
      if (rule < 0 && short_line && is_image_caption (line->text, len))
        rule = ROSTRA_CLEAN_IMAGE_CAPTION;
      else if (rule < 0 && is_image_result (line->text, len))
        rule = ROSTRA_CLEAN_IMAGE_RESULT;
      else if (rule < 0 && short_line && is_donation (line->text, len))
        rule = ROSTRA_CLEAN_DONATION;
      n_seen++;

      if (rule >= 0)
        {
          counts[rule]++;
          any = TRUE;
          pending_blank = pending_blank || line->blank_before;
          continue;
        }
      if (out->len > 0)
        g_string_append (out, line->blank_before || pending_blank ? "\n\n" : "\n");
      g_string_append_len (out, line->text, line->len);
      pending_blank = FALSE;
    }

  if (n_dropped != NULL)
    memcpy (n_dropped, counts, sizeof counts);
  if (!any)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
