/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-kwic.c: `rostra --kwic`, its contract (docs/cli.md), by running the binary. */

#include "config.h"

#include <string.h>

#include "rostra-test-utils.h"

/* Invented speeches; the second is the newest, the last has no date */
static const struct
{
  const char *title, *published, *language, *text;
} speeches[] = {
  { "Old", "2001-05-01T10:00:00", "en", "Sovereignty first. Our sovereignty, their sovereignty." },
  { "New", "2022-02-01T10:00:00", "en",
    "Is sovereignty\nstill sovereign? “Sovereignty”, he said — Souveränität." },
  { "Mid", "2015-07-14T10:00:00", "fr", "La souveraineté nationale; les souverainetés" },
  { "Undated", NULL, "en", "sovereignty" },
};

static char *
make_archive (gint64 ids[G_N_ELEMENTS (speeches)])
{
  static guint     counter;
  g_autofree char *name = g_strdup_printf ("kwic-%u.db", ++counter);
  char            *path = g_build_filename (rostra_test_tmpdir (), name, NULL);
  g_autoptr (RostraStore) store = rostra_store_open (path, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (store);
  for (guint i = 0; i < G_N_ELEMENTS (speeches); i++)
    {
      g_assert_true (rostra_store_add_article (store, 0, speeches[i].title, "Herald",
                                               speeches[i].published, speeches[i].language,
                                               speeches[i].text, &ids[i], &error));
      g_assert_no_error (error);
    }
  return path;
}

static const char *
text_of (gint64 id, const gint64 ids[G_N_ELEMENTS (speeches)])
{
  for (guint i = 0; i < G_N_ELEMENTS (speeches); i++)
    if (ids[i] == id)
      return speeches[i].text;
  g_assert_not_reached ();
}

/* text[from:to] in characters */
static char *
slice (const char *text, gint64 from, gint64 to)
{
  const char *a = g_utf8_offset_to_pointer (text, from);

  return g_strndup (a, g_utf8_offset_to_pointer (text, to) - a);
}

/* The array of `--kwic --json`; @root (freed by the caller) holds it */
static JsonArray *
run_json (RostraTestRun *run,
          JsonNode     **root,
          const char    *db,
          const char    *query,
          const char    *extra,
          ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list list;

  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, (gpointer) "--kwic");
  g_ptr_array_add (args, (gpointer) query);
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (list, extra);
  for (const char *a = extra; a; a = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (list);
  g_ptr_array_add (args, NULL);
  rostra_test_run_rostrav (run, (const char *const *) args->pdata, NULL, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (root, json_node_unref);
  *root = rostra_test_parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));
  return json_node_get_array (*root);
}

static void
test_json (void)
{
  gint64           ids[G_N_ELEMENTS (speeches)];
  g_autofree char *db = make_archive (ids);
  g_auto (RostraTestRun) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  static const char *const fields[] = { "article", "title", "speaker", "published", "start",
                                        "end",     "left",  "match",   "right",     NULL };
  JsonArray               *lines = run_json (&run, &root, db, "sovereignty", NULL);
  /* Newest speech first, then by position; undated last */
  const guint       order[] = { 1, 1, 0, 0, 0, 3 };
  const char *const matches[] = { "sovereignty", "Sovereignty", "Sovereignty",
                                  "sovereignty", "sovereignty", "sovereignty" };

  g_assert_cmpuint (json_array_get_length (lines), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject      *line = json_array_get_object_element (lines, i);
      gint64           id = json_object_get_int_member (line, "article");
      gint64           start = json_object_get_int_member (line, "start");
      gint64           end = json_object_get_int_member (line, "end");
      const char      *text = text_of (id, ids);
      g_autofree char *match = slice (text, start, end);
      g_autofree char *left = slice (text, MAX (0, start - 40), start);
      g_autofree char *right = slice (text, end, MIN (g_utf8_strlen (text, -1), end + 40));
      g_autoptr (GList) members = json_object_get_members (line);

      g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) fields));
      for (guint k = 0; fields[k]; k++)
        g_assert_true (json_object_has_member (line, fields[k]));
      g_assert_cmpint (id, ==, ids[order[i]]);
      g_assert_cmpstr (json_object_get_string_member (line, "match"), ==, match);
      g_assert_cmpstr (json_object_get_string_member (line, "match"), ==, matches[i]);
      g_assert_cmpstr (json_object_get_string_member (line, "left"), ==, left);
      g_assert_cmpstr (json_object_get_string_member (line, "right"), ==, right);
      g_assert_cmpstr (json_object_get_string_member (line, "title"), ==, speeches[order[i]].title);
      g_assert_true (json_object_get_null_member (line, "speaker"));
      if (speeches[order[i]].published)
        g_assert_cmpstr (json_object_get_string_member (line, "published"), ==,
                         speeches[order[i]].published);
      else
        g_assert_true (json_object_get_null_member (line, "published"));
    }
}

