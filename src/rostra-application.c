/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-application.c: options, actions and windows.
 *
 * The headless commands (--import, --list, --export, --version) run in
 * handle-local-options and return before GTK is initialised, so they
 * work without a display.
 *
 * Rostra is a single instance on the session bus: `rostra FILE…` (and
 * "Open With" from a file manager) hands the files to the running
 * instance, whose window opens the import dialog with them. With
 * --database the instance is a separate one, as it shows another
 * archive.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-application.h"
#include "rostra-cli-speakers.h"
#include "rostra-cli-versions.h"
#include "rostra-cli.h"
#include "rostra-cli-kwic.h"
#include "rostra-preferences.h"
#include "rostra-window.h"
#include "rostra-ui-utils.h"
#include "data/rostra-release-notes.h"

struct _RostraApplication
{
  AdwApplication parent_instance;

  char  *database;
  GList *pending_files; /* GFile: `rostra FILE…` before the window existed */
};

G_DEFINE_FINAL_TYPE (RostraApplication, rostra_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the archive at PATH instead of the default one"), N_("PATH") },
    { "import", 'i', 0, G_OPTION_ARG_NONE, NULL,
      N_("Import the dump files named on the command line, without a window"), NULL },
      { "list", 'l', 0, G_OPTION_ARG_NONE, NULL,
        N_("List the archive’s articles, newest first"), NULL },
        { "search", 's', 0, G_OPTION_ARG_STRING, NULL,
          N_("Search the archive’s articles for TEXT, best matches first"), N_("TEXT") },
          { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
            N_("With --list, --search or --kwic: write JSON"), NULL },
            { "limit", 0, 0, G_OPTION_ARG_INT, NULL,
              N_("With --search, --kwic: at most N results (default, 0: all)"), N_("N") },
              { "offset", 0, 0, G_OPTION_ARG_INT, NULL,
                N_("With --search: skip the N best results first (default: 0)"), N_("N") },
                { "export", 'e', 0, G_OPTION_ARG_STRING, NULL,
                  N_("Export annotations in FORMAT: json (a backup), markdown, html, csv, w3c"),
                      N_("FORMAT") },
                  { "tag", 0, 0, G_OPTION_ARG_STRING, NULL,
                    N_("With --export: only the annotations tagged TAG"), N_("TAG") },
                    { "article", 0, 0, G_OPTION_ARG_INT64, NULL,
                      N_("With --export: only the article ID (see --list) and its annotations"),
                          N_("ID") },
                      { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
                        N_("With --export: write to FILE (atomically) instead of standard output"),
                            N_("FILE") },
                        { "backup", 'b', 0, G_OPTION_ARG_FILENAME, NULL,
                          N_("Copy the archive to FILE, consistently, even while it is in use"),
                              N_("FILE") },
                          { "speaker", 0, 0, G_OPTION_ARG_STRING, NULL,
                            N_("With --import or --edit: the speaker of the speeches; with --list, "
                               "--search or --kwic: only this speaker’s speeches"),
                                N_("NAME") },
                            { "edit", 0, 0, G_OPTION_ARG_INT64, NULL,
                              N_("Change the metadata of the speech ID (see --list): --speaker, "
                               "--occasion, --delivered, --memo; an empty value clears it"),
                                  N_("ID") },
                              { "occasion", 0, 0, G_OPTION_ARG_STRING, NULL,
                                N_("With --edit: where or at what event the speech was given"),
                                    N_("TEXT") },
                                { "delivered", 0, 0, G_OPTION_ARG_STRING, NULL,
                                  N_("With --edit: the day the speech was given"),
                                      N_("YYYY-MM-DD") },
                                  { "memo", 0, 0, G_OPTION_ARG_STRING, NULL,
                                    N_("With --edit: a note on the whole speech"), N_("TEXT") },
                                    { "speakers", 0, 0, G_OPTION_ARG_NONE, NULL,
                                      N_("List the speakers, the most speeches first"), NULL },
                                      { "merge-speaker", 0, 0, G_OPTION_ARG_STRING, NULL,
                                        N_("Merge the speaker FROM into INTO: FROM becomes an alias of INTO, "
                               "its speeches move"),
                                            N_("FROM INTO") },
                                        { "suggest-speakers", 0, 0, G_OPTION_ARG_NONE, NULL,
                                          N_("Suggest a speaker for each speech without one, from its title and "
                               "lead; nothing is stored"),
                                              NULL },
                                          { "versions", 0, 0, G_OPTION_ARG_INT64, NULL,
                                            N_("List the other versions of the speech ID (see --list)"),
                                                N_("ID") },
                                            { "link-translation", 0, 0, G_OPTION_ARG_INT64, NULL,
                                              N_("Link the speech ID1 and the speech ID2 (the next argument) as "
                               "translations"),
                                                  N_("ID1 ID2") },
                                              { "unlink", 0, 0, G_OPTION_ARG_INT64, NULL,
                                                N_("Make the speeches ID1 and ID2 (the next argument) no versions "
                               "of each other"),
                                                    N_("ID1 ID2") },
                                                { "find-versions", 0, 0, G_OPTION_ARG_NONE, NULL,
                                                  N_("Find the versions of the speeches imported before versions"),
                                                      NULL },
                                                  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
                                                    N_("Show the version and quit"), NULL },
                                                    { G_OPTION_REMAINING, 0, 0,
                                                      G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL,
                                                      N_("[FILE…]") },
                                                      { NULL } };

