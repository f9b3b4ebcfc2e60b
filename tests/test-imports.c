/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-imports.c: past imports (listing, removing), tags on articles,
 * and the article list's filters by tag and by import. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rostra-anchor.h"
#include "rostra-importer.h"
#include "rostra-tag.h"
#include "rostra-test-utils.h"

/* One entry of a dump, in the aggregator's format. */
static void
append_entry (GString *dump, const char *title, const char *date, const char *text)
{
  g_string_append_printf (dump, "%s\n\n%s\n\n%s,\n\n%s\n\n \xC2\xBB Lees verder\n\n", title, title,
                          date, text);
}

typedef struct
{
  char        *db;
  RostraStore *store;
  char        *path_a, *path_b, *path_c;
  gint64       import_a, import_b, import_c;
  /* Articles of A (a1–a3), B (b1, b2) and C (c1, a plain speech) */
  gint64 a1, a2, a3, b1, b2, c1;
} Fixture;

static gint64
import (Fixture *f, const char *path, const char *const *tags, guint n_new)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RostraImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  RostraImportOptions options = { NULL, tags };

  g_assert_true (
      rostra_import_file_full (f->store, file, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, n_new);
  return report->import_id;
}

static gint64
find (Fixture *f, const char *title)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM articles WHERE title = '%s'", title);
  g_autofree char *id = rostra_test_query_text (f->db, sql);

  g_assert_nonnull (id);
  return g_ascii_strtoll (id, NULL, 10);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const char *const harbour[] = { "Harbour", NULL };
  static const char *const council[] = { "council", NULL };
  g_autoptr (GString) a = g_string_new (NULL);
  g_autoptr (GString) b = g_string_new (NULL);

  append_entry (a, "Opening of the fish market | Quay Weekly", "01-05-21 09:00:00",
                "Welcome to the new fish market on the quayside. The gulls have already found it.");
  append_entry (a, "Dredging the channel | Quay Weekly", "02-05-21 09:00:00",
                "The channel fills with silt every spring, and every spring we pay to empty it.");
  append_entry (a, "Harbour lights ceremony | Quay Weekly", "03-05-21 20:00:00",
                "Tonight the lanterns are lit for the sailors who did not come home.");
  append_entry (b, "Budget for the harbour board", "10-01-20 14:00:00",
                "The harbour board asks for marrowbone funding: lean, but enough to live on.");
  append_entry (b, "Council on the library roof", "11-01-20 14:00:00",
                "The library roof has lost forty slates this winter. We will replace them.");

  f->store = rostra_test_store_new (&f->db);
  f->path_a = rostra_test_write_file ("harbour-week.txt", a->str, a->len);
  f->path_b = rostra_test_write_file ("council.txt", b->str, b->len);
  f->path_c = rostra_test_write_file (
      "closing.md",
      "# Closing words for the season\n\nThe harbour closes for winter; the boats go up on the "
      "slipway.\n\nSee you in April.\n",
      -1);

  f->import_a = import (f, f->path_a, harbour, 3);
  f->import_b = import (f, f->path_b, council, 2);
  f->import_c = import (f, f->path_c, NULL, 1);
  g_assert_cmpint (f->import_a, <, f->import_b);
  g_assert_cmpint (f->import_b, <, f->import_c);

  f->a1 = find (f, "Opening of the fish market");
  f->a2 = find (f, "Dredging the channel");
  f->a3 = find (f, "Harbour lights ceremony");
  f->b1 = find (f, "Budget for the harbour board");
  f->b2 = find (f, "Council on the library roof");
  f->c1 = find (f, "Closing words for the season");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->db);
  g_free (f->path_a);
  g_free (f->path_b);
  g_free (f->path_c);
}

/* Helpers */

static gint64
count (Fixture *f, const char *sql)
{
  g_autofree char *value = rostra_test_query_text (f->db, sql);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

/* Articles whose search index entry holds @word. */
static gint64
fts_count (Fixture *f, const char *table, const char *word)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM %s WHERE %s MATCH '%s'", table, table, word);

  return count (f, sql);
}

