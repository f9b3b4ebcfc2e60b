/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-export-csv.c: annotations as comma-separated values.
 *
 * RFC 4180: a header row, then one row per annotation; CRLF after every
 * row; a field is quoted when it holds a comma, a double quote, a CR or
 * an LF, and a double quote inside a quoted field is doubled. UTF-8
 * without a byte order mark.
 *
 * A spreadsheet would run a cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or CR) as a formula: in the user-written columns such a
 * value gets a `'` in front, as OWASP advises against CSV injection.
 * README.md documents the columns.
 */

#include "config.h"

#include <string.h>

#include "rostra-export-private.h"

static const char header[] =
    "article_title,source,published,passage,note,tags,color,created,modified,start,end\r\n";

/* Appends @value as one field, quoted when it must be; @guard: a value
 * written by a user, which a spreadsheet must not read as a formula. */
static void
append_field (GString *out, const char *value, gboolean guard, gboolean last)
{
  gboolean formula;

  if (value == NULL)
    value = "";

  formula = guard && value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
    }
  else
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * _rostra_export_write_csv:
 *
 * Writes the context's annotations as CSV, one row each.
 */
gboolean
_rostra_export_write_csv (RostraExportContext *ctx, GError **error)
{
  guint n = g_list_model_get_n_items (ctx->annotations);

  g_string_append (ctx->out, header);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RostraAnnotation) a = g_list_model_get_item (ctx->annotations, i);
      g_autofree char *tags = g_strjoinv ("; ", (char **) rostra_annotation_get_tags (a));
      char             start[24], end[24];

      g_snprintf (start, sizeof start, "%u", rostra_annotation_get_start (a));
      g_snprintf (end, sizeof end, "%u", rostra_annotation_get_end (a));

      append_field (ctx->out, rostra_annotation_get_article_title (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_article_source (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_article_published (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_exact (a), TRUE, FALSE);
      append_field (ctx->out, rostra_annotation_get_note (a), TRUE, FALSE);
      append_field (ctx->out, tags, TRUE, FALSE);
      append_field (ctx->out, _rostra_export_color (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_created (a), FALSE, FALSE);
      append_field (ctx->out, rostra_annotation_get_modified (a), FALSE, FALSE);
      append_field (ctx->out, start, FALSE, FALSE);
      append_field (ctx->out, end, FALSE, TRUE);

      if (!_rostra_export_flush (ctx, FALSE, error))
        return FALSE;
    }

  return _rostra_export_flush (ctx, TRUE, error);
}
