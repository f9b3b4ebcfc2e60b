/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-dump-parser.c: a streaming reader of news-aggregator text dumps.
 *
 * A dump is a sequence of entries:
 *
 *   Title | Source          (often printed twice, blank lines around)
 *   27-09-19 02:07:00,      (DD-MM-YY HH:MM:SS and a comma)
 *   paragraphs…
 *    » Lees verder          (the end marker)
 *
 * The parser reads the stream in chunks, decodes each line (UTF-8, or
 * Windows-1252 when the bytes are not UTF-8), normalises it (NFC, no
 * trailing blanks) and feeds it to a small state machine. It holds one
 * entry in memory at a time, whatever the size of the file.
 *
 * A parser made with rostra_dump_parser_new_single() reads a plain-text
 * file holding one speech instead: its first line is the title (or the
 * file's name, when the first line is a whole paragraph), the rest the
 * body; the same decoding and paragraph rules apply.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rostra-dump-parser.h"
#include "rostra-language.h"
#include "rostra-text.h"

#define CHUNK_SIZE       (64 * 1024)
#define SNIFF_SIZE       8192
#define MAX_WARNINGS     10000
#define MAX_SOURCE_WORDS 5
#define MAX_MARKER_WORDS 4
#define MAX_MARKER_CHARS 40
#define MAX_TITLE_CHARS  200
#define MAX_QUOTED_CHARS 80

G_DEFINE_QUARK (rostra_parser_error_quark, rostra_parser_error)

typedef enum
{
  STATE_SEEK,   /* looking for a title */
  STATE_HEADER, /* have a title, want its date */
  STATE_BODY,   /* inside an entry, want its end marker */
  STATE_SINGLE, /* a plain-text speech: every line is the body */
} State;

typedef enum
{
  MODE_UTF8,
  MODE_WINDOWS_1252,
} Mode;

typedef struct
{
  char    *text;
  guint    line;
  gboolean blank_before;
} BodyLine;

struct _RostraDumpParser
{
  GObject parent_instance;

  GInputStream *stream;

  /* Raw bytes not yet split into lines: buf->data[pos..] */
  GByteArray   *buf;
  gsize         pos;
  gsize         scanned; /* bytes after pos known to hold no '\n' */
  gboolean      eof;
  guint64       bytes_read;
  RostraSha256 *sum;
  char         *checksum;

  guint    line;
  Mode     mode;
  gboolean saw_utf8;   /* a valid non-ASCII UTF-8 line */
  gboolean saw_legacy; /* a line decoded as Windows-1252 */
  gboolean mixed;

  GArray *warnings;
  guint   n_warnings;

  State    state;
  gboolean any_entry;
  gboolean done;

  /* rostra_dump_parser_new_single() */
  char    *fallback_title;
  gboolean markdown;

  /* STATE_HEADER: the title candidate */
  char    *cand;
  guint    cand_line;
  guint    cand_last;
  gboolean cand_repeated;

  /* Lines passed over, reported as one warning per run */
  guint skip_first;
  guint skip_last;

  /* STATE_BODY: the entry being read */
  char      *title_line;
  guint      first_line;
  char      *published;
  GPtrArray *body;
  gboolean   blank_pending;

  RostraDumpEntry *ready;
};

G_DEFINE_FINAL_TYPE (RostraDumpParser, rostra_dump_parser, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RostraDumpEntry,
                     rostra_dump_entry,
                     rostra_dump_entry_copy,
                     rostra_dump_entry_free)

RostraDumpEntry *
rostra_dump_entry_copy (const RostraDumpEntry *entry)
{
  RostraDumpEntry *copy = g_new (RostraDumpEntry, 1);

  *copy = *entry;
  copy->title = g_strdup (entry->title);
  copy->source = g_strdup (entry->source);
  copy->published = g_strdup (entry->published);
  copy->text = g_strdup (entry->text);
  return copy;
}

void
rostra_dump_entry_free (RostraDumpEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->source);
  g_free (entry->published);
  g_free (entry->text);
  g_free (entry);
}