static int
usage_error (const char *message)
{
  g_printerr ("rostra: %s\n", message);
  g_printerr (_("Run “rostra --help” to see the options.\n"));
  return ROSTRA_EXIT_USAGE;
}

/* The options of speakers and speech metadata (see rostra-cli-speakers.c). */
typedef struct
{
  const char           *speaker;
  gboolean              speaker_named; /* --speaker is not blank */
  gboolean              edit;
  gint64                edit_id;
  RostraMetadataFields  fields;
  RostraArticleMetadata metadata;
  gboolean              speakers, suggest;
  const char           *merge_from;
  guint                 command; /* how many of their commands were given */
  gboolean              json_ok;
} RostraSpeakerOptions;

/* Reads them: -1 when they are right, an exit status otherwise. */
static int
rostra_application_check_speaker_options (GVariantDict *options, RostraSpeakerOptions *o)
{
  const char *const names[] = { "occasion", "delivered", "memo" };
  const char      **values[] = { &o->metadata.occasion, &o->metadata.delivered, &o->metadata.memo };
  const RostraMetadataFields fields[] = { ROSTRA_METADATA_OCCASION, ROSTRA_METADATA_DELIVERED,
                                          ROSTRA_METADATA_MEMO };

  if (g_variant_dict_lookup (options, "speaker", "&s", &o->speaker))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (o->speaker));

      o->fields |= ROSTRA_METADATA_SPEAKER;
      o->metadata.speaker = o->speaker;
      o->speaker_named = *stripped != '\0';
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_variant_dict_lookup (options, names[i], "&s", values[i]))
      o->fields |= fields[i];
  o->edit = g_variant_dict_lookup (options, "edit", "x", &o->edit_id);
  g_variant_dict_lookup (options, "speakers", "b", &o->speakers);
  g_variant_dict_lookup (options, "suggest-speakers", "b", &o->suggest);
  g_variant_dict_lookup (options, "merge-speaker", "&s", &o->merge_from);
  o->command = o->edit + o->speakers + o->suggest + (o->merge_from != NULL);
  o->json_ok = o->speakers || o->suggest;

  if ((o->fields & ~ROSTRA_METADATA_SPEAKER) && !o->edit)
    return usage_error (_("--occasion, --delivered and --memo go with --edit"));
  if (o->edit && o->edit_id <= 0)
    return usage_error (_("--edit needs the id of a speech (see --list)"));
  if (o->edit && o->fields == 0)
    return usage_error (_("--edit needs --speaker, --occasion, --delivered or --memo"));
  return -1;
}

/* Runs --edit, --speakers, --merge-speaker or --suggest-speakers. */
static int
rostra_application_run_speaker_command (const char                 *database,
                                        const RostraSpeakerOptions *o,
                                        const char *const          *files,
                                        gboolean                    json)
{
  if (o->merge_from != NULL)
    {
      if (files == NULL || files[0] == NULL || files[1] != NULL)
        return usage_error (_("--merge-speaker needs two names: FROM INTO"));
      return rostra_cli_merge_speaker (database, o->merge_from, files[0]);
    }
  if (files != NULL && files[0] != NULL)
    return usage_error (_("--edit, --speakers and --suggest-speakers take no file"));
  if (o->edit)
    return rostra_cli_edit (database, o->edit_id, o->fields, &o->metadata);
  if (o->speakers)
    return rostra_cli_speakers (database, json);
  return rostra_cli_suggest_speakers (database, json);
}

