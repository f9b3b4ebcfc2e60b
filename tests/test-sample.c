/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sample.c: the real feed dump in ../shared/samples, when it is there. */

#include "config.h"

#include <string.h>

#include "rostra-anchor.h"
#include "rostra-importer.h"
#include "rostra-speaker-suggest.h"
#include "rostra-store-speakers.h"
#include "rostra-test-utils.h"
#include "rostra-text-clean.h"
#include "rostra-text.h"

static char *
sample_path (void)
{
  const char *shared = g_getenv ("ROSTRA_SHARED_DIR");
  char       *path;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "samples", "feed-dump.txt", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static gboolean
skip_without_sample (char **path)
{
  *path = sample_path ();
  if (*path == NULL)
    g_test_skip ("../shared/samples/feed-dump.txt is not there (set ROSTRA_SHARED_DIR)");
  return *path == NULL;
}

static void
test_parse (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  RostraDumpEntry *first;
  guint            dutch = 0;
  gsize            len;

  if (skip_without_sample (&path))
    return;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  entries = rostra_test_parse (contents, len, &parser, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (entries->len, ==, 10);
  g_assert_cmpuint (rostra_dump_parser_get_n_warnings (parser), ==, 0);
  g_assert_cmpstr (rostra_dump_parser_get_encoding (parser), ==, "UTF-8");

  first = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (first->published, ==, "2019-09-27T02:07:00");
  g_assert_cmpstr (first->source, ==, "The Vineyard of the Saker");
  g_assert_true (g_str_has_prefix (first->title, "Lavrov"));
  g_assert_false (g_str_has_suffix (first->title, "Saker"));

  for (guint i = 0; i < entries->len; i++)
    {
      RostraDumpEntry *e = g_ptr_array_index (entries, i);

      g_assert_true (e->complete);
      g_assert_nonnull (e->published);
      g_assert_cmpuint (strlen (e->text), >, 200);
      /* No end marker and no repeated title leaks into the text. */
      g_assert_null (strstr (e->text, "Lees verder"));
      g_assert_false (g_str_has_prefix (e->text, e->title));
      if (g_strcmp0 (e->language, "nl") == 0)
        dutch++;
    }
  g_assert_cmpuint (dutch, ==, 3);
}

static void
test_import_twice (void)
{
  g_autofree char *path = NULL;
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (skip_without_sample (&path))
    return;

  store = rostra_test_store_new (&db);
  file = g_file_new_for_path (path);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (RostraImportReport) report = NULL;

      g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_entries, ==, 10);
      g_assert_cmpuint (report->n_new, ==, round == 0 ? 10 : 0);
      g_assert_cmpuint (report->n_duplicates, ==, round == 0 ? 0 : 10);
      g_assert_cmpint (rostra_store_count_articles (store, &error), ==, 10);
    }

  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 10);
  g_assert_cmpint (rostra_test_count_rows (db, "imports"), ==, 1);
}

static GPtrArray *
parse_sample (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *entries;
  gsize      len;

  if (skip_without_sample (&path))
    return NULL;
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  entries = rostra_test_parse (contents, len, &parser, &error);
  g_assert_no_error (error);
  return entries;
}

/* All ten are Lavrov's: each gets the same suggestion, the name's
 * fullest form in the dump, with the phrase it came from. */
static void
test_suggest_speakers (void)
{
  g_autoptr (GPtrArray) entries = parse_sample ();
  g_autoptr (RostraSpeakerSuggester) suggester = rostra_speaker_suggester_new ();
  g_autoptr (GPtrArray) suggestions = NULL;

  if (entries == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      RostraDumpEntry *e = g_ptr_array_index (entries, i);

      rostra_speaker_suggester_add (suggester, e->title, e->text);
    }
  suggestions = rostra_speaker_suggester_finish (suggester);
  g_assert_cmpuint (suggestions->len, ==, 10);
  for (guint i = 0; i < suggestions->len; i++)
    {
      RostraDumpEntry         *e = g_ptr_array_index (entries, i);
      RostraSpeakerSuggestion *s = g_ptr_array_index (suggestions, i);

      g_test_message ("%s → %s (%s: %s)", e->title, s ? s->name : "none", s ? s->rule : "",
                      s ? s->evidence : "");
      g_assert_nonnull (s);
      g_assert_cmpstr (s->name, ==, "Sergey Lavrov");
      g_assert_nonnull (strstr (e->title, s->evidence));
    }
}