static void
body_line_free (gpointer data)
{
  BodyLine *bl = data;

  g_free (bl->text);
  g_free (bl);
}

static void
warning_clear (gpointer data)
{
  RostraParseWarning *w = data;

  g_clear_pointer (&w->message, g_free);
}

static void
rostra_dump_parser_finalize (GObject *object)
{
  RostraDumpParser *self = (RostraDumpParser *) object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->buf, g_byte_array_unref);
  g_clear_pointer (&self->sum, rostra_sha256_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_pointer (&self->cand, g_free);
  g_clear_pointer (&self->fallback_title, g_free);
  g_clear_pointer (&self->title_line, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->body, g_ptr_array_unref);
  g_clear_pointer (&self->ready, rostra_dump_entry_free);

  G_OBJECT_CLASS (rostra_dump_parser_parent_class)->finalize (object);
}

static void
rostra_dump_parser_class_init (RostraDumpParserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rostra_dump_parser_finalize;
}

static void
rostra_dump_parser_init (RostraDumpParser *self)
{
  self->buf = g_byte_array_sized_new (CHUNK_SIZE);
  self->sum = rostra_sha256_new ();
  self->warnings = g_array_new (FALSE, TRUE, sizeof (RostraParseWarning));
  g_array_set_clear_func (self->warnings, warning_clear);
  self->body = g_ptr_array_new_with_free_func (body_line_free);
}

/**
 * rostra_dump_parser_new:
 * @stream: the dump's bytes
 *
 * Returns: (transfer full): a parser reading @stream from where it is
 */
