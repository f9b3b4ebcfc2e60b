/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-annotations.c: opening an article with 500 annotations.
 *
 * Reports the time to read and re-anchor the annotations from the
 * store (unchanged text, and text changed under them), and to show
 * them in the reader. Needs a display (xvfb-run). No thresholds: a
 * benchmark reports, it does not fail on speed.
 */

#include "config.h"

#include <adwaita.h>

#include "rostra-anchor.h"
#include "rostra-reader.h"
#include <sqlite3.h>

#include "rostra-test-utils.h"

#define N_ANNOTATIONS 500

static const char *const words[] = {
  "the",    "people", "harbour", "bridge",  "council", "Genève", "café",    "promise", "strangers",
  "market", "river",  "🎤",       "rebuild", "morning", "valley", "railway", "timber",  "grain",
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RostraStore) store = NULL;
  g_autoptr (RostraArticle) article = NULL;
  g_autoptr (GListModel) annotations = NULL;
  RostraReader *reader;
  GtkWidget    *window;
  gint64        id, t;
  glong         n_chars;

  gtk_init ();
  adw_init ();

  /* A long speech: about 100 KB in paragraphs. */
  while (text->len < 100 * 1024)
    {
      for (guint w = 0; w < 80; w++)
        g_string_append_printf (text, "%s%s", w ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, ".\n\n");
    }
  g_string_truncate (text, text->len - 2);
  n_chars = g_utf8_strlen (text->str, -1);

  store = rostra_test_store_new (&path);
  g_assert_true (rostra_store_add_article (store, 0, "A long speech", NULL, "2020-01-01T10:00:00",
                                           "en", text->str, &id, &error));

  t = g_get_monotonic_time ();
  g_assert_true (rostra_store_begin (store, &error));
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint            start = g_rand_int_range (rand, 0, n_chars - 100);
      guint            end = start + g_rand_int_range (rand, 5, 90);
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
      g_autoptr (RostraAnnotation) a = NULL;

      rostra_anchor_describe (text->str, start, end, &exact, &prefix, &suffix);
      a = rostra_annotation_new (id, start, end, exact, prefix, suffix);
      rostra_annotation_set_color (a, rostra_annotation_colors ()[i % 5]);
      g_assert_true (rostra_store_add_annotation (store, a, &error));
    }
  g_assert_true (rostra_store_commit (store, &error));
  g_print ("text: %.1f KB, %ld characters; %d annotations added in %.1f ms\n", text->len / 1024.0,
           n_chars, N_ANNOTATIONS, ms_since (t));

  t = g_get_monotonic_time ();
  annotations = rostra_store_list_annotations (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, N_ANNOTATIONS);
  g_print ("read and check %d anchors (text unchanged): %.1f ms\n", N_ANNOTATIONS, ms_since (t));

  article = rostra_store_load_article (store, id, &error);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  reader = rostra_reader_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  t = g_get_monotonic_time ();
  rostra_reader_set_article (reader, article);
  rostra_reader_set_annotations (reader, annotations);
  g_print ("show the article with its annotations in the reader: %.1f ms\n", ms_since (t));
  t = g_get_monotonic_time ();
  for (gint64 deadline = t + 2 * G_USEC_PER_SEC;
       g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline;)
    ;
  g_print ("… and lay it out and draw it: %.1f ms\n", ms_since (t));

  /* The text changes before every passage: all 500 move. */
  {
    g_autofree char *changed = g_strconcat ("A new preface 🎤. ", text->str, NULL);
    g_autoptr (GListModel) again = NULL;
    guint         moved = 0;
    sqlite3_stmt *stmt;
    sqlite3      *db;

    g_clear_object (&annotations);
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_prepare_v2 (db, "UPDATE articles SET text = ?1", -1, &stmt, NULL);
    sqlite3_bind_text (stmt, 1, changed, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    t = g_get_monotonic_time ();
    again = rostra_store_list_annotations (store, id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (again); i++)
      {
        g_autoptr (RostraAnnotation) a = g_list_model_get_item (again, i);

        moved += !rostra_annotation_get_orphaned (a);
      }
    g_print ("read and repair %d anchors after an edit (all moved, %u found): %.1f ms\n",
             N_ANNOTATIONS, moved, ms_since (t));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