/* The debris of the dump goes: one caption, one IBAN line, one image
 * result line; the speeches' own lines stay. */
static void
test_clean (void)
{
  g_autoptr (GPtrArray) entries = parse_sample ();
  guint totals[ROSTRA_CLEAN_N_RULES] = { 0 };

  if (entries == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      RostraDumpEntry *e = g_ptr_array_index (entries, i);
      guint            counts[ROSTRA_CLEAN_N_RULES];
      g_autofree char *cleaned = rostra_text_clean (e->title, e->published, e->text, counts);

      for (guint r = 0; r < ROSTRA_CLEAN_N_RULES; r++)
        totals[r] += counts[r];
      if (cleaned == NULL)
        continue;
      g_assert_null (strstr (cleaned, "JPEG - 66.2 kb"));
      g_assert_null (strstr (cleaned, "IBAN"));
      g_assert_null (strstr (cleaned, "Afbeeldingsresultaat"));
      g_assert_cmpuint (rostra_text_count_words (cleaned), >, 150);
    }
  g_assert_cmpuint (totals[ROSTRA_CLEAN_IMAGE_CAPTION], ==, 1);
  g_assert_cmpuint (totals[ROSTRA_CLEAN_IMAGE_RESULT], ==, 1);
  g_assert_cmpuint (totals[ROSTRA_CLEAN_DONATION], ==, 1);
  g_assert_cmpuint (totals[ROSTRA_CLEAN_REPEATED_HEADER], >=, 1);
}

/* The "done when": import the dump, accept the suggestion for
 * all ten in one step, correct one, filter and export by speaker, read
 * clean texts. */
static void
test_speakers_end_to_end (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GArray) ids = NULL, lavrov = NULL;
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (RostraExportScope) scope = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (RostraAnnotation) note = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char      *markdown = NULL;
  RostraArticleMetadata accepted = { .speaker = "Sergey Lavrov" };
  RostraArticleMetadata corrected = { .speaker = "Maria Zakharova" };

  if (skip_without_sample (&path))
    return;
  store = rostra_test_store_new (NULL);
  file = g_file_new_for_path (path);
  g_assert_true (rostra_import_file (store, file, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_texts_cleaned, >=, 3);

  suggestions = rostra_store_suggest_speakers (store, NULL, &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 10);
  for (guint i = 0; i < suggestions->len; i++)
    g_assert_cmpstr (((RostraSpeakerSuggestion *) g_ptr_array_index (suggestions, i))->name, ==,
                     "Sergey Lavrov");

  /* One step for all ten, one corrected. */
  g_assert_true (rostra_store_set_articles_metadata (store, (gint64 *) ids->data, ids->len,
                                                     ROSTRA_METADATA_SPEAKER, &accepted, &error));
  g_assert_true (rostra_store_set_article_metadata (store, g_array_index (ids, gint64, 9),
                                                    ROSTRA_METADATA_SPEAKER, &corrected, &error));
  g_assert_no_error (error);

  query->speaker = g_strdup ("sergey lavrov");
  lavrov = rostra_store_query_ids (store, query, NULL, &error);
  g_assert_cmpuint (lavrov->len, ==, 9);

  /* An annotation on one of his, exported by the filter: cited by name. */
  article = rostra_store_load_article (store, g_array_index (lavrov, gint64, 0), &error);
  g_assert_null (strstr (rostra_article_get_text (article), "JPEG - 66.2 kb"));
  {
    g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;

    rostra_anchor_describe (rostra_article_get_text (article), 0, 5, &exact, &prefix, &suffix);
    note = rostra_annotation_new (rostra_article_get_id (article), 0, 5, exact, prefix, suffix);
  }
  g_assert_true (rostra_store_add_annotation (store, note, &error));
  g_assert_no_error (error);
  scope = rostra_export_scope_new_articles ((gint64 *) lavrov->data, lavrov->len);
  g_assert_true (rostra_export_annotations (store, ROSTRA_EXPORT_FORMAT_MARKDOWN, scope, out, NULL,
                                            NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  markdown = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_nonnull (strstr (markdown, "*Sergey Lavrov, "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/parse", test_parse);
  g_test_add_func ("/sample/import-twice", test_import_twice);
  g_test_add_func ("/sample/suggest-speakers", test_suggest_speakers);
  g_test_add_func ("/sample/clean", test_clean);
  g_test_add_func ("/sample/speakers-end-to-end", test_speakers_end_to_end);

  return g_test_run ();
}