/* The database and both search indexes are sound. */
static void
assert_sound (Fixture *f)
{
  g_autofree char *integrity = rostra_test_query_text (f->db, "PRAGMA integrity_check");
  sqlite3         *db = NULL;
  char            *message = NULL;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_exec (
      db,
      "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1);"
      "INSERT INTO annotations_fts (annotations_fts, rank) VALUES ('integrity-check', 1);",
      NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}

/* Everything the archive holds, as one string. */
static char *
state (Fixture *f)
{
  static const char *const tables[] = {
    "articles", "articles_fts_docsize", "imports",         "annotations",
    "tags",     "article_tags",         "annotation_tags",
  };
  GString         *s = g_string_new (NULL);
  g_autofree char *ids = rostra_test_query_text (
      f->db, "SELECT group_concat (id || ':' || ifnull (import_id, '-')) FROM articles");

  assert_sound (f);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", tables[i],
                            rostra_test_count_rows (f->db, tables[i]));
  g_string_append (s, ids ? ids : "");
  return g_string_free (s, FALSE);
}

static RostraAnnotation *
annotate (Fixture *f, gint64 article_id, const char *tag, const char *note)
{
  const char *const tags[] = { tag, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = rostra_store_load_article (f->store, article_id, &error);
  g_autofree char  *exact = NULL, *prefix = NULL, *suffix = NULL;
  RostraAnnotation *annotation;

  g_assert_no_error (error);
  rostra_anchor_describe (rostra_article_get_text (article), 0, 12, &exact, &prefix, &suffix);
  annotation = rostra_annotation_new (article_id, 0, 12, exact, prefix, suffix);
  rostra_annotation_set_note (annotation, note);
  if (tag != NULL)
    rostra_annotation_set_tags (annotation, tags);
  g_assert_true (rostra_store_add_annotation (f->store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

static RostraImportInfo *
info_at (GListModel *list, guint i)
{
  RostraImportInfo *info = g_list_model_get_item (list, i);

  g_assert_nonnull (info);
  g_object_unref (info); /* the list holds it */
  return info;
}

static GListModel *
list_imports (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GListModel *list = rostra_store_list_imports (f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static char *
tags_of (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RostraArticle) article = rostra_store_load_article (f->store, id, &error);
  g_autoptr (RostraArticle) row = rostra_store_load_article_row (f->store, id, NULL, &error);
  const char *const *tags;
  char              *joined;

  g_assert_no_error (error);
  tags = rostra_article_get_tags (article);
  joined = tags ? g_strjoinv (",", (char **) tags) : g_strdup ("");
  /* A row of the list shows the same tags. */
  if (tags == NULL)
    g_assert_true (rostra_article_get_tags (row) == NULL || !rostra_article_get_tags (row)[0]);
  else
    g_assert_true (g_strv_equal ((const char *const *) tags, rostra_article_get_tags (row)));
  return joined;
}

/* The ids a query shows, as "a1,a2"-style text built from @f's names. */
static char *
run_query (Fixture *f, const RostraQuery *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = rostra_store_query_ids (f->store, query, NULL, &error);
  const struct
  {
    gint64      id;
    const char *name;
  } names[] = { { f->a1, "a1" }, { f->a2, "a2" }, { f->a3, "a3" },
                { f->b1, "b1" }, { f->b2, "b2" }, { f->c1, "c1" } };
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64      id = g_array_index (ids, gint64, i);
      const char *name = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (names) && !name; j++)
        if (names[j].id == id)
          name = names[j].name;
      g_string_append_printf (s, "%s%s", i ? "," : "", name ? name : "?");
    }
  return g_string_free (s, FALSE);
}

static GArray *
id_array (gint64 first, ...)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (array, id);
  va_end (args);
  return array;
}

static char *
query_for (Fixture *f, const char *text, const char *tag, GArray *imports)
{
  g_autoptr (RostraQuery) query = rostra_query_new ();

  query->text = g_strdup (text);
  query->tag = g_strdup (tag);
  query->imports = imports;
  return run_query (f, query);
}

/* Listing */

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GListModel) list = list_imports (f);
  g_autoptr (GListModel) again = NULL;
  g_autoptr (GListModel) annotated = NULL;
  g_autoptr (RostraAnnotation) note = NULL;
  RostraImportInfo *info;
  const char       *paths[] = { f->path_c, f->path_b, f->path_a };
  const char       *names[] = { "closing.md", "council.txt", "harbour-week.txt" };
  const char       *formats[] = { "plain-text", "feed-dump", "feed-dump" };
  gint64            ids[] = { f->import_c, f->import_b, f->import_a };
  guint             n[] = { 1, 2, 3 };

  /* Newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *contents = NULL;
      gsize            size;

      g_assert_true (g_file_get_contents (paths[i], &contents, &size, NULL));
      info = info_at (list, i);
      g_assert_cmpint (rostra_import_info_get_id (info), ==, ids[i]);
      g_assert_cmpstr (rostra_import_info_get_name (info), ==, names[i]);
      g_assert_cmpstr (rostra_import_info_get_path (info), ==, paths[i]);
      g_assert_cmpstr (rostra_import_info_get_format (info), ==, formats[i]);
      g_assert_cmpstr (rostra_import_info_get_encoding (info), ==, "UTF-8");
      g_assert_nonnull (rostra_import_info_get_started (info));
      g_assert_cmpuint (rostra_import_info_get_size (info), ==, size);
      g_assert_cmpuint (rostra_import_info_get_n_new (info), ==, n[i]);
      g_assert_cmpuint (rostra_import_info_get_n_duplicates (info), ==, 0);
      g_assert_cmpuint (rostra_import_info_get_n_warnings (info), ==, 0);
      g_assert_cmpuint (rostra_import_info_get_n_articles (info), ==, n[i]);
      g_assert_cmpuint (rostra_import_info_get_n_annotated (info), ==, 0);
    }

  /* A file of nothing new leaves no import; one partly known counts its duplicates. */
  import (f, f->path_b, NULL, 0);
  {
    g_autoptr (GString) d = g_string_new (NULL);
    g_autofree char *path = NULL;

    append_entry (d, "Opening of the fish market | Quay Weekly", "01-05-21 09:00:00",
                  "Welcome to the new fish market on the quayside. The gulls have already found "
                  "it.");
    append_entry (d, "Regatta prize-giving", "04-05-21 17:00:00",
                  "The cup goes to the crew who rowed into the wind, not with it.");
    path = rostra_test_write_file ("regatta.txt", d->str, d->len);
    import (f, path, NULL, 1);
  }
  again = list_imports (f);
  g_assert_cmpuint (g_list_model_get_n_items (again), ==, 4);
  info = info_at (again, 0);
  g_assert_cmpstr (rostra_import_info_get_name (info), ==, "regatta.txt");
  g_assert_cmpuint (rostra_import_info_get_n_new (info), ==, 1);
  g_assert_cmpuint (rostra_import_info_get_n_duplicates (info), ==, 1);
  g_assert_cmpuint (rostra_import_info_get_n_articles (info), ==, 1);

  /* Two annotations on one article count once. */
  note = annotate (f, f->a2, NULL, "");
  g_clear_object (&note);
  note = annotate (f, f->a2, NULL, "second");
  annotated = list_imports (f);
  info = info_at (annotated, 3);
  g_assert_cmpint (rostra_import_info_get_id (info), ==, f->import_a);
  g_assert_cmpuint (rostra_import_info_get_n_articles (info), ==, 3);
  g_assert_cmpuint (rostra_import_info_get_n_annotated (info), ==, 1);
  g_assert_cmpuint (rostra_import_info_get_n_annotated (info_at (annotated, 2)), ==, 0);
}

