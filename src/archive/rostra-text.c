/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text.c: small text helpers shared by the parser, store and exporter. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-text.h"

/* Windows-1252 bytes 0x80-0x9F. The five bytes the code page leaves
 * undefined map to the C1 control of the same value, as the WHATWG
 * encoding standard does, so that no byte is ever lost. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/**
 * rostra_text_decode_windows_1252:
 * @bytes: the bytes to decode
 * @len: their number
 *
 * Decodes Windows-1252 to UTF-8. Every byte maps to a character, so
 * this never fails.
 *
 * Returns: (transfer full): a newly allocated UTF-8 string
 */
char *
rostra_text_decode_windows_1252 (const char *bytes, gsize len)
{
  GString *out = g_string_sized_new (len + len / 4 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar b = (guchar) bytes[i];

      if (b < 0x80)
        g_string_append_c (out, (char) b);
      else if (b < 0xA0)
        g_string_append_unichar (out, cp1252_high[b - 0x80]);
      else
        g_string_append_unichar (out, b);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0xFEFF;
}

/* A character before which text can be cut without changing its NFC
 * form: a starter that never composes with what comes before it. */
static gboolean
is_nfc_boundary (gunichar c)
{
  return g_unichar_combining_class (c) == 0 && !g_unichar_ismark (c) &&
         !(c >= 0x1161 && c <= 0x11C2) && c != 0x3099 && c != 0x309A;
}

/**
 * rostra_text_normalize_nfc:
 * @text: valid UTF-8
 * @len: its length in bytes
 *
 * Like g_utf8_normalize() with %G_NORMALIZE_NFC, in linear time: GLib
 * 2.74's takes quadratic time on long strings (a 3 MB line takes
 * minutes), so long text is normalised in pieces cut at boundaries
 * where normalisation cannot reach across.
 *
 * Returns: (transfer full): the NFC form of @text
 */
/* A conservative NFC quick check: characters of the common scripts
 * that are their own NFC form whatever surrounds them. Text made only
 * of these (most lines of most dumps) needs no normalising. */
static gboolean
is_nfc_stable (gunichar c)
{
  return c < 0x0300 ||                   /* Latin, up to the combining marks */
         (c >= 0x0370 && c <= 0x0373) || /* Greek archaic letters */
         (c >= 0x0400 && c <= 0x0482) || /* Cyrillic letters */
         (c >= 0x048A && c <= 0x052F) || /* Cyrillic supplement */
         (c >= 0x2010 && c <= 0x2027) || /* dashes, quotes, bullets, ellipsis */
         (c >= 0x2030 && c <= 0x205E) || /* per mille, primes, guillemets */
         (c >= 0x20A0 && c <= 0x20C0) || /* currency signs */
         (c >= 0x4E00 && c <= 0x9FFF);   /* CJK ideographs */
}

static gboolean
is_nfc_quick (const char *text, const char *end)
{
  for (const char *p = text; p < end; p++)
    {
      if ((guchar) *p < 0x80)
        continue;
      if (!is_nfc_stable (g_utf8_get_char (p)))
        return FALSE;
      p = g_utf8_next_char (p) - 1;
    }
  return TRUE;
}

char *
rostra_text_normalize_nfc (const char *text, gsize len)
{
  const gsize piece = 4096;
  const char *end = text + len;
  GString    *out;

  if (is_nfc_quick (text, end))
    return g_strndup (text, len);

  if (len <= 2 * piece)
    return g_utf8_normalize (text, len, G_NORMALIZE_NFC);

  out = g_string_sized_new (len + 16);
  while (text < end)
    {
      const char      *cut = end;
      g_autofree char *normal = NULL;

      if ((gsize) (end - text) > 2 * piece)
        {
          cut = g_utf8_find_next_char (text + piece - 1, end);
          while (cut != NULL && cut < end && !is_nfc_boundary (g_utf8_get_char (cut)))
            cut = g_utf8_find_next_char (cut, end);
          if (cut == NULL)
            cut = end;
        }

      normal = g_utf8_normalize (text, cut - text, G_NORMALIZE_NFC);
      g_string_append (out, normal);
      text = cut;
    }

  return g_string_free (out, FALSE);
}

/**
 * rostra_text_is_blank:
 * @line: a UTF-8 line
 *
 * Returns: %TRUE if @line holds nothing but white space (no-break
 *   spaces included)
 */
gboolean
rostra_text_is_blank (const char *line)
{
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    if (!is_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * rostra_text_strip_trailing:
 * @line: a UTF-8 line, modified in place
 *
 * Removes trailing spaces, tabs and carriage returns, and nothing else.
 *
 * Returns: @line
 */
char *
rostra_text_strip_trailing (char *line)
{
  gsize len = strlen (line);

  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
    line[--len] = '\0';

  return line;
}

/**
 * rostra_text_count_words:
 * @text: UTF-8 text
 *
 * Returns: the number of runs of letters and digits in @text
 */
gsize
rostra_text_count_words (const char *text)
{
  gsize    words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p && *p;)
    {
      gboolean word_char;

      /* ASCII without the Unicode tables: an import counts every text. */
      if ((guchar) *p < 0x80)
        {
          word_char = g_ascii_isalnum (*p);
          p++;
        }
      else
        {
          word_char = g_unichar_isalnum (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (word_char && !in_word)
        words++;
      in_word = word_char;
    }

  return words;
}

/**
 * rostra_text_content_hash:
 * @title: the article's title
 * @published: (nullable): its date as `YYYY-MM-DDTHH:MM:SS`
 * @text: its normalised text
 *
 * The identity of an article's content: two articles with the same
 * title, date and text are the same article, whichever file they
 * came from.
 *
 * Returns: (transfer full): a SHA-256 hex digest
 */
char *
rostra_text_content_hash (const char *title, const char *published, const char *text)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  /* NUL separators: no title/text split can collide with another. */
  g_checksum_update (sum, (const guchar *) title, strlen (title) + 1);
  if (published)
    g_checksum_update (sum, (const guchar *) published, strlen (published));
  g_checksum_update (sum, (const guchar *) "", 1);
  g_checksum_update (sum, (const guchar *) text, strlen (text));

  return g_strdup (g_checksum_get_string (sum));
}

/**
 * rostra_text_snippet_format:
 * @snippet: a search snippet with matches marked by
 *   %ROSTRA_TEXT_MATCH_START and %ROSTRA_TEXT_MATCH_END
 * @open: what to put before a match
 * @close: what to put after it
 * @markup: whether to escape the text for Pango markup
 *
 * Returns: (transfer full): @snippet on one line, its matches between
 *   @open and @close, always balanced whatever the text holds
 */
char *
rostra_text_snippet_format (const char *snippet,
                            const char *open,
                            const char *close,
                            gboolean    markup)
{
  GString    *out = g_string_new (NULL);
  gboolean    in_match = FALSE;
  const char *run = snippet;

  for (const char *p = snippet;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p != '\0' && c != 0xE000 && c != 0xE001 && c != '\n')
        continue;

      if (markup)
        {
          g_autofree char *escaped = g_markup_escape_text (run, p - run);
          g_string_append (out, escaped);
        }
      else
        g_string_append_len (out, run, p - run);

      if (*p == '\0')
        break;
      if (c == '\n')
        g_string_append_c (out, ' ');
      else if (c == 0xE000 && !in_match)
        g_string_append (out, open);
      else if (c == 0xE001 && in_match)
        g_string_append (out, close);
      in_match = c == 0xE000 ? TRUE : c == 0xE001 ? FALSE : in_match;
      run = g_utf8_next_char (p);
    }

  if (in_match)
    g_string_append (out, close);
  return g_string_free (out, FALSE);
}

/**
 * rostra_text_snippet_to_markup:
 *
 * Returns: (transfer full): Pango markup of @snippet, matches in bold
 */
char *
rostra_text_snippet_to_markup (const char *snippet)
{
  return rostra_text_snippet_format (snippet, "<b>", "</b>", TRUE);
}

/**
 * rostra_text_format_date:
 * @published: (nullable): a date as `YYYY-MM-DDTHH:MM:SS`
 * @abbreviated: “7 Mar 2021” rather than “7 March 2021”
 *
 * Returns: (transfer full) (nullable): the date in the user's locale,
 *   @published itself when it is no readable date, or %NULL for none
 */
char *
rostra_text_format_date (const char *published, gboolean abbreviated)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) date_time = NULL;
  char *text = NULL;

  if (published == NULL || *published == '\0')
    return NULL;

  if ((date_time = g_date_time_new_from_iso8601 (published, utc)))
    text = g_date_time_format (date_time, abbreviated
                               /* Translators: a date in the library list, a
                                * g_date_time_format() format: “7 Mar 2021” */
                               ? C_ ("article date", "%-d %b %Y")
                                     /* Translators: a date in the reader and in citations, a
                                      * g_date_time_format() format: “7 March 2021” */
                                     : C_ ("date format", "%-d %B %Y"));
  return text ? text : g_strdup (published);
}

/**
 * rostra_text_markdown_escape:
 * @text: plain text
 *
 * Returns: (transfer full): @text with every character Markdown could
 *   read as formatting escaped by a backslash
 */
char *
rostra_text_markdown_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\`*_{}[]()<>#+-.!|~&", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
