/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-text.c: small text helpers shared by the parser, store and exporter. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_X86_SHA 1
#include <cpuid.h>
#include <immintrin.h>
#endif

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

/* SHA-256
 *
 * An import hashes every byte twice: the file (its checksum) and each
 * article (its content hash). GLib's SHA-256 is portable C, at about
 * 55 instructions a byte; x86 processors since about 2017 (AMD Zen,
 * Intel Goldmont and Ice Lake) compute it with the SHA extensions,
 * several times faster. Where the processor has none, GChecksum does
 * the work: the digests are the same either way. */

struct _RostraSha256
{
  GChecksum *fallback; /* the processor has no SHA instructions */
  guint32    state[8];
  guint8     block[64]; /* the bytes of an unfinished block */
  gsize      block_len;
  guint64    total;
  char       hex[65]; /* once finished */
};

#ifdef HAVE_X86_SHA

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static gboolean
cpu_has_sha (void)
{
  static gsize result = 0; /* 1: no, 2: yes */

  if (g_once_init_enter (&result))
    {
      unsigned int eax, ebx, ecx, edx;
      gboolean     sse41, sha;

      /* Leaf 1: SSSE3 is ECX bit 9, SSE4.1 bit 19; leaf 7: SHA is EBX bit 29. */
      sse41 = __get_cpuid (1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 9)) && (ecx & (1u << 19));
      sha = __get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (1u << 29));
      g_once_init_leave (&result, sse41 && sha ? 2 : 1);
    }
  return result == 2;
}

/* The compression function over @n_blocks blocks of 64 bytes, with the
 * SHA extensions: two rounds an instruction, and the message schedule
 * four words at a time. */
__attribute__ ((target ("sha,sse4.1"))) static void
sha256_blocks (guint32 state[8], const guint8 *data, gsize n_blocks)
{
  const __m128i byte_swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i       tmp, abef, cdgh;

  /* A..H, as two registers of four words: ABEF and CDGH. */
  tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);  /* CDAB */
  cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B); /* EFGH */
  abef = _mm_alignr_epi8 (tmp, cdgh, 8);
  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xF0);

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      const __m128i abef_before = abef, cdgh_before = cdgh;
      __m128i       msg[4]; /* the last four groups of four message words */

      for (int g = 0; g < 16; g++)
        {
          __m128i words, wk;

          if (g < 4)
            words =
                _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * g)), byte_swap);
          else
            /* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16] */
            words = _mm_sha256msg2_epu32 (
                _mm_add_epi32 (_mm_sha256msg1_epu32 (msg[g & 3], msg[(g + 1) & 3]),
                               _mm_alignr_epi8 (msg[(g + 3) & 3], msg[(g + 2) & 3], 4)),
                msg[(g + 3) & 3]);
          msg[g & 3] = words;

          wk = _mm_add_epi32 (words, _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * g]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, wk);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (wk, 0x0E));
        }

      abef = _mm_add_epi32 (abef, abef_before);
      cdgh = _mm_add_epi32 (cdgh, cdgh_before);
    }

  tmp = _mm_shuffle_epi32 (abef, 0x1B);                                        /* FEBA */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);                                       /* DCHG */
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (tmp, cdgh, 0xF0)); /* DCBA */
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (cdgh, tmp, 8));    /* HGFE */
}

#endif /* HAVE_X86_SHA */