RostraDumpParser *
rostra_dump_parser_new (GInputStream *stream)
{
  RostraDumpParser *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (ROSTRA_TYPE_DUMP_PARSER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

/**
 * rostra_dump_parser_new_single:
 * @stream: the file's bytes
 * @fallback_title: the title when the first line is no title (the
 *   file's name, say)
 * @markdown: whether the file is Markdown: a `#` heading is then the title
 *
 * Returns: (transfer full): a parser that reads all of @stream as one
 *   speech and returns it as one entry (complete, without a date)
 */
RostraDumpParser *
rostra_dump_parser_new_single (GInputStream *stream, const char *fallback_title, gboolean markdown)
{
  RostraDumpParser *self = rostra_dump_parser_new (stream);

  g_return_val_if_fail (fallback_title != NULL, NULL);

  self->fallback_title = g_strdup (fallback_title);
  self->markdown = markdown;
  self->state = STATE_SINGLE;
  return self;
}

G_GNUC_PRINTF (3, 4)
static void
add_warning (RostraDumpParser *self, guint line, const char *format, ...)
{
  RostraParseWarning w;
  va_list            args;

  self->n_warnings++;
  if (self->warnings->len >= MAX_WARNINGS)
    return;

  va_start (args, format);
  w.line = line;
  w.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (self->warnings, w);
}

/* A title as a warning quotes it: at most MAX_QUOTED_CHARS characters
 * (a title may be thousands long), control characters shown as U+FFFD
 * (a terminal printing the warning would run them). */
static char *
quote_title (const char *title)
{
  GString *s = g_string_new (NULL);
  guint    n = 0;

  for (const char *p = title; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == MAX_QUOTED_CHARS)
        {
          g_string_append (s, "\u2026");
          break;
        }
      if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0))
        g_string_append (s, "\uFFFD");
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Reading lines */

static gboolean
check_not_binary (const guint8 *data, gsize len, GError **error)
{
  gsize nul = 0, control = 0;

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error_literal (
          error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY,
          _("The file is UTF-16 text, which Rostra cannot read; save it as UTF-8"));
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == 0)
        nul++;
      else if (data[i] < 0x20 && !strchr ("\t\n\r\f\v\x1b", data[i]))
        control++;
    }

  /* Text may hold a stray NUL; binary formats hold many, or many controls. */
  if ((nul >= 4 && nul * 100 > len) || control * 20 > len)
    {
      g_set_error_literal (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_BINARY,
                           _("The file is binary, not a text dump"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
fill_buffer (RostraDumpParser *self, GCancellable *cancellable, GError **error)
{
  gboolean first = self->bytes_read == 0;
  gsize    old_len;
  gssize   n;

  if (self->pos > 0)
    {
      g_byte_array_remove_range (self->buf, 0, self->pos);
      self->pos = 0;
    }

  old_len = self->buf->len;
  g_byte_array_set_size (self->buf, old_len + CHUNK_SIZE);
  n = g_input_stream_read (self->stream, self->buf->data + old_len, CHUNK_SIZE, cancellable, error);
  g_byte_array_set_size (self->buf, old_len + MAX (n, 0));
  if (n < 0)
    return FALSE;

  if (n == 0)
    {
      self->eof = TRUE;
      if (first)
        {
          g_set_error_literal (error, ROSTRA_PARSER_ERROR, ROSTRA_PARSER_ERROR_EMPTY,
                               _("The file is empty"));
          return FALSE;
        }
      return TRUE;
    }

  if (first && !check_not_binary (self->buf->data, MIN ((gsize) n, SNIFF_SIZE), error))
    return FALSE;

  self->bytes_read += n;
  rostra_sha256_update (self->sum, self->buf->data + old_len, n);
  return TRUE;
}

/* Sets @raw to the next line's bytes (without '\n') inside the buffer,
 * valid until the next call, or to %NULL at the end of the stream. */
static gboolean
read_raw_line (RostraDumpParser *self,
               const char      **raw,
               gsize            *len,
               GCancellable     *cancellable,
               GError          **error)
{
  for (;;)
    {
      const guint8 *start = self->buf->data + self->pos;
      gsize         avail = self->buf->len - self->pos;
      const guint8 *nl = memchr (start + self->scanned, '\n', avail - self->scanned);

      if (nl != NULL)
        {
          *raw = (const char *) start;
          *len = nl - start;
          self->pos += *len + 1;
          self->scanned = 0;
          return TRUE;
        }

      if (self->eof)
        {
          *raw = avail > 0 ? (const char *) start : NULL;
          *len = avail;
          self->pos += avail;
          self->scanned = 0;
          return TRUE;
        }

      self->scanned = avail;
      if (!fill_buffer (self, cancellable, error))
        return FALSE;
    }
}

static gboolean
has_high_bytes (const char *raw, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) raw[i] >= 0x80)
      return TRUE;
  return FALSE;
}

static char *
decode_line (RostraDumpParser *self, const char *raw, gsize len)
{
  g_autofree char *without_nul = NULL;
  g_autofree char *decoded = NULL;
  char            *line;

  if (self->line == 1 && len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    {
      raw += 3;
      len -= 3;
    }

  if (memchr (raw, '\0', len) != NULL)
    {
      GString *s = g_string_sized_new (len + 8);

      for (gsize i = 0; i < len; i++)
        {
          if (raw[i] == '\0')
            g_string_append (s, "\xEF\xBF\xBD");
          else
            g_string_append_c (s, raw[i]);
        }
      add_warning (self, self->line, _("NUL bytes were replaced by “\xEF\xBF\xBD”"));
      len = s->len;
      raw = without_nul = g_string_free (s, FALSE);
    }

  if (!has_high_bytes (raw, len))
    return rostra_text_strip_trailing (g_strndup (raw, len));

  if (g_utf8_validate_len (raw, len, NULL))
    {
      if (self->mode == MODE_WINDOWS_1252 && !self->mixed)
        {
          self->mixed = TRUE;
          add_warning (
              self, self->line,
              _("This line is UTF-8 in a file read as Windows-1252; it was read as UTF-8"));
        }
      self->saw_utf8 = TRUE;
      decoded = g_strndup (raw, len);
    }
  else
    {
      if (self->mode == MODE_UTF8 && !self->saw_utf8)
        self->mode = MODE_WINDOWS_1252;
      else if (self->mode == MODE_UTF8)
        {
          self->mixed = TRUE;
          add_warning (self, self->line,
                       _("This line is not valid UTF-8; it was read as Windows-1252"));
        }
      self->saw_legacy = TRUE;
      decoded = rostra_text_decode_windows_1252 (raw, len);
    }

  line = rostra_text_normalize_nfc (decoded, strlen (decoded));
  return rostra_text_strip_trailing (line);
}

/* Recognising lines */

static gboolean
parse_digits (const char *s, int *value)
{
  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return FALSE;
  *value = (s[0] - '0') * 10 + (s[1] - '0');
  return TRUE;
}

/**
 * rostra_dump_parse_date_line:
 * @line: a line of a dump
 * @iso_date: (out) (optional) (transfer full): the date as
 *   `YYYY-MM-DDTHH:MM:SS`, or %NULL when the line has the shape of a
 *   date line but is no real date (31-02-19)
 *
 * Recognises `DD-MM-YY HH:MM:SS,` (the comma may be missing, and space
 * around it). Two-digit years 00–68 are 20xx, 69–99 are 19xx.
 *
 * Returns: %TRUE if @line is a date line
 */
gboolean
rostra_dump_parse_date_line (const char *line, char **iso_date)
{
  int         d, mo, y, h, mi, s;
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;

  if (!parse_digits (p, &d) || p[2] != '-' || !parse_digits (p + 3, &mo) || p[5] != '-' ||
      !parse_digits (p + 6, &y) || p[8] != ' ' || !parse_digits (p + 9, &h) || p[11] != ':' ||
      !parse_digits (p + 12, &mi) || p[14] != ':' || !parse_digits (p + 15, &s))
    return FALSE;

  p += 17;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == ',')
    p++;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '\0')
    return FALSE;

  y += y <= 68 ? 2000 : 1900;

  if (iso_date)
    {
      if (mo >= 1 && mo <= 12 && d >= 1 && g_date_valid_dmy (d, mo, y) && h < 24 && mi < 60 &&
          s < 60)
        *iso_date = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
      else
        *iso_date = NULL;
    }

  return TRUE;
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

/**
 * rostra_dump_is_end_marker:
 * @line: a line of a dump
 *
 * Recognises the line that closes an entry: `»` followed by one to
 * four short words (` » Lees verder`, `» Read more`, `» Weiterlesen`),
 * with ordinary or no-break spaces around.
 *
 * Returns: %TRUE if @line is an end marker
 */
gboolean
rostra_dump_is_end_marker (const char *line)
{
  const char *p = line;
  guint       words = 0, chars = 0;
  gboolean    in_word = FALSE;

  while (*p && is_space_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  if (g_utf8_get_char (p) != 0x00BB)
    return FALSE;
  p = g_utf8_next_char (p);

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space_char (c))
        {
          in_word = FALSE;
          continue;
        }
      if (!g_unichar_isalpha (c) && c != '.' && c != '\'' && c != 0x2019 && c != '-' && c != 0x2026)
        return FALSE;
      if (!in_word)
        words++;
      in_word = TRUE;
      if (++chars > MAX_MARKER_CHARS)
        return FALSE;
    }

  return words >= 1 && words <= MAX_MARKER_WORDS;
}