/* --versions, --link-translation, --unlink and --find-versions (see
 * rostra-cli-versions.c): the second id of a pair is the one remaining
 * argument. */
static int
handle_versions_options (const char        *database,
                         gint64             versions_id,
                         gint64             link_id,
                         gint64             unlink_id,
                         gboolean           find_versions,
                         gboolean           json,
                         const char *const *files)
{
  guint  n_files = files ? g_strv_length ((char **) files) : 0;
  gint64 pair_id = link_id ? link_id : unlink_id;

  if (find_versions)
    return n_files > 0 ? usage_error (_("--find-versions takes no file"))
                       : rostra_cli_find_versions (database);
  if (versions_id != 0)
    {
      if (versions_id < 0 || n_files > 0)
        return usage_error (_("--versions needs the id of one speech (see --list)"));
      return rostra_cli_versions (database, versions_id, json);
    }
  if (pair_id <= 0 || n_files != 1)
    return usage_error (_("--link-translation and --unlink need the ids of two speeches"));
  if (link_id != 0)
    return rostra_cli_link_translation (database, link_id, files[0]);
  return rostra_cli_unlink (database, unlink_id, files[0]);
}

static int
rostra_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  RostraApplication      *self = ROSTRA_APPLICATION (app);
  g_autofree const char **files = NULL;
  g_autofree char        *database = NULL;
  g_autofree char        *output = NULL;
  const char             *export_format = NULL;
  const char             *search = NULL;
  const char             *kwic = NULL;
  const char             *tag = NULL;
  g_autofree char        *backup = NULL;
  gint64                  article = 0;
  gboolean                has_article;
  int                     limit = 0, offset = 0;
  gboolean                has_limit, has_offset;
  gboolean                import = FALSE, list = FALSE, json = FALSE, version = FALSE;
  RostraSpeakerOptions    speaker_options = { 0 };
  int                     status;
  gint64                  versions_id = 0, link_id = 0, unlink_id = 0;
  gboolean                has_versions, has_link, has_unlink, find_versions = FALSE;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    rostra_application_set_database (self, database);
  g_variant_dict_lookup (options, "import", "b", &import);
  g_variant_dict_lookup (options, "list", "b", &list);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "export", "&s", &export_format);
  g_variant_dict_lookup (options, "search", "&s", &search);
  g_variant_dict_lookup (options, "kwic", "&s", &kwic);
  g_variant_dict_lookup (options, "tag", "&s", &tag);
  has_article = g_variant_dict_lookup (options, "article", "x", &article);
  has_limit = g_variant_dict_lookup (options, "limit", "i", &limit);
  has_offset = g_variant_dict_lookup (options, "offset", "i", &offset);
  g_variant_dict_lookup (options, "output", "^ay", &output);
  g_variant_dict_lookup (options, "backup", "^ay", &backup);
  g_variant_dict_lookup (options, "version", "b", &version);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  has_versions = g_variant_dict_lookup (options, "versions", "x", &versions_id);
  has_link = g_variant_dict_lookup (options, "link-translation", "x", &link_id);
  has_unlink = g_variant_dict_lookup (options, "unlink", "x", &unlink_id);
  g_variant_dict_lookup (options, "find-versions", "b", &find_versions);

  if (version)
    {
      g_print ("rostra %s\n", PACKAGE_VERSION);
      return ROSTRA_EXIT_OK;
    }

  if ((status = rostra_application_check_speaker_options (options, &speaker_options)) >= 0)
    return status;
  if (import + list + (export_format != NULL) + (search != NULL) + (backup != NULL) +
          (kwic != NULL) + speaker_options.command + has_versions + has_link + has_unlink +
          find_versions >
      1)
    return usage_error (
        _("--import, --list, --search, --kwic, --export, --backup, --edit, --speakers, "
          "--merge-speaker, --suggest-speakers, --versions, --link-translation, --unlink and "
          "--find-versions cannot be combined"));
  if (json && !list && !search && !kwic && !has_versions && !speaker_options.json_ok)
    return usage_error (_("--json goes with --list, --search, --kwic, --versions, --speakers or "
                          "--suggest-speakers"));
  if (speaker_options.speaker != NULL && !import && !list && !search && !kwic &&
      !speaker_options.edit)
    return usage_error (_("--speaker goes with --import, --list, --search, --kwic or --edit"));
  if (speaker_options.speaker != NULL && !speaker_options.edit && !speaker_options.speaker_named)
    return usage_error (_("--speaker needs the name of a speaker"));
  if ((has_limit && !search && !kwic) || (has_offset && !search))
    return usage_error (_("--limit goes with --search or --kwic, --offset with --search"));
  if (rostra_cli_kwic_options_used (options) && !kwic)
    return usage_error (_("--context, --since, --until and --forms go with --kwic"));
  if (kwic)
    return rostra_cli_kwic (self->database, kwic, options);
  if (has_limit && limit < 0)
    return usage_error (_("--limit needs a number of results of at least 0 (0 for all)"));
  if (has_offset && offset < 0)
    return usage_error (_("--offset needs a number of results of at least 0"));
  if ((tag != NULL || has_article || output != NULL) && export_format == NULL)
    return usage_error (_("--tag, --article and --output go with --export"));
  if (tag != NULL && has_article)
    return usage_error (_("--tag and --article cannot be combined"));
  if (has_article && article <= 0)
    return usage_error (_("--article needs the id of an article (see --list)"));
  if (tag != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (tag));

      if (*stripped == '\0')
        return usage_error (_("--tag needs the name of a tag"));
    }

  if (import)
    {
      if (files == NULL || files[0] == NULL)
        return usage_error (_("--import needs at least one file"));
      return rostra_cli_import (self->database, files, speaker_options.speaker);
    }

  if (backup != NULL)
    return rostra_cli_backup (self->database, backup);
  if (list && speaker_options.speaker != NULL)
    return rostra_cli_list_speaker (self->database, speaker_options.speaker, json);
  if (has_versions || has_link || has_unlink || find_versions)
    return handle_versions_options (
        self->database, has_versions ? (versions_id != 0 ? versions_id : -1) : 0,
        has_link ? link_id : 0, has_unlink ? unlink_id : 0, find_versions, json, files);
  if (list)
    return rostra_cli_list (self->database, json);
  if (search)
    return rostra_cli_search (self->database, search, speaker_options.speaker, json, offset, limit);
  if (speaker_options.command)
    return rostra_application_run_speaker_command (self->database, &speaker_options, files, json);
  if (export_format != NULL)
    return rostra_cli_export (self->database, export_format, tag, article, output);

  /* Another archive than the default one: an instance of its own. */
  if (self->database != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  if (files != NULL && files[0] != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; files[i] != NULL; i++)
        g_ptr_array_add (gfiles, g_file_new_for_commandline_arg (files[i]));

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("rostra: %s\n", error->message);
          return ROSTRA_EXIT_ARCHIVE;
        }
      if (g_application_get_is_remote (app))
        {
          /* The running instance opens its import dialog. */
          g_application_open (app, (GFile **) gfiles->pdata, gfiles->len, "");
          return ROSTRA_EXIT_OK;
        }
      for (guint i = gfiles->len; i > 0; i--)
        self->pending_files =
            g_list_prepend (self->pending_files, g_object_ref (g_ptr_array_index (gfiles, i - 1)));
    }

  /* No headless command: go on to start the window. */
  return -1;
}