static void
sha256_init (RostraSha256 *sum)
{
  static const guint32 initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  memset (sum, 0, sizeof *sum);
#ifdef HAVE_X86_SHA
  if (cpu_has_sha ())
    {
      memcpy (sum->state, initial, sizeof initial);
      return;
    }
#endif
  sum->fallback = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
sha256_clear (RostraSha256 *sum)
{
  g_clear_pointer (&sum->fallback, g_checksum_free);
}

/**
 * rostra_sha256_new:
 *
 * A SHA-256 like `g_checksum_new (G_CHECKSUM_SHA256)`, faster where
 * the processor has SHA instructions.
 *
 * Returns: (transfer full): a new checksum
 */
RostraSha256 *
rostra_sha256_new (void)
{
  RostraSha256 *sum = g_new (RostraSha256, 1);

  sha256_init (sum);
  return sum;
}

void
rostra_sha256_free (RostraSha256 *sum)
{
  if (sum == NULL)
    return;
  sha256_clear (sum);
  g_free (sum);
}

/**
 * rostra_sha256_update:
 *
 * Adds @len bytes; not after rostra_sha256_get_string().
 */
void
rostra_sha256_update (RostraSha256 *sum, const void *data, gsize len)
{
  const guint8 *p = data;

  if (sum->fallback)
    {
      g_checksum_update (sum->fallback, p, len);
      return;
    }

#ifdef HAVE_X86_SHA
  g_return_if_fail (sum->hex[0] == '\0');

  sum->total += len;
  if (sum->block_len > 0)
    {
      gsize n = MIN (len, sizeof sum->block - sum->block_len);

      memcpy (sum->block + sum->block_len, p, n);
      sum->block_len += n;
      p += n;
      len -= n;
      if (sum->block_len < sizeof sum->block)
        return;
      sha256_blocks (sum->state, sum->block, 1);
      sum->block_len = 0;
    }
  if (len >= 64)
    {
      sha256_blocks (sum->state, p, len / 64);
      p += len - len % 64;
      len %= 64;
    }
  memcpy (sum->block, p, len);
  sum->block_len = len;
#endif
}

/**
 * rostra_sha256_get_string:
 *
 * Finishes the checksum, like g_checksum_get_string().
 *
 * Returns: (transfer none): the digest in lower-case hexadecimal
 */
const char *
rostra_sha256_get_string (RostraSha256 *sum)
{
  if (sum->fallback)
    return g_checksum_get_string (sum->fallback);

#ifdef HAVE_X86_SHA
  if (sum->hex[0] == '\0')
    {
      /* 0x80, zeros, and the length in bits (big-endian) at the end of a block. */
      guint8  tail[128] = { 0 };
      gsize   n = sum->block_len < 56 ? 64 : 128;
      guint64 bits = sum->total * 8;

      memcpy (tail, sum->block, sum->block_len);
      tail[sum->block_len] = 0x80;
      for (guint i = 0; i < 8; i++)
        tail[n - 1 - i] = (guint8) (bits >> (8 * i));
      sha256_blocks (sum->state, tail, n / 64);

      for (guint i = 0; i < 8; i++)
        g_snprintf (sum->hex + 8 * i, 9, "%08x", sum->state[i]);
    }
#endif
  return sum->hex;
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
  RostraSha256 sum;
  char        *hash;

  sha256_init (&sum);
  /* NUL separators: no title/text split can collide with another. */
  rostra_sha256_update (&sum, title, strlen (title) + 1);
  if (published)
    rostra_sha256_update (&sum, published, strlen (published));
  rostra_sha256_update (&sum, "", 1);
  rostra_sha256_update (&sum, text, strlen (text));

  hash = g_strdup (rostra_sha256_get_string (&sum));
  sha256_clear (&sum);
  return hash;
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
      if (strchr ("\\`*_{}[]()<>#+-.!|~&=", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Passages */

/* Whether the character at @p is part of a word: a letter, a digit, a
 * mark, or an apostrophe or hyphen between two of those (“Lavrov’s”,
 * “co-operation”). @text is where the text starts. */
static gboolean
is_word_char_at (const char *text, const char *p)
{
  gunichar c = g_utf8_get_char (p);
  gunichar before, after;

  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return TRUE;
  if (c != '\'' && c != 0x2019 && c != '-' && c != 0x2010)
    return FALSE;
  if (p == text || *g_utf8_next_char (p) == '\0')
    return FALSE;
  before = g_utf8_get_char (g_utf8_prev_char (p));
  after = g_utf8_get_char (g_utf8_next_char (p));
  return g_unichar_isalnum (before) && g_unichar_isalnum (after);
}

/* The character @offset characters into @text, or its end when it is
 * shorter; @reached: how many characters that was. */
static const char *
pointer_at (const char *text, guint offset, guint *reached)
{
  guint n = 0;

  while (n < offset && *text != '\0')
    {
      text = g_utf8_next_char (text);
      n++;
    }
  *reached = n;
  return text;
}

/**
 * rostra_text_snap_passage:
 * @text: the whole text, UTF-8
 * @start: (inout): the passage's first character
 * @end: (inout): the character after the passage
 * @whole_words: whether to widen a passage that starts or ends inside a
 *   word to the whole word
 *
 * What a reader means by a selection: the passage without the white
 * space around it, and, unless the user asked for exactly the characters
 * they chose, with the words it cuts made whole. Offsets are in characters.
 *
 * Returns: %FALSE when nothing but white space is left (@start and @end
 *   untouched)
 */
gboolean
rostra_text_snap_passage (const char *text, guint *start, guint *end, gboolean whole_words)
{
  const char *p, *q;
  guint       s, e;

  g_return_val_if_fail (text != NULL && start != NULL && end != NULL, FALSE);

  /* Only as far into the text as the passage goes (this runs as a
   * selection is dragged): offsets past the end stop at it. */
  p = pointer_at (text, *start, &s);
  q = pointer_at (p, MAX (*end, s) - s, &e);
  e += s;

  /* White space around. */
  while (s < e && g_unichar_isspace (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      s++;
    }
  while (e > s && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (q))))
    {
      q = g_utf8_prev_char (q);
      e--;
    }
  if (s == e)
    return FALSE;

  /* Words cut at either end. */
  if (whole_words)
    {
      while (s > 0 && is_word_char_at (text, p) && is_word_char_at (text, g_utf8_prev_char (p)))
        {
          p = g_utf8_prev_char (p);
          s--;
        }
      while (*q != '\0' && is_word_char_at (text, g_utf8_prev_char (q)) &&
             is_word_char_at (text, q))
        {
          q = g_utf8_next_char (q);
          e++;
        }
    }

  *start = s;
  *end = e;
  return TRUE;
}

/**
 * rostra_text_fold:
 * @text: (nullable): a name, as a user or a title spells it
 *
 * The form in which names are compared: case and accents ignored (as
 * the search's `remove_diacritics` does), typographic apostrophes made
 * plain, runs of blanks made one space and blanks at the ends dropped.
 * “Sergéy  LAVROV” and “sergey lavrov” fold alike.
 *
 * Returns: (transfer full): the folded text; "" for %NULL
 */
char *
rostra_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString         *out;
  gboolean         space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (is_space (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        c = '\'';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
