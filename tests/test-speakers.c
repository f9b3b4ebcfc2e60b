/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-speakers.c: speakers, aliases, speech metadata, raw entries, and migration 5. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rostra-engine-speakers.h"
#include "rostra-importer.h"
#include "rostra-store-speakers.h"
#include "rostra-test-utils.h"
#include "rostra-text-clean.h"
#include "rostra-text.h"

static gint64
add (RostraStore *store, const char *title, const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64 id = -1;

  g_assert_true (rostra_store_add_article (store, 0, title, NULL, "2019-09-27T02:07:00", "en", text,
                                           &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static RostraArticle *
load (RostraStore *store, gint64 id)
{
  g_autoptr (GError) error = NULL;
  RostraArticle *article = rostra_store_load_article (store, id, &error);

  g_assert_no_error (error);
  return article;
}

static void
set_speaker (RostraStore *store, gint64 id, const char *speaker)
{
  g_autoptr (GError) error = NULL;
  RostraArticleMetadata m = { .speaker = speaker };

  g_assert_true (
      rostra_store_set_article_metadata (store, id, ROSTRA_METADATA_SPEAKER, &m, &error));
  g_assert_no_error (error);
}

static RostraSpeaker *
speaker_at (GListModel *speakers, guint i)
{
  return ROSTRA_SPEAKER (g_list_model_get_object (speakers, i));
}

static GArray *
query_speaker (RostraStore *store, const char *speaker, const char *text)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (GError) error = NULL;
  GArray *ids;

  query->speaker = g_strdup (speaker);
  query->text = g_strdup (text);
  ids = rostra_store_query_ids (store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_count_query (store, query, NULL, &error), ==, ids->len);
  return ids;
}

static void
test_fold (void)
{
  static const char *const same[][2] = {
    { "Sergéy  LAVROV", "sergey lavrov" },
    { " Lavrov’s ", "lavrov's" },
    { "Лавров", "лавров" },
    { "Ёлкин", "елкин" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *folded = rostra_text_fold (same[i][0]);

      g_assert_cmpstr (folded, ==, same[i][1]);
    }
}

static void
test_metadata (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  RostraArticleMetadata m = { "  Sergey   Lavrov ", "UN Security Council, New York", "2019-09-25",
                              "The speech the Saker reposted.\nCompare with 2018." };
  RostraArticleMetadata occasion_only = { .occasion = "" };
  gint64                a = add (store, "Lavrov’s speech at the UN", "Mr Secretary General.");

  g_assert_true (rostra_store_set_article_metadata (store, a, ROSTRA_METADATA_ALL, &m, &error));
  g_assert_no_error (error);
  article = load (store, a);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_assert_cmpstr (rostra_article_get_occasion (article), ==, "UN Security Council, New York");
  g_assert_cmpstr (rostra_article_get_delivered (article), ==, "2019-09-25");
  g_assert_cmpstr (rostra_article_get_published (article), ==, "2019-09-27T02:07:00");
  g_assert_cmpstr (rostra_article_get_memo (article), ==,
                   "The speech the Saker reposted.\nCompare with 2018.");
  {
    g_autofree char *line = rostra_article_dup_speech_line (article);

    g_assert_cmpstr (line, ==, "Sergey Lavrov · UN Security Council, New York · 25 September 2019");
  }
  g_clear_object (&article);

  /* The list's rows carry it too. */
  article = rostra_store_load_article_row (store, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_clear_object (&article);

  /* Only the fields named change; an empty value clears. */
  g_assert_true (rostra_store_set_article_metadata (store, a, ROSTRA_METADATA_OCCASION,
                                                    &occasion_only, &error));
  g_assert_no_error (error);
  article = load (store, a);
  g_assert_null (rostra_article_get_occasion (article));
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_clear_object (&article);

  /* An impossible date changes nothing. */
  m.delivered = "2019-02-30";
  m.memo = "not written";
  g_assert_false (rostra_store_set_article_metadata (store, a, ROSTRA_METADATA_ALL, &m, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const bad[] = { "25-09-2019", "2019-9-25", "2019-13-01", "yesterday" };

      g_assert_false (rostra_metadata_check_date (bad[i], &error));
      g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_true (rostra_metadata_check_date ("2024-02-29", NULL));
  article = load (store, a);
  g_assert_cmpstr (rostra_article_get_memo (article), ==,
                   "The speech the Saker reposted.\nCompare with 2018.");
  g_clear_object (&article);

  /* No such speech. */
  m.delivered = "2019-09-25";
  g_assert_false (rostra_store_set_article_metadata (store, 999, ROSTRA_METADATA_ALL, &m, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Everything cleared: no row left. */
  memset (&m, 0, sizeof m);
  g_assert_true (rostra_store_set_article_metadata (store, a, ROSTRA_METADATA_ALL, &m, &error));
  article = load (store, a);
  g_assert_null (rostra_article_get_speaker (article));
  g_assert_null (rostra_article_get_delivered (article));
  g_assert_null (rostra_article_get_memo (article));
  g_assert_null (rostra_article_dup_speech_line (article));
}

static void
test_bulk (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  RostraArticleMetadata m = { .speaker = "Sergey Lavrov", .occasion = "Moscow" };
  gint64                all[10], with_missing[3];

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *title = g_strdup_printf ("Speech %u", i);

      all[i] = add (store, title, title);
    }
  g_assert_true (rostra_store_set_articles_metadata (
      store, all, G_N_ELEMENTS (all), ROSTRA_METADATA_SPEAKER | ROSTRA_METADATA_OCCASION, &m,
      &error));
  g_assert_no_error (error);
  ids = query_speaker (store, "sergey lavrov", NULL);
  g_assert_cmpuint (ids->len, ==, 10);
  g_clear_pointer (&ids, g_array_unref);

  /* One missing speech: the whole selection stays as it was. */
  with_missing[0] = all[0];
  with_missing[1] = 12345;
  with_missing[2] = all[1];
  m.speaker = "Maria Zakharova";
  g_assert_false (rostra_store_set_articles_metadata (store, with_missing, 3,
                                                      ROSTRA_METADATA_SPEAKER, &m, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  ids = query_speaker (store, "Sergey Lavrov", NULL);
  g_assert_cmpuint (ids->len, ==, 10);
  g_assert_cmpint (rostra_test_count_rows (path, "speakers"), ==, 1);
}

static void
test_speakers (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GListModel) speakers = NULL;
  g_autoptr (RostraSpeaker) first = NULL, second = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autofree char *name = NULL;
  gint64           a = add (store, "One", "Peace and security."), b = add (store, "Two", "Trade.");
  gint64           c = add (store, "Three", "Peace talks."), id = 0;

  set_speaker (store, a, "Lavrov");
  set_speaker (store, b, "Sergey Lavrov");
  set_speaker (store, c, "Sergey Lavrov");

  /* Most speeches first. */
  speakers = rostra_store_list_speakers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (speakers), ==, 2);
  first = speaker_at (speakers, 0);
  second = speaker_at (speakers, 1);
  g_assert_cmpstr (rostra_speaker_get_name (first), ==, "Sergey Lavrov");
  g_assert_cmpuint (rostra_speaker_get_n_articles (first), ==, 2);
  g_assert_cmpstr (rostra_speaker_get_name (second), ==, "Lavrov");
  g_assert_cmpuint (rostra_speaker_get_n_articles (second), ==, 1);
  g_clear_object (&first);
  g_clear_object (&second);
  g_clear_object (&speakers);

  /* Aliases match, case and accents ignored; no alias names two speakers. */
  g_assert_true (rostra_store_add_speaker_alias (store, "sergey lavrov", "Sergei Lavrov", &error));
  g_assert_true (rostra_store_add_speaker_alias (store, "Sergey Lavrov", "Лавров", &error));
  g_assert_no_error (error);
  g_assert_false (rostra_store_add_speaker_alias (store, "Lavrov", "SERGEI LAVROV", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (rostra_store_find_speaker (store, "Sérgei lavrov", &id, &name, &error));
  g_assert_cmpstr (name, ==, "Sergey Lavrov");
  g_clear_pointer (&name, g_free);
  g_assert_true (rostra_store_find_speaker (store, "ЛАВРОВ", &id, &name, &error));
  g_assert_cmpstr (name, ==, "Sergey Lavrov");
  g_clear_pointer (&name, g_free);
  g_assert_true (rostra_store_find_speaker (store, "Shoigu", &id, &name, &error));
  g_assert_cmpint (id, ==, 0);
  g_assert_null (name);

  /* Setting a speech's speaker by alias names the speaker. */
  set_speaker (store, a, "Sergei Lavrov");
  article = load (store, a);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_clear_object (&article);
  set_speaker (store, a, "Lavrov");

  /* Filter by alias; with a search. */
  ids = query_speaker (store, "Лавров", NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ids = query_speaker (store, "Sergei Lavrov", "peace");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c);
  g_clear_pointer (&ids, g_array_unref);
  ids = query_speaker (store, "Nobody", NULL);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* Merge: Lavrov becomes an alias of Sergey Lavrov, its speech moves. */
  g_assert_true (rostra_store_merge_speakers (store, "Lavrov", "Sergey Lavrov", &error));
  g_assert_no_error (error);
  speakers = rostra_store_list_speakers (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (speakers), ==, 1);
  first = speaker_at (speakers, 0);
  g_assert_cmpuint (rostra_speaker_get_n_articles (first), ==, 3);
  {
    const char *const expected[] = { "Lavrov", "Sergei Lavrov", "Лавров", NULL };

    g_assert_cmpstrv (rostra_speaker_get_aliases (first), expected);
  }
  g_clear_object (&first);
  g_clear_object (&speakers);
  article = load (store, a);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_clear_object (&article);
  g_assert_false (rostra_store_merge_speakers (store, "Nobody", "Sergey Lavrov", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Rename; to another speaker's name is refused; to an own alias swaps. */
  set_speaker (store, b, "Maria Zakharova");
  g_assert_false (rostra_store_rename_speaker (store, "Sergey Lavrov", "maria zakharova", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (rostra_store_rename_speaker (store, "Sergey Lavrov", "Sergei Lavrov", &error));
  g_assert_no_error (error);
  article = load (store, c);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergei Lavrov");
  g_clear_object (&article);
  g_assert_true (rostra_store_find_speaker (store, "Sergey Lavrov", &id, NULL, &error));
  g_assert_cmpint (id, ==, 0);

  /* Aliases go; a removed speaker leaves the speeches without one. */
  g_assert_true (rostra_store_remove_speaker_alias (store, "лавров", &error));
  g_assert_false (rostra_store_remove_speaker_alias (store, "лавров", &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rostra_store_remove_speaker (store, "Maria Zakharova", &error));
  g_assert_no_error (error);
  article = load (store, b);
  g_assert_null (rostra_article_get_speaker (article));
}

#define RAW_TEXT                                                                               \
  "Lavrov: the world at a crossroads\n\n27-09-19 02:07:00,\n\nJPEG - 66.2 kb\n\nMr Secretary " \
  "General, today we are all faced with terrorism.\n\nIBAN: NL10 SNSB 0902 6349 33\n\nWe "     \
  "invite everyone to join."

static void
test_raw_text (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (RostraAnnotation) note = NULL;
  g_autoptr (GListModel) annotations = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cleaned = NULL, *raw = NULL;
  const char      *title = "Lavrov: the world at a crossroads";
  guint            counts[ROSTRA_CLEAN_N_RULES];
  gint64           id;
  const char      *text;
  const char      *at;
  guint            start;

  cleaned = rostra_text_clean (title, "2019-09-27T02:07:00", RAW_TEXT, counts);
  g_assert_nonnull (cleaned);
  g_assert_true (g_str_has_prefix (cleaned, "Mr Secretary General"));
  id = add (store, title, cleaned);
  g_assert_true (rostra_store_keep_raw_text (store, id, RAW_TEXT, &error));
  g_assert_no_error (error);

  /* An annotation on "terrorism", in the cleaned text. */
  at = strstr (cleaned, "terrorism");
  start = g_utf8_pointer_to_offset (cleaned, at);
  note = rostra_annotation_new (id, start, start + 9, "terrorism", "faced with ", ".");
  g_assert_true (rostra_store_add_annotation (store, note, &error));
  g_assert_no_error (error);

  article = load (store, id);
  g_assert_cmpint (rostra_article_get_cleaning (article), ==, ROSTRA_TEXT_CLEANING_CLEANED);
  g_clear_object (&article);

  /* Reverted: the raw entry is the text, the annotation follows it. */
  g_assert_true (rostra_store_set_text_cleaned (store, id, FALSE, &error));
  g_assert_no_error (error);
  article = load (store, id);
  g_assert_cmpint (rostra_article_get_cleaning (article), ==, ROSTRA_TEXT_CLEANING_REVERTED);
  text = rostra_article_get_text (article);
  g_assert_cmpstr (text, ==, RAW_TEXT);
  g_assert_cmpuint (rostra_article_get_words (article), ==, rostra_text_count_words (RAW_TEXT));
  raw = rostra_store_dup_raw_text (store, id, &error);
  g_assert_cmpstr (raw, ==, RAW_TEXT);
  {
    g_autoptr (RostraAnnotation) moved =
        rostra_store_load_annotation (store, rostra_annotation_get_id (note), &error);
    guint s = rostra_annotation_get_start (moved);

    g_assert_no_error (error);
    g_assert_false (rostra_annotation_get_orphaned (moved));
    g_assert_cmpuint (s, ==, g_utf8_pointer_to_offset (text, strstr (text, "terrorism")));
  }
  g_clear_object (&article);

  /* And cleaned again. */
  g_assert_true (rostra_store_set_text_cleaned (store, id, TRUE, &error));
  article = load (store, id);
  g_assert_cmpstr (rostra_article_get_text (article), ==, cleaned);
  annotations = rostra_store_list_annotations (store, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr (RostraAnnotation) back = g_list_model_get_item (annotations, 0);

    g_assert_cmpuint (rostra_annotation_get_start (back), ==, start);
  }

  /* A speech the rules did not change has nothing to revert. */
  id = add (store, "Clean", "Nothing to drop.");
  g_assert_false (rostra_store_set_text_cleaned (store, id, FALSE, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
}

/* Every annotation's row, in order: what an upgrade must keep. */
#define ANNOTATION_ROWS_SQL                                                                    \
  "SELECT group_concat (id || '|' || article_id || '|' || start || '|' || end || '|' || exact" \
  " || '|' || note || '|' || color || '|' || uuid || '|' || orphaned, char (10)) FROM"         \
  " (SELECT * FROM annotations ORDER BY id)"

/* An archive of schema 4, with annotations and tags, upgraded in place:
 * every annotation as it was, and the new tables work. */
static void
test_upgrade_from_4 (void)
{
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&path);
  g_autoptr (RostraStore) again = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char      *before = NULL, *after = NULL, *tags_before = NULL, *tags_after = NULL;
  RostraArticleMetadata m = { .speaker = "Sergey Lavrov", .delivered = "2019-09-25" };
  gint64                a, b;
  sqlite3              *db;

  a = add (store, "One", "The first speech, on peace and security.");
  b = add (store, "Two", "The second speech, on trade.");
  for (guint i = 0; i < 5; i++)
    {
      const char *const tags[] = { "peace", i % 2 ? "security" : NULL, NULL };
      g_autoptr (RostraAnnotation) n =
          i < 3 ? rostra_annotation_new (a, 4, 9, "first", "The ", " speech")
                : rostra_annotation_new (b, 4, 10, "second", "The ", " speech");

      rostra_annotation_set_note (n, "A note, with ‘quotes’ and accents: é.");
      rostra_annotation_set_tags (n, tags);
      g_assert_true (rostra_store_add_annotation (store, n, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 ROSTRA_TEST_UNDO_SCHEMA_VERSIONS ROSTRA_TEST_UNDO_SCHEMA_5
                                 " PRAGMA user_version = 4",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = rostra_test_query_text (path, ANNOTATION_ROWS_SQL);
  tags_before = rostra_test_query_text (path, "SELECT count(*) FROM annotation_tags");
  g_assert_cmpint (rostra_test_count_rows (path, "annotations"), ==, 5);

  again = rostra_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rostra_store_get_schema_version (again), ==, ROSTRA_STORE_SCHEMA_VERSION);
  after = rostra_test_query_text (path, ANNOTATION_ROWS_SQL);
  tags_after = rostra_test_query_text (path, "SELECT count(*) FROM annotation_tags");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (tags_before, ==, tags_after);

  /* The annotations read back as before, none orphaned. */
  {
    g_autoptr (GListModel) list = rostra_store_list_annotations (again, a, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr (RostraAnnotation) n = g_list_model_get_item (list, i);

        g_assert_false (rostra_annotation_get_orphaned (n));
        g_assert_cmpstr (rostra_annotation_get_exact (n), ==, "first");
      }
  }

  /* Old speeches have no metadata, and can be given some. */
  article = load (again, a);
  g_assert_null (rostra_article_get_speaker (article));
  g_assert_cmpint (rostra_article_get_cleaning (article), ==, ROSTRA_TEXT_CLEANING_NONE);
  g_clear_object (&article);
  g_assert_true (rostra_store_set_article_metadata (again, a, ROSTRA_METADATA_ALL, &m, &error));
  g_assert_no_error (error);
  article = load (again, a);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Sergey Lavrov");
  g_assert_cmpstr (rostra_article_get_delivered (article), ==, "2019-09-25");

  /* One row of metadata, for the one speech that has some. */
  g_assert_cmpint (rostra_test_count_rows (path, "article_meta"), ==, 1);

  /* Annotations cite the speaker, for the Annotations view. */
  {
    g_autoptr (GListModel) list = rostra_store_list_annotations (again, a, &error);
    g_autoptr (RostraAnnotation) first = g_list_model_get_item (list, 0);
    g_autoptr (RostraAnnotation) copy = rostra_annotation_copy (first);
    g_autoptr (GListModel) others = rostra_store_list_annotations (again, b, &error);
    g_autoptr (RostraAnnotation) other = g_list_model_get_item (others, 0);

    g_assert_cmpstr (rostra_annotation_get_article_speaker (first), ==, "Sergey Lavrov");
    g_assert_cmpstr (rostra_annotation_get_article_speaker (copy), ==, "Sergey Lavrov");
    g_assert_null (rostra_annotation_get_article_speaker (other));
  }
}

#define DUMP                                                                                \
  "Karlsson’s speech at the harbour festival\n\n14-06-24 09:00:00,\n\nPNG - 120.5 KB\n\n" \
  "Friends, neighbours, sailors, forty years ago this harbour was a mudflat.\n\n"           \
  "IBAN: SE45 5000 0000 0583 9825 7466\n\n » Read more\n\n"                                \
  "Anna Karlsson warns of rising tides\n\n15-06-24 10:00:00,\n\n"                           \
  "The water rises a finger's width every year, and the quay does not.\n\n » Read more\n"

static RostraImportReport *
import_dump (RostraStore *store, const char *path, const RostraImportOptions *options)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RostraImportReport *report = NULL;

  g_assert_true (rostra_import_file_full (store, file, options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  return report;
}

/* Importing: the speaker given to every new speech, the debris dropped
 * and counted, the raw entries kept; again, nothing new. */
static void
test_import (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *path = rostra_test_write_file ("harbour.txt", DUMP, -1);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (RostraImportReport) again = NULL;
  g_autoptr (GArray) ids = NULL;
  RostraImportOptions options = { .speaker = "Anna Karlsson" };

  report = import_dump (store, path, &options);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpuint (report->n_texts_cleaned, ==, 1);
  g_assert_cmpuint (report->n_cleaned[ROSTRA_CLEAN_IMAGE_CAPTION], ==, 1);
  g_assert_cmpuint (report->n_cleaned[ROSTRA_CLEAN_DONATION], ==, 1);
  g_assert_cmpuint (report->n_cleaned[ROSTRA_CLEAN_IMAGE_RESULT], ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "article_raw"), ==, 1);

  ids = query_speaker (store, "anna karlsson", NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RostraArticle) article = load (store, g_array_index (ids, gint64, i));
      const char *text = rostra_article_get_text (article);

      g_assert_null (strstr (text, "PNG"));
      g_assert_null (strstr (text, "IBAN"));
    }

  again = import_dump (store, path, NULL);
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 2);
}

/* An archive imported before the rules holds the raw text: the same
 * file imported now brings no duplicate. */
static void
test_import_over_raw (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *path = rostra_test_write_file ("harbour-raw.txt", DUMP, -1);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraDumpParser) parser = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  entries = rostra_test_parse (DUMP, -1, &parser, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RostraDumpEntry *e = g_ptr_array_index (entries, i);
      gint64           id;

      g_assert_true (rostra_store_add_article (store, 0, e->title, e->source, e->published,
                                               e->language, e->text, &id, &error));
      g_assert_cmpint (id, >, 0);
    }
  report = import_dump (store, path, NULL);
  g_assert_cmpuint (report->n_new, ==, 0);
  g_assert_cmpuint (report->n_duplicates, ==, 2);
}

/* A preview suggests a speaker per entry, and counts what the rules
 * would drop, writing nothing. */
static void
test_preview (void)
{
  g_autofree char *db = NULL;
  g_autoptr (RostraStore) store = rostra_test_store_new (&db);
  g_autofree char *path = rostra_test_write_file ("harbour-preview.txt", DUMP, -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RostraImportEntry *entry;

  g_assert_true (rostra_import_preview_file (store, file, 10, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->entries->len, ==, 2);
  entry = g_ptr_array_index (report->entries, 0);
  g_assert_cmpstr (entry->suggested_speaker, ==, "Anna Karlsson");
  g_assert_cmpstr (entry->speaker_evidence, ==, "Karlsson’s speech");
  entry = g_ptr_array_index (report->entries, 1);
  g_assert_cmpstr (entry->suggested_speaker, ==, "Anna Karlsson");
  g_assert_cmpstr (entry->speaker_evidence, ==, "Anna Karlsson warns");
  g_assert_cmpuint (report->n_cleaned[ROSTRA_CLEAN_IMAGE_CAPTION], ==, 1);
  g_assert_cmpint (rostra_test_count_rows (db, "articles"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (db, "speakers"), ==, 0);
}

static RostraImportReport *
import_text (RostraStore *store, const char *name, const char *contents)
{
  g_autofree char *path = rostra_test_write_file (name, contents, -1);

  return import_dump (store, path, NULL);
}

/* The suggestions accepted one by one in the import dialog: the
 * speaker of an entry by the line it starts at, from the preview, in
 * place of the file's. */
static void
test_import_entry_speakers (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *path = rostra_test_write_file ("harbour-entries.txt", DUMP, -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraImportReport) preview = NULL;
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GHashTable) entry_speakers = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) anna = NULL, maria = NULL;
  g_autoptr (GError) error = NULL;
  RostraImportOptions options = { .speaker = "Anna Karlsson", .entry_speakers = entry_speakers };
  RostraImportEntry  *second;

  g_assert_true (rostra_import_preview_file (store, file, 10, NULL, NULL, NULL, &preview, &error));
  second = g_ptr_array_index (preview->entries, 1);
  g_hash_table_insert (entry_speakers, GUINT_TO_POINTER (second->line), (gpointer) "Maria Berg");

  report = import_dump (store, path, &options);
  g_assert_cmpuint (report->n_new, ==, 2);
  anna = query_speaker (store, "Anna Karlsson", NULL);
  maria = query_speaker (store, "Maria Berg", NULL);
  g_assert_cmpuint (anna->len, ==, 1);
  g_assert_cmpuint (maria->len, ==, 1);
  {
    g_autoptr (RostraArticle) article = load (store, g_array_index (maria, gint64, 0));

    g_assert_cmpstr (rostra_article_get_title (article), ==, second->title);
  }
}

/* Version 2: speakers with their aliases and every speech's metadata
 * go through a backup into an empty archive. */
static void
test_backup_v2 (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraStore) copy = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GListModel) speakers = NULL;
  g_autoptr (RostraSpeaker) speaker = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char      *json = NULL;
  RostraArticleMetadata m = { "Anna Karlsson", "Harbour festival", "2024-06-14", "Her first." };
  const char *const     expected[] = { "A. Karlsson", "Анна Карлссон", NULL };
  gint64                a = add (store, "One", "The first speech."), b = add (store, "Two", "Two.");

  g_assert_true (rostra_store_set_article_metadata (store, a, ROSTRA_METADATA_ALL, &m, &error));
  g_assert_true (rostra_store_add_speaker_alias (store, "Anna Karlsson", "A. Karlsson", &error));
  g_assert_true (rostra_store_add_speaker_alias (store, "Anna Karlsson", "Анна Карлссон", &error));
  g_assert_no_error (error);
  (void) b;
  json = rostra_test_export_json (store);
  g_assert_nonnull (strstr (json, "\"version\": 2"));

  report = import_text (copy, "v2.json", json);
  g_assert_cmpuint (report->n_new, ==, 2);
  speakers = rostra_store_list_speakers (copy, &error);
  g_assert_cmpuint (g_list_model_get_n_items (speakers), ==, 1);
  speaker = g_list_model_get_item (speakers, 0);
  g_assert_cmpstr (rostra_speaker_get_name (speaker), ==, "Anna Karlsson");
  g_assert_cmpstrv (rostra_speaker_get_aliases (speaker), expected);
  g_assert_cmpuint (rostra_speaker_get_n_articles (speaker), ==, 1);
  ids = query_speaker (copy, "Анна Карлссон", NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  article = load (copy, g_array_index (ids, gint64, 0));
  g_assert_cmpstr (rostra_article_get_title (article), ==, "One");
  g_assert_cmpstr (rostra_article_get_occasion (article), ==, "Harbour festival");
  g_assert_cmpstr (rostra_article_get_delivered (article), ==, "2024-06-14");
  g_assert_cmpstr (rostra_article_get_memo (article), ==, "Her first.");
  g_clear_object (&article);

  /* Into an archive that has one of the speeches with other metadata:
   * nothing of it is overwritten, what it lacks is filled in. */
  {
    g_autoptr (RostraStore) third = rostra_test_store_new (NULL);
    g_autoptr (RostraImportReport) again = NULL;
    RostraArticleMetadata other = { .memo = "Mine." };
    gint64                one = add (third, "One", "The first speech.");

    g_assert_true (
        rostra_store_set_article_metadata (third, one, ROSTRA_METADATA_ALL, &other, &error));
    again = import_text (third, "v2-again.json", json);
    g_assert_cmpuint (again->n_duplicates, ==, 1);
    g_assert_cmpuint (again->n_new, ==, 1);
    article = load (third, one);
    g_assert_cmpstr (rostra_article_get_memo (article), ==, "Mine.");
    g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Anna Karlsson");
    g_assert_cmpstr (rostra_article_get_delivered (article), ==, "2024-06-14");
  }
}

/* A version 1 backup (before speakers) still imports, its speeches
 * without metadata. */
static void
test_backup_v1 (void)
{
  static const char v1[] =
      "{\"format\": \"rostra-archive\", \"version\": 1, \"articles\": [\n"
      "{\"id\": 7, \"uuid\": \"6f9619ff-8b86-4d11-b42d-00c04fc964ff\", \"title\": \"One\","
      " \"source\": null, \"published\": \"2024-06-14T09:00:00\", \"language\": \"en\","
      " \"annotations\": 1, \"text\": \"The first speech.\", \"imported_from\": \"a.txt\","
      " \"tags\": []}\n],\n\"annotations\": [\n"
      "{\"id\": 3, \"uuid\": \"7f9619ff-8b86-4d11-b42d-00c04fc964ff\", \"article\": 7,"
      " \"color\": \"yellow\", \"note\": \"n\", \"tags\": [], \"created\": "
      "\"2024-06-14T10:00:00Z\","
      " \"modified\": \"2024-06-14T10:00:00Z\", \"orphaned\": false, \"selector\": {\"start\": 4,"
      " \"end\": 9, \"exact\": \"first\", \"prefix\": \"The \", \"suffix\": \" speech\"}}\n]}\n";
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraImportReport) report = import_text (store, "v1.json", v1);
  g_autoptr (GListModel) speakers = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpuint (report->n_new, ==, 1);
  g_assert_cmpuint (report->n_annotations_new, ==, 1);
  g_assert_cmpuint (report->n_warnings, ==, 0);
  speakers = rostra_store_list_speakers (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (speakers), ==, 0);

  /* Written again, it is version 2, with its speech's fields null. */
  json = rostra_test_export_json (store);
  g_assert_nonnull (strstr (json, "\"version\": 2, \"speakers\": []"));
  g_assert_nonnull (strstr (json, "\"speaker\":null"));
}

/* The engine's jobs: each answer on the main context, in a loop that
 * the callback ends. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Answer;

static void
got_answer (GObject *source, GAsyncResult *result, gpointer data)
{
  Answer *answer = data;

  answer->result = g_object_ref (result);
  g_main_loop_quit (answer->loop);
}

static GAsyncResult *
answer_of (Answer *answer)
{
  if (answer->result == NULL)
    g_main_loop_run (answer->loop);
  return answer->result;
}

static void
answer_clear (Answer *answer)
{
  g_clear_object (&answer->result);
}

static void
test_engine (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (RostraEngine) engine = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GListModel) speakers = NULL;
  g_autoptr (RostraSpeakerSuggestions) suggestions = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GError) error = NULL;
  Answer                answer = { loop, NULL };
  gint64                ids[2];
  RostraArticleMetadata m = { .speaker = "Anna Karlsson", .delivered = "2024-06-13" };
  RostraArticleMetadata bad = { .delivered = "2024-13-01" };

  ids[0] = add (store, "Karlsson’s speech at the harbour", "Friends.");
  ids[1] = add (store, "A quiet day", "Nothing happened.");
  engine = rostra_engine_new (store);

  /* Suggestions for the speeches without speaker; nothing stored. */
  rostra_engine_suggest_speakers_async (engine, NULL, got_answer, &answer);
  suggestions = rostra_engine_suggest_speakers_finish (engine, answer_of (&answer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->article_ids->len, ==, 2);
  g_assert_cmpuint (suggestions->suggestions->len, ==, 2);
  answer_clear (&answer);

  /* Cancelled: no suggestions, and says so. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GArray) none = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_null (rostra_store_suggest_speakers (store, cancellable, &none, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* A selection's metadata in one go; a wrong date changes nothing. */
  rostra_engine_set_metadata_async (
      engine, ids, 2, ROSTRA_METADATA_SPEAKER | ROSTRA_METADATA_DELIVERED, &m, got_answer, &answer);
  g_assert_true (rostra_engine_set_metadata_finish (engine, answer_of (&answer), &error));
  g_assert_no_error (error);
  answer_clear (&answer);
  rostra_engine_set_metadata_async (engine, ids, 2, ROSTRA_METADATA_DELIVERED, &bad, got_answer,
                                    &answer);
  g_assert_false (rostra_engine_set_metadata_finish (engine, answer_of (&answer), &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  answer_clear (&answer);

  rostra_engine_change_speaker_async (engine, ROSTRA_SPEAKER_ADD_ALIAS, "Anna Karlsson",
                                      "A. Karlsson", got_answer, &answer);
  g_assert_true (rostra_engine_change_speaker_finish (engine, answer_of (&answer), &error));
  answer_clear (&answer);
  rostra_engine_change_speaker_async (engine, ROSTRA_SPEAKER_RENAME, "Nobody", "X", got_answer,
                                      &answer);
  g_assert_false (rostra_engine_change_speaker_finish (engine, answer_of (&answer), &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  answer_clear (&answer);

  rostra_engine_list_speakers_async (engine, NULL, got_answer, &answer);
  speakers = rostra_engine_list_speakers_finish (engine, answer_of (&answer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (speakers), ==, 1);
  {
    g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, 0);

    g_assert_cmpuint (rostra_speaker_get_n_articles (speaker), ==, 2);
    g_assert_cmpstr (rostra_speaker_get_aliases (speaker)[0], ==, "A. Karlsson");
  }
  answer_clear (&answer);

  article = load (store, ids[1]);
  g_assert_cmpstr (rostra_article_get_speaker (article), ==, "Anna Karlsson");
  g_assert_cmpstr (rostra_article_get_delivered (article), ==, "2024-06-13");

  /* No raw entry to switch to: an error, on the writer. */
  rostra_engine_set_text_cleaned_async (engine, ids[1], FALSE, got_answer, &answer);
  g_assert_false (rostra_engine_set_text_cleaned_finish (engine, answer_of (&answer), &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  answer_clear (&answer);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speakers/fold", test_fold);
  g_test_add_func ("/speakers/metadata", test_metadata);
  g_test_add_func ("/speakers/bulk", test_bulk);
  g_test_add_func ("/speakers/speakers", test_speakers);
  g_test_add_func ("/speakers/raw-text", test_raw_text);
  g_test_add_func ("/speakers/upgrade-from-4", test_upgrade_from_4);
  g_test_add_func ("/speakers/import", test_import);
  g_test_add_func ("/speakers/import-over-raw", test_import_over_raw);
  g_test_add_func ("/speakers/preview", test_preview);
  g_test_add_func ("/speakers/import-entry-speakers", test_import_entry_speakers);
  g_test_add_func ("/speakers/backup-v2", test_backup_v2);
  g_test_add_func ("/speakers/backup-v1", test_backup_v1);
  g_test_add_func ("/speakers/engine", test_engine);

  return g_test_run ();
}