static guint
count_words (const char *s)
{
  guint    words = 0;
  gboolean in_word = FALSE;

  for (; *s; s = g_utf8_next_char (s))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (s));

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

/**
 * rostra_dump_split_source:
 * @title_line: a title as printed in a dump
 * @title: (out) (transfer full): the title
 * @source: (out) (transfer full) (nullable): the source, if any
 *
 * Splits a trailing ` | NAME` or ` – NAME` (NAME of at most five
 * words) off a title.
 */
void
rostra_dump_split_source (const char *title_line, char **title, char **source)
{
  static const char *const separators[] = { " | ", " \u2013 " };
  const char              *best = NULL;
  gsize                    best_len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *found = g_strrstr (title_line, separators[i]);

      if (found && found > best)
        {
          best = found;
          best_len = strlen (separators[i]);
        }
    }

  if (best != NULL && best > title_line)
    {
      g_autofree char *name = g_strstrip (g_strdup (best + best_len));
      g_autofree char *head = g_strstrip (g_strndup (title_line, best - title_line));
      guint            words = count_words (name);

      if (words >= 1 && words <= MAX_SOURCE_WORDS && *head)
        {
          *title = g_steal_pointer (&head);
          *source = g_steal_pointer (&name);
          return;
        }
    }

  *title = g_strstrip (g_strdup (title_line));
  *source = NULL;
}