static RostraWindow *
ensure_window (RostraApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (
        rostra_window_new (GTK_APPLICATION (self), rostra_application_get_database (self)));
  gtk_window_present (window);
  return ROSTRA_WINDOW (window);
}

static void
open_files (RostraApplication *self, GList *files)
{
  RostraWindow *window = ensure_window (self);
  g_autoptr (GListStore) list = g_list_store_new (G_TYPE_FILE);

  for (GList *l = files; l != NULL; l = l->next)
    g_list_store_append (list, l->data);
  rostra_window_open_import_dialog (window, G_LIST_MODEL (list));
}

static void
rostra_application_activate (GApplication *app)
{
  RostraApplication *self = ROSTRA_APPLICATION (app);

  if (self->pending_files != NULL)
    {
      GList *files = g_steal_pointer (&self->pending_files);

      open_files (self, files);
      g_list_free_full (files, g_object_unref);
      return;
    }
  ensure_window (self);
}

static void
rostra_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  g_autoptr (GList) list = NULL;

  for (int i = n_files; i > 0; i--)
    list = g_list_prepend (list, files[i - 1]);
  open_files (ROSTRA_APPLICATION (app), list);
}

/* The release notes of this version, from the metainfo (data/release-notes-header), each
 * paragraph and list item translated with the catalogue that translates the metainfo. */