/* Removing */

static void
test_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autofree char *search = NULL;
  guint            removed = 99, kept = 99;

  g_assert_cmpint (fts_count (f, "articles_fts", "marrowbone"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM article_tags"), ==, 5);

  g_assert_true (
      rostra_store_remove_import (f->store, f->import_b, FALSE, &removed, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (kept, ==, 0);

  /* The articles, their search index entries, their tags and the import are gone. */
  g_assert_cmpint (rostra_test_count_rows (f->db, "articles"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM articles WHERE import_id IS NULL"), ==, 0);
  g_assert_cmpint (fts_count (f, "articles_fts", "marrowbone"), ==, 0);
  g_assert_cmpint (fts_count (f, "articles_fts", "slates"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->db, "articles_fts_docsize"), ==, 4);
  search = query_for (f, "marrowbone", NULL, NULL);
  g_assert_cmpstr (search, ==, "");
  g_assert_cmpint (count (f, "SELECT count(*) FROM article_tags"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (f->db, "imports"), ==, 2);
  list = list_imports (f);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpint (rostra_import_info_get_id (info_at (list, 0)), ==, f->import_c);
  g_assert_cmpint (rostra_import_info_get_id (info_at (list, 1)), ==, f->import_a);
  /* The other imports' articles are all there. */
  g_assert_cmpint (fts_count (f, "articles_fts", "quayside"), ==, 1);
  g_assert_cmpint (fts_count (f, "articles_fts", "slipway"), ==, 1);
  assert_sound (f);

  /* Gone for good: the same file is new again. */
  import (f, f->path_b, NULL, 2);
  g_assert_cmpint (fts_count (f, "articles_fts", "marrowbone"), ==, 1);
  assert_sound (f);
}

static void
test_remove_annotated (Fixture *f, gconstpointer data)
{
  g_autoptr (RostraAnnotation) note = annotate (f, f->a1, "gulls", "A barnacle of a remark");
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RostraArticle) survivor = NULL;
  g_autoptr (GListModel) notes = NULL;
  RostraImportInfo *info;
  guint             removed = 99, kept = 99;

  g_assert_cmpint (fts_count (f, "annotations_fts", "barnacle"), ==, 1);

  /* Without the annotated ones: a1 and its annotation stay, and so does the import. */
  g_assert_true (
      rostra_store_remove_import (f->store, f->import_a, FALSE, &removed, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (kept, ==, 1);
  g_assert_cmpint (rostra_test_count_rows (f->db, "articles"), ==, 4);
  survivor = rostra_store_load_article (f->store, f->a1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_article_get_imported_from (survivor), ==, "harbour-week.txt");
  g_assert_cmpuint (rostra_article_get_n_annotations (survivor), ==, 1);
  notes = rostra_store_list_annotations (f->store, f->a1, &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  g_assert_cmpint (fts_count (f, "articles_fts", "quayside"), ==, 1);
  g_assert_cmpint (fts_count (f, "articles_fts", "silt"), ==, 0);
  g_assert_cmpint (fts_count (f, "articles_fts", "lanterns"), ==, 0);
  g_assert_cmpint (fts_count (f, "annotations_fts", "barnacle"), ==, 1);
  g_assert_cmpint (rostra_test_count_rows (f->db, "imports"), ==, 3);
  list = list_imports (f);
  info = info_at (list, 2);
  g_assert_cmpint (rostra_import_info_get_id (info), ==, f->import_a);
  g_assert_cmpuint (rostra_import_info_get_n_articles (info), ==, 1);
  g_assert_cmpuint (rostra_import_info_get_n_annotated (info), ==, 1);
  assert_sound (f);

  /* The same again changes nothing. */
  g_assert_true (
      rostra_store_remove_import (f->store, f->import_a, FALSE, &removed, &kept, &error));
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (kept, ==, 1);

  /* With them: everything goes, annotations too. */
  g_assert_true (rostra_store_remove_import (f->store, f->import_a, TRUE, &removed, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (kept, ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->db, "articles"), ==, 3);
  g_assert_cmpint (rostra_test_count_rows (f->db, "annotations"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->db, "annotation_tags"), ==, 0);
  g_assert_cmpint (fts_count (f, "annotations_fts", "barnacle"), ==, 0);
  g_assert_cmpint (fts_count (f, "articles_fts", "quayside"), ==, 0);
  g_assert_cmpint (rostra_test_count_rows (f->db, "imports"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM article_tags"), ==, 2);
  assert_sound (f);
}

static void
test_remove_not_found (Fixture *f, gconstpointer data)
{
  g_autofree char *before = state (f);
  g_autofree char *after = NULL;
  g_autofree char *after_again = NULL;
  g_autoptr (GError) error = NULL;
  guint removed = 7, kept = 7;

  g_assert_false (rostra_store_remove_import (f->store, 9999, TRUE, &removed, &kept, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (removed, ==, 7);
  g_assert_cmpuint (kept, ==, 7);
  after = state (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Optional counts; a removed import is not found the second time. */
  g_assert_true (rostra_store_remove_import (f->store, f->import_c, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = state (f);
  g_assert_false (rostra_store_remove_import (f->store, f->import_c, FALSE, NULL, NULL, &error));
  g_assert_error (error, ROSTRA_STORE_ERROR, ROSTRA_STORE_ERROR_NOT_FOUND);
  after_again = state (f);
  g_assert_cmpstr (after_again, ==, before);

  /* The store is still usable, and not left in a transaction. */
  g_assert_true (rostra_store_begin (f->store, NULL));
  rostra_store_rollback (f->store);
}

/* Tags on articles */

/* The tags articles carry, most used first, as "a|b" text. */
static char *
article_tags (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = rostra_store_list_article_tags (f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (names);
  return g_strjoinv ("|", names);
}

static void
test_article_tags (Fixture *f, gconstpointer data)
{
  static const char *const tags[] = { "Season", " ", "", "closing ", "season", "HARBOUR", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *t = NULL;
  g_autofree char *names = NULL;

  t = tags_of (f, f->c1);
  g_assert_cmpstr (t, ==, "");
  g_clear_pointer (&t, g_free);
  t = tags_of (f, f->a1);
  g_assert_cmpstr (t, ==, "Harbour");
  g_clear_pointer (&t, g_free);

  names = article_tags (f);
  g_assert_cmpstr (names, ==, "Harbour|council");
  g_clear_pointer (&names, g_free);

  g_assert_true (rostra_store_add_article_tags (f->store, f->c1, tags, &error));
  g_assert_no_error (error);
  t = tags_of (f, f->c1);
  g_assert_cmpstr (t, ==, "closing,Harbour,Season");
  g_clear_pointer (&t, g_free);
  names = article_tags (f);
  g_assert_cmpstr (names, ==, "Harbour|council|closing|Season");
  g_clear_pointer (&names, g_free);
  names = rostra_test_query_text (f->db, "SELECT group_concat (name, '|') FROM (SELECT name FROM "
                                         "tags ORDER BY id)");
  g_assert_cmpstr (names, ==, "Harbour|council|Season|closing");

  /* Again: nothing changes. */
  before = state (f);
  g_assert_true (rostra_store_add_article_tags (f->store, f->c1, tags, &error));
  g_assert_true (rostra_store_add_article_tags (f->store, f->c1, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = state (f);

    g_assert_cmpstr (after, ==, before);
  }

  /* The tags go with the article; the tag names stay. */
  g_assert_true (rostra_store_remove_import (f->store, f->import_c, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM article_tags"), ==, 5);
  g_assert_cmpint (rostra_test_count_rows (f->db, "tags"), ==, 4);
  g_clear_pointer (&names, g_free);
  names = article_tags (f);
  g_assert_cmpstr (names, ==, "Harbour|council");

  /* None at all: an empty list. */
  g_assert_true (rostra_store_remove_import (f->store, f->import_a, TRUE, NULL, NULL, &error));
  g_assert_true (rostra_store_remove_import (f->store, f->import_b, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = article_tags (f);
  g_assert_cmpstr (names, ==, "");
}

/* Filters */

static void
test_query_tag (Fixture *f, gconstpointer data)
{
  struct
  {
    const char *text;
    const char *tag;
    const char *expected;
  } cases[] = {
    { NULL, "Harbour", "a3,a2,a1" }, { NULL, "harbour", "a3,a2,a1" },
    { NULL, "council", "b2,b1" },    { NULL, "no such tag", "" },
    { "quayside", "Harbour", "a1" }, { "harbour", "council", "b1" },
    { "harbour", NULL, "a3,b1,c1" }, { "slates", "Harbour", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = query_for (f, cases[i].text, cases[i].tag, NULL);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_query_imports (Fixture *f, gconstpointer data)
{
  g_autofree char *a = query_for (f, NULL, NULL, id_array (f->import_a, 0));
  g_autofree char *ab = query_for (f, NULL, NULL, id_array (f->import_a, f->import_b, 0));
  g_autofree char *bc = query_for (f, NULL, NULL, id_array (f->import_c, f->import_b, 0));
  g_autofree char *bc_text = query_for (f, "harbour", NULL, id_array (f->import_b, f->import_c, 0));
  g_autofree char *ac_tag = query_for (f, NULL, "Harbour", id_array (f->import_a, f->import_c, 0));
  g_autofree char *b_tag = query_for (f, NULL, "Harbour", id_array (f->import_b, 0));
  g_autofree char *all_text =
      query_for (f, "the", "council", id_array (f->import_a, f->import_b, f->import_c, 0));
  g_autofree char *none = query_for (f, NULL, NULL, id_array (0));
  g_autofree char *unknown = query_for (f, NULL, NULL, id_array (4242, 0));
  g_autofree char *after_removal = NULL;
  g_autoptr (RostraQuery) query = rostra_query_new ();
  g_autoptr (RostraQuery) copy = NULL;

  g_assert_cmpstr (a, ==, "a3,a2,a1");
  g_assert_cmpstr (ab, ==, "a3,a2,a1,b2,b1");
  /* The undated speech comes last, newest first. */
  g_assert_cmpstr (bc, ==, "b2,b1,c1");
  g_assert_cmpstr (bc_text, ==, "b1,c1");
  g_assert_cmpstr (ac_tag, ==, "a3,a2,a1");
  g_assert_cmpstr (b_tag, ==, "");
  g_assert_cmpstr (all_text, ==, "b2,b1");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (unknown, ==, "");

  /* Other orders keep the filter. */
  query->imports = id_array (f->import_a, f->import_c, 0);
  query->sort = ROSTRA_SORT_TITLE;
  {
    g_autofree char *by_title = run_query (f, query);

    g_assert_cmpstr (by_title, ==, "c1,a2,a3,a1");
  }
  query->sort = ROSTRA_SORT_OLDEST;
  {
    g_autofree char *oldest = run_query (f, query);

    g_assert_cmpstr (oldest, ==, "a1,a2,a3,c1");
  }

  /* Copies and comparisons see the new filters. */
  query->tag = g_strdup ("Harbour");
  copy = rostra_query_copy (query);
  g_assert_true (copy->imports != query->imports);
  g_assert_true (rostra_query_equal (query, copy));
  g_array_index (copy->imports, gint64, 1) = f->import_b;
  g_assert_false (rostra_query_equal (query, copy));
  g_array_index (copy->imports, gint64, 1) = f->import_c;
  g_assert_true (rostra_query_equal (query, copy));
  g_free (copy->tag);
  copy->tag = g_strdup ("council");
  g_assert_false (rostra_query_equal (query, copy));
  g_clear_pointer (&copy->imports, g_array_unref);
  g_clear_pointer (&copy->tag, g_free);
  copy->tag = g_strdup ("Harbour");
  g_assert_false (rostra_query_equal (query, copy));

  /* A removed import shows nothing. */
  g_assert_true (rostra_store_remove_import (f->store, f->import_a, FALSE, NULL, NULL, NULL));
  after_removal = query_for (f, NULL, NULL, id_array (f->import_a, 0));
  g_assert_cmpstr (after_removal, ==, "");
}

/* Renaming and merging tags that articles carry */

static void
test_rename_tag (Fixture *f, gconstpointer data)
{
  static const char *const budget[] = { "budget", NULL };
  g_autoptr (RostraAnnotation) note = annotate (f, f->b1, "budget", "");
  g_autoptr (RostraAnnotation) reloaded = NULL;
  g_autoptr (GError) error = NULL;
  gint64 tags_before;

  /* A plain rename. */
  g_assert_true (rostra_store_rename_tag (f->store, "council", "Town council", &error));
  g_assert_no_error (error);
  {
    g_autofree char *renamed = query_for (f, NULL, "Town council", NULL);
    g_autofree char *old = query_for (f, NULL, "council", NULL);
    g_autofree char *t = tags_of (f, f->b2);

    g_assert_cmpstr (renamed, ==, "b2,b1");
    g_assert_cmpstr (old, ==, "");
    g_assert_cmpstr (t, ==, "Town council");
  }

  /* A merge: "budget" (an annotation's and two articles') into "town COUNCIL". */
  g_assert_true (rostra_store_add_article_tags (f->store, f->a1, budget, &error));
  g_assert_true (rostra_store_add_article_tags (f->store, f->b1, budget, &error));
  g_assert_no_error (error);
  tags_before = rostra_test_count_rows (f->db, "tags");
  g_assert_true (rostra_store_rename_tag (f->store, "budget", "town COUNCIL", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rostra_test_count_rows (f->db, "tags"), ==, tags_before - 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tags WHERE name = 'budget'"), ==, 0);
  {
    g_autofree char *merged = query_for (f, NULL, "Town council", NULL);
    g_autofree char *old = query_for (f, NULL, "budget", NULL);
    g_autofree char *t_a1 = tags_of (f, f->a1);
    g_autofree char *t_b1 = tags_of (f, f->b1);

    g_assert_cmpstr (merged, ==, "a1,b2,b1");
    g_assert_cmpstr (old, ==, "");
    g_assert_cmpstr (t_a1, ==, "Harbour,Town council");
    /* b1 had both: it has the one left, once. */
    g_assert_cmpstr (t_b1, ==, "Town council");
  }
  reloaded = rostra_store_load_annotation (f->store, rostra_annotation_get_id (note), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rostra_annotation_get_tags (reloaded)[0], ==, "Town council");
  g_assert_null (rostra_annotation_get_tags (reloaded)[1]);
  g_assert_cmpint (count (f, "SELECT count(*) FROM article_tags"), ==, 3 + 2 + 1);

  /* Only the case changes. */
  g_assert_true (rostra_store_rename_tag (f->store, "Harbour", "harbour", &error));
  g_assert_no_error (error);
  {
    g_autofree char *t = tags_of (f, f->a3);
    g_autofree char *q = query_for (f, NULL, "HARBOUR", NULL);

    g_assert_cmpstr (t, ==, "harbour");
    g_assert_cmpstr (q, ==, "a3,a2,a1");
  }
  assert_sound (f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/imports/list", test_list);
  ADD ("/imports/remove", test_remove);
  ADD ("/imports/remove-annotated", test_remove_annotated);
  ADD ("/imports/remove-not-found", test_remove_not_found);
  ADD ("/imports/article-tags", test_article_tags);
  ADD ("/imports/query-tag", test_query_tag);
  ADD ("/imports/query-imports", test_query_imports);
  ADD ("/imports/rename-tag", test_rename_tag);
#undef ADD

  return g_test_run ();
}
