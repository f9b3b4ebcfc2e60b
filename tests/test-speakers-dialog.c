/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-speakers-dialog.c: the Speakers dialog lists the archive's
 * speakers, the most speeches first, renames them, merges two (after
 * asking), and adds and removes aliases: each change on disk. */

#include "config.h"

#include <string.h>

#include "rostra-speaker.h"
#include "rostra-speakers-dialog.h"
#include "rostra-store-speakers.h"
#include "rostra-test-ui.h"
#include "rostra-test-utils.h"

static gboolean
is_idle (gpointer data)
{
  return !rostra_speakers_dialog_get_busy (data);
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_speaker (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The entry row titled @title inside the speaker @speaker's row, opened. */
static GtkWidget *
entry_of (GtkWidget *dialog, const char *speaker, const char *title)
{
  GtkWidget *row = rostra_test_find_widget_if (dialog, is_speaker, speaker);

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  rostra_test_flush ();
  row = rostra_test_find_widget_if (row, is_titled, title);
  g_assert_nonnull (row);
  return row;
}

static void
set_speaker (RostraStore *store, gint64 id, const char *name)
{
  RostraArticleMetadata metadata = { .speaker = name };
  g_autoptr (GError) error = NULL;

  g_assert_true (
      rostra_store_set_article_metadata (store, id, ROSTRA_METADATA_SPEAKER, &metadata, &error));
  g_assert_no_error (error);
}

static char *
speakers_text (RostraStore *store)
{
  g_autoptr (GListModel) speakers = rostra_store_list_speakers (store, NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (speakers); i++)
    {
      g_autoptr (RostraSpeaker) speaker = g_list_model_get_item (speakers, i);
      g_autofree char *aliases = g_strjoinv ("|", (char **) rostra_speaker_get_aliases (speaker));

      g_string_append_printf (text, "%s%s:%u[%s]", i ? "," : "", rostra_speaker_get_name (speaker),
                              rostra_speaker_get_n_articles (speaker), aliases);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_speakers (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autoptr (GListModel) articles = NULL;
  g_autofree char *text = NULL;
  GtkWidget       *dialog, *entry, *message;
  guint            n_changed = 0;

  rostra_test_import_fixture (store);
  articles = rostra_store_list_articles (store, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RostraArticle) article = g_list_model_get_item (articles, i);

      set_speaker (store, rostra_article_get_id (article), i < 2 ? "Ada Mirren" : "A. Mirren");
    }

  dialog = rostra_speakers_dialog_new (NULL, store);
  g_signal_connect_swapped (dialog, "changed", G_CALLBACK (g_atomic_int_inc), &n_changed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rostra_test_wait_mapped (dialog));
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  /* The most speeches first. */
  g_assert_nonnull (rostra_test_find_widget_if (dialog, is_speaker, "Ada Mirren"));

  /* Renamed to the other's name: asked first, then merged. */
  entry = entry_of (dialog, "A. Mirren", "Name");
  gtk_editable_set_text (GTK_EDITABLE (entry), "ada mirren");
  g_signal_emit_by_name (entry, "apply");
  message = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && message == NULL; i++)
      {
        g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          message = w;
      }
  }
  g_assert_nonnull (message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "merge");
  rostra_test_flush ();
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  text = speakers_text (store);
  g_assert_cmpstr (text, ==, "Ada Mirren:3[A. Mirren]");
  g_clear_pointer (&text, g_free);

  /* Renamed; an alias added, one removed. */
  entry = entry_of (dialog, "Ada Mirren", "Name");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Ada Mirren-Kane");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  entry = entry_of (dialog, "Ada Mirren-Kane", "Add an Alias");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mirren");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  text = speakers_text (store);
  g_assert_true (strstr (text, "Ada Mirren-Kane:3[") != NULL);
  g_assert_true (strstr (text, "Mirren") != NULL && strstr (text, "A. Mirren") != NULL);
  g_assert_cmpuint (n_changed, ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
  rostra_test_flush ();
}

static gboolean
is_suggested (GtkWidget *widget, gconstpointer name)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "suggested-speaker") &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
}

/* "Suggest…" for speeches imported without speakers: one row per name,
 * accepted in one click for all its speeches. */
static void
test_suggest (void)
{
  g_autoptr (RostraStore) store = rostra_test_store_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget       *dialog, *row, *accept;

  rostra_test_add_speech (store, "Lavrov’s remarks at the harbour forum", NULL, "2022-03-14", "en",
                          "The forum meets for the tenth time this spring.");
  rostra_test_add_speech (store, "Lavrov: the ferries will run again", NULL, "2022-03-15", "en",
                          "The ferries to the islands will run again from Monday.");
  rostra_test_add_speech (store, "The weather this week", NULL, "2022-03-16", "en",
                          "Rain, then sun.");

  dialog = rostra_speakers_dialog_new (NULL, store);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rostra_test_wait_mapped (dialog));
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  g_signal_emit_by_name (rostra_test_find_widget_if (dialog, is_button_labelled, "_Suggest…"),
                         "clicked");
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  row = rostra_test_find_widget_if (dialog, is_suggested, "Lavrov");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2 speeches"));
  accept = rostra_test_find_widget (row, GTK_TYPE_BUTTON, NULL);
  g_signal_emit_by_name (accept, "clicked");
  g_assert_true (rostra_test_wait_for (is_idle, dialog));
  text = speakers_text (store);
  g_assert_cmpstr (text, ==, "Lavrov:2[]");
  g_assert_null (rostra_test_find_widget_if (dialog, is_suggested, "Lavrov"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  rostra_test_flush ();
}

int
main (int argc, char **argv)
{
  rostra_test_ui_init (&argc, &argv);
  g_test_add_func ("/speakers-dialog/speakers", test_speakers);
  g_test_add_func ("/speakers-dialog/suggest", test_suggest);
  return g_test_run ();
}