static char *
release_notes_markup (void)
{
  GString    *markup = g_string_new (NULL);
  const char *open_list = NULL;

  for (guint i = 0; rostra_release_notes[i][0] != NULL; i++)
    {
      const char      *tag = rostra_release_notes[i][0];
      g_autofree char *text = g_markup_escape_text (_(rostra_release_notes[i][1]), -1);
      gboolean         is_item = !g_str_equal (tag, "p");

      if (open_list != NULL && (!is_item || !g_str_equal (open_list, tag)))
        {
          g_string_append_printf (markup, "</%s>", open_list);
          open_list = NULL;
        }
      if (!is_item)
        g_string_append_printf (markup, "<p>%s</p>", text);
      else
        {
          if (open_list == NULL)
            g_string_append_printf (markup, "<%s>", tag);
          open_list = tag;
          g_string_append_printf (markup, "<li>%s</li>", text);
        }
    }
  if (open_list != NULL)
    g_string_append_printf (markup, "</%s>", open_list);
  return g_string_free (markup, FALSE);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RostraApplication *self = user_data;
  static const char *developers[] = { "The Rostra developers", NULL };
  g_autofree char   *release_notes = release_notes_markup ();
  GtkWindow         *about = GTK_WINDOW (adw_about_window_new ());
  AdwAboutWindow    *window = ADW_ABOUT_WINDOW (about);

  gtk_window_set_transient_for (about, gtk_application_get_active_window (GTK_APPLICATION (self)));
  adw_about_window_set_application_name (window, _("Rostra"));
  adw_about_window_set_application_icon (window, APP_ID);
  adw_about_window_set_version (window, PACKAGE_VERSION);
  adw_about_window_set_comments (window, _("Archive and annotate speeches"));
  adw_about_window_set_developer_name (window, "The Rostra developers");
  adw_about_window_set_developers (window, developers);
  adw_about_window_set_website (window, "https://github.com/rostra/rostra");
  adw_about_window_set_issue_url (window, "https://github.com/rostra/rostra/issues");
  adw_about_window_set_copyright (window, "© 2026 The Rostra developers");
  adw_about_window_set_license_type (window, GTK_LICENSE_GPL_3_0);
  /* TRANSLATORS: your name(s), one per line */
  adw_about_window_set_translator_credits (window, _("translator-credits"));
  adw_about_window_set_release_notes_version (window, ROSTRA_RELEASE_NOTES_VERSION);
  adw_about_window_set_release_notes (window, release_notes);
  rostra_ui_name_controls (GTK_WIDGET (about));
  gtk_window_present (about);
}

/* Ctrl+Q closes the windows as their close buttons do, so that each
 * keeps its size and state for the next start (g_application_quit()
 * destroyed them without asking); the application ends with the last. */
static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  if (windows == NULL)
    g_application_quit (G_APPLICATION (user_data));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
rostra_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (rostra_application_parent_class)->startup (app);

  /* Light, dark or the system's style, as the preferences say. */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);

    rostra_preferences_apply_style (settings);
  }
  rostra_ui_load_palette_css (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
rostra_application_finalize (GObject *object)
{
  RostraApplication *self = (RostraApplication *) object;

  g_free (self->database);
  g_list_free_full (self->pending_files, g_object_unref);

  G_OBJECT_CLASS (rostra_application_parent_class)->finalize (object);
}

static void
rostra_application_class_init (RostraApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rostra_application_finalize;
  app_class->handle_local_options = rostra_application_handle_local_options;
  app_class->startup = rostra_application_startup;
  app_class->activate = rostra_application_activate;
  app_class->open = rostra_application_open;
}

static void
rostra_application_init (RostraApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), rostra_cli_kwic_option_entries ());
  g_application_set_option_context_summary (
      G_APPLICATION (self),
      _("Archive and annotate speeches. Without options, opens the window."));
}

RostraApplication *
rostra_application_new (void)
{
  return g_object_new (ROSTRA_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/io/github/rostra/Rostra",
                       NULL);
}

/**
 * rostra_application_get_database:
 *
 * Returns: (nullable): the archive named with --database, or %NULL for
 *   the default one
 */
const char *
rostra_application_get_database (RostraApplication *self)
{
  g_return_val_if_fail (ROSTRA_IS_APPLICATION (self), NULL);
  return self->database;
}

/**
 * rostra_application_set_database:
 * @path: (nullable): the archive's file, or %NULL for the default one
 *
 * Sets the archive that windows opened from now on show, as --database
 * does; for tests, which register the application without running it.
 */
void
rostra_application_set_database (RostraApplication *self, const char *path)
{
  g_return_if_fail (ROSTRA_IS_APPLICATION (self));

  g_free (self->database);
  self->database = g_strdup (path);
}