/* The state machine */

static void
skip_lines (RostraDumpParser *self, guint first, guint last)
{
  if (self->skip_first == 0)
    self->skip_first = first;
  self->skip_last = MAX (self->skip_last, last);
}

static void
flush_skipped (RostraDumpParser *self)
{
  guint first = self->skip_first, last = self->skip_last;

  if (first == 0)
    return;

  if (!self->any_entry && first == last)
    add_warning (self, first, _("Line %u was skipped: it comes before the first entry"), first);
  else if (!self->any_entry)
    add_warning (self, first,
                 _("Lines %u–%u were skipped: they come before the first entry"), first, last);
  else if (first == last)
    add_warning (self, first,
                 _("Line %u was skipped: it is not part of an entry (a title needs a date line "
                   "after it)"),
                    first);
  else
    add_warning (self, first,
                 _("Lines %u–%u were skipped: they are not part of an entry (a title needs a "
                   "date line after it)"),
                    first, last);

  self->skip_first = self->skip_last = 0;
}

static void
set_candidate (RostraDumpParser *self, char *line, guint lineno)
{
  g_free (self->cand);
  self->cand = line;
  self->cand_line = self->cand_last = lineno;
  self->cand_repeated = FALSE;
  self->state = STATE_HEADER;
}

static void
drop_candidate (RostraDumpParser *self)
{
  skip_lines (self, self->cand_line, self->cand_last);
  g_clear_pointer (&self->cand, g_free);
}

static void
start_entry (RostraDumpParser *self,
             char             *title_line,
             guint             first_line,
             const char       *date_line,
             guint             date_lineno)
{
  g_autofree char *published = NULL;

  flush_skipped (self);
  rostra_dump_parse_date_line (date_line, &published);
  if (published == NULL)
    add_warning (self, date_lineno,
                 _("“%s” is not a valid date; the entry is kept without a date"), date_line);

  g_free (self->title_line);
  self->title_line = title_line;
  self->first_line = first_line;
  g_free (self->published);
  self->published = g_steal_pointer (&published);
  g_ptr_array_set_size (self->body, 0);
  self->blank_pending = FALSE;
  self->any_entry = TRUE;
  self->state = STATE_BODY;
}

static void
add_body_line (RostraDumpParser *self, char *line, guint lineno)
{
  BodyLine *bl = g_new (BodyLine, 1);

  bl->text = line;
  bl->line = lineno;
  bl->blank_before = self->blank_pending;
  self->blank_pending = FALSE;
  g_ptr_array_add (self->body, bl);
}

static void
finish_entry (RostraDumpParser *self, guint last_line, gboolean complete)
{
  RostraDumpEntry *entry = g_new0 (RostraDumpEntry, 1);
  GString         *text = g_string_new (NULL);

  for (guint i = 0; i < self->body->len; i++)
    {
      BodyLine *bl = g_ptr_array_index (self->body, i);

      if (i > 0)
        g_string_append (text, bl->blank_before ? "\n\n" : "\n");
      g_string_append (text, bl->text);
    }

  if (self->fallback_title != NULL)
    entry->title = g_strdup (self->title_line);
  else
    rostra_dump_split_source (self->title_line, &entry->title, &entry->source);
  entry->published = g_steal_pointer (&self->published);
  entry->text = g_string_free (text, FALSE);
  entry->language = rostra_language_guess (entry->text);
  entry->first_line = self->first_line;
  entry->last_line = last_line;
  entry->complete = complete;

  g_clear_pointer (&self->title_line, g_free);
  g_ptr_array_set_size (self->body, 0);
  g_clear_pointer (&self->ready, rostra_dump_entry_free);
  self->ready = entry;
  self->state = STATE_SEEK;
}

static guint
body_last_line (RostraDumpParser *self)
{
  if (self->body->len == 0)
    return self->first_line;
  return ((BodyLine *) g_ptr_array_index (self->body, self->body->len - 1))->line;
}