static void
test_options (void)
{
  gint64           ids[G_N_ELEMENTS (speeches)];
  g_autofree char *db = make_archive (ids);
  g_auto (RostraTestRun) context = { 0 };
  g_auto (RostraTestRun) limit = { 0 };
  g_auto (RostraTestRun) dates = { 0 };
  g_auto (RostraTestRun) forms = { 0 };
  g_auto (RostraTestRun) phrase = { 0 };
  g_auto (RostraTestRun) hostile = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonArray *lines;

  lines = run_json (&context, &root, db, "sovereignty", "--context", "3", NULL);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (line, "left"), -1), <=, 3);
      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (line, "right"), -1), <=, 3);
    }

  lines = run_json (&limit, &root, db, "sovereignty", "--limit", "3", NULL);
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 2), "article"),
                   ==, ids[0]);

  lines =
      run_json (&dates, &root, db, "sovereignty", "--since", "2001", "--until", "2021-12", NULL);
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);

  /* Forms: the French speech's by French stems, the English ones' by English */
  lines = run_json (&forms, &root, db, "souveraineté", "--forms", NULL);
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);

  /* A phrase across a line break */
  lines = run_json (&phrase, &root, db, "\"sovereignty still\"", NULL);
  g_assert_cmpuint (json_array_get_length (lines), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (lines, 0), "match"), ==,
      "sovereignty\nstill");

  lines = run_json (&hostile, &root, db, "NEAR(\"*", NULL);
  g_assert_cmpuint (json_array_get_length (lines), ==, 0);
}

static void
test_lines (void)
{
  gint64           ids[G_N_ELEMENTS (speeches)];
  g_autofree char *db = make_archive (ids);
  g_auto (RostraTestRun) run = { 0 };
  g_auto (RostraTestRun) none = { 0 };
  g_auto (GStrv) lines = NULL;
  glong column = -1;

  rostra_test_run_rostra (&run, "--database", db, "--kwic", "sovereignty", "--context", "12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  /* Aligned: every match starts at the same column */
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *folded = g_utf8_casefold (lines[i], -1);
      const char      *at = strstr (folded, "  sovereignty");

      g_assert_nonnull (at);
      if (column < 0)
        column = g_utf8_pointer_to_offset (folded, at);
      g_assert_cmpint (g_utf8_pointer_to_offset (folded, at), ==, column);
      g_assert_null (strchr (lines[i], '\r'));
    }

  rostra_test_run_rostra (&none, "--database", db, "--kwic", "zeppelin", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "zeppelin"));
}

static void
test_usage (void)
{
  gint64            ids[G_N_ELEMENTS (speeches)];
  g_autofree char  *db = make_archive (ids);
  const char *const cases[][6] = {
    { "--kwic", "x", "--speaker", " ", NULL },
    { "--kwic", "x", "--since", "2020-02-30", NULL },
    { "--kwic", "x", "--until", "yesterday", NULL },
    { "--kwic", "x", "--context", "-1", NULL },
    { "--kwic", "x", "--limit", "-1", NULL },
    { "--kwic", "x", "--offset", "1", NULL },
    { "--list", "--context", "3", NULL },
    { "--search", "x", "--forms", NULL },
    { "--kwic", "x", "--list", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (RostraTestRun) run = { 0 };
      g_autoptr (GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, db);
      for (guint k = 0; cases[i][k]; k++)
        g_ptr_array_add (args, (gpointer) cases[i][k]);
      g_ptr_array_add (args, NULL);
      rostra_test_run_rostrav (&run, (const char *const *) args->pdata, NULL, NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-kwic/json", test_json);
  g_test_add_func ("/cli-kwic/options", test_options);
  g_test_add_func ("/cli-kwic/lines", test_lines);
  g_test_add_func ("/cli-kwic/usage", test_usage);
  return g_test_run ();
}