/* A date line inside a body: if the line before it stands alone, it is
 * the title of a new entry and the current one lost its end marker. */
static gboolean
split_at_date (RostraDumpParser *self, const char *date_line, guint lineno)
{
  BodyLine        *last;
  char            *title;
  guint            title_line;
  g_autofree char *old_title = NULL;

  if (self->body->len == 0)
    return FALSE;

  last = g_ptr_array_index (self->body, self->body->len - 1);
  if (!last->blank_before && self->body->len > 1)
    return FALSE;

  title = g_steal_pointer (&last->text);
  title_line = last->line;
  g_ptr_array_set_size (self->body, self->body->len - 1);

  /* The title is often printed twice. */
  if (self->body->len > 0)
    {
      BodyLine *before = g_ptr_array_index (self->body, self->body->len - 1);

      if (g_str_equal (before->text, title))
        {
          title_line = before->line;
          g_ptr_array_set_size (self->body, self->body->len - 1);
        }
    }

  old_title = quote_title (self->title_line);
  add_warning (self, self->first_line,
               _("The entry “%s” has no end marker; it ends where the next entry starts, at line "
                 "%u"),
                  old_title, title_line);
  finish_entry (self, body_last_line (self), FALSE);
  start_entry (self, title, title_line, date_line, lineno);
  return TRUE;
}

static void
process_line (RostraDumpParser *self, char *line)
{
  guint    lineno = self->line;
  gboolean blank = rostra_text_is_blank (line);

  switch (self->state)
    {
      case STATE_SEEK:
        if (blank)
          break;
        if (rostra_dump_is_end_marker (line) || rostra_dump_parse_date_line (line, NULL))
          {
            skip_lines (self, lineno, lineno);
            break;
          }
        set_candidate (self, g_steal_pointer (&line), lineno);
        break;

      case STATE_HEADER:
        if (blank)
          break;
        if (!self->cand_repeated && g_str_equal (line, self->cand))
          {
            self->cand_repeated = TRUE;
            self->cand_last = lineno;
            break;
          }
        if (rostra_dump_parse_date_line (line, NULL))
          {
            start_entry (self, g_steal_pointer (&self->cand), self->cand_line, line, lineno);
            break;
          }
        drop_candidate (self);
        if (rostra_dump_is_end_marker (line))
          {
            skip_lines (self, lineno, lineno);
            self->state = STATE_SEEK;
            break;
          }
        set_candidate (self, g_steal_pointer (&line), lineno);
        break;

      case STATE_BODY:
        if (blank)
          {
            self->blank_pending = self->body->len > 0;
            break;
          }
        if (rostra_dump_is_end_marker (line))
          {
            finish_entry (self, lineno, TRUE);
            break;
          }
        if (rostra_dump_parse_date_line (line, NULL) && split_at_date (self, line, lineno))
          break;
        add_body_line (self, g_steal_pointer (&line), lineno);
        break;

      default:
        g_assert_not_reached ();
    }

  g_free (line);
}

/* The title of a plain-text speech: its first line, without Markdown's
 * heading marks, unless that line is a paragraph rather than a title. */
static char *
single_title (RostraDumpParser *self, const char *line)
{
  if (self->markdown)
    {
      const char *p = line;
      char       *title;

      while (*p == '#')
        p++;
      if (p > line && (*p == ' ' || *p == '\t'))
        {
          title = g_strstrip (g_strdup (p));
          while (*title && title[strlen (title) - 1] == '#')
            title[strlen (title) - 1] = '\0';
          g_strchomp (title);
          if (*title)
            return title;
          g_free (title);
        }
    }
  if (g_utf8_strlen (line, -1) > MAX_TITLE_CHARS)
    return NULL;
  return g_strstrip (g_strdup (line));
}

static void
process_single_line (RostraDumpParser *self, char *line)
{
  if (rostra_text_is_blank (line))
    {
      self->blank_pending = self->body->len > 0;
      g_free (line);
      return;
    }

  if (!self->any_entry)
    {
      self->any_entry = TRUE;
      self->first_line = self->line;
      self->title_line = single_title (self, line);
      if (self->title_line != NULL)
        {
          g_free (line);
          return;
        }
      self->title_line = g_strdup (self->fallback_title);
    }

  add_body_line (self, line, self->line);
}

static void
process_end (RostraDumpParser *self)
{
  switch (self->state)
    {
      case STATE_HEADER:
        drop_candidate (self);
        break;

      case STATE_BODY:
        {
          g_autofree char *title = quote_title (self->title_line);

          add_warning (self, self->first_line,
                       _("The file ends inside the entry “%s” (no end marker); the entry is kept"),
                          title);
          finish_entry (self, body_last_line (self), FALSE);
        }
        break;

      case STATE_SINGLE:
        if (self->any_entry && self->body->len == 0)
          {
            /* Only a title: it is the whole text. */
            add_body_line (self, g_steal_pointer (&self->title_line), self->first_line);
            self->title_line = g_strdup (self->fallback_title);
          }
        if (self->any_entry)
          finish_entry (self, self->line, TRUE);
        break;

      case STATE_SEEK:
      default:
        break;
    }

  flush_skipped (self);
  self->checksum = g_strdup (rostra_sha256_get_string (self->sum));
  self->done = TRUE;
}

/**
 * rostra_dump_parser_next:
 * @self: a #RostraDumpParser
 * @entry: (out) (transfer full) (nullable): the next entry, or %NULL at the end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads until the next entry is complete. Warnings gathered on the way
 * are available from rostra_dump_parser_get_warning().
 *
 * Returns: %FALSE on a read error (%ROSTRA_PARSER_ERROR for binary or
 *   empty input, or an I/O error)
 */
gboolean
rostra_dump_parser_next (RostraDumpParser *self,
                         RostraDumpEntry **entry,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  *entry = NULL;

  while (self->ready == NULL && !self->done)
    {
      const char *raw;
      gsize       len;

      if (!read_raw_line (self, &raw, &len, cancellable, error))
        return FALSE;

      if (raw == NULL)
        {
          process_end (self);
          break;
        }

      self->line++;
      if (self->state == STATE_SINGLE)
        process_single_line (self, decode_line (self, raw, len));
      else
        process_line (self, decode_line (self, raw, len));
    }

  *entry = g_steal_pointer (&self->ready);
  return TRUE;
}

/**
 * rostra_dump_parser_get_encoding:
 *
 * Returns: `UTF-8`, `windows-1252`, or `mixed` when lines of both were found
 */
const char *
rostra_dump_parser_get_encoding (RostraDumpParser *self)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), NULL);

  if (self->saw_legacy && self->saw_utf8)
    return "mixed";
  if (self->saw_legacy)
    return "windows-1252";
  return "UTF-8";
}

guint64
rostra_dump_parser_get_bytes_read (RostraDumpParser *self)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), 0);
  return self->bytes_read;
}

guint
rostra_dump_parser_get_line (RostraDumpParser *self)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), 0);
  return self->line;
}

/**
 * rostra_dump_parser_get_checksum:
 *
 * Returns: (nullable): the SHA-256 of the bytes read, once the end was reached
 */
const char *
rostra_dump_parser_get_checksum (RostraDumpParser *self)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), NULL);
  return self->checksum;
}

/**
 * rostra_dump_parser_get_n_warnings:
 *
 * Returns: how many warnings were raised; only the first 10,000 are kept
 */
guint
rostra_dump_parser_get_n_warnings (RostraDumpParser *self)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), 0);
  return self->n_warnings;
}

/**
 * rostra_dump_parser_get_warning:
 * @index: from 0 to the number of kept warnings
 *
 * Returns: (nullable): the warning, or %NULL past the kept ones
 */
const RostraParseWarning *
rostra_dump_parser_get_warning (RostraDumpParser *self, guint index)
{
  g_return_val_if_fail (ROSTRA_IS_DUMP_PARSER (self), NULL);

  if (index >= self->warnings->len)
    return NULL;
  return &g_array_index (self->warnings, RostraParseWarning, index);
}
