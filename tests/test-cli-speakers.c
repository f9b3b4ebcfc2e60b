/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-speakers.c: speakers and speech metadata on the command line (docs/cli.md). */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rostra-test-utils.h"

/* Three invented speeches; the first two name their speaker. */
#define DUMP                                                                               \
  "Karlsson’s speech at the harbour festival\n\n14-06-24 09:00:00,\n\n"                  \
  "Friends, neighbours, sailors, forty years ago this harbour was a mudflat.\n\n"          \
  " » Read more\n\n"                                                                      \
  "Anna Karlsson warns of rising tides\n\n15-06-24 10:00:00,\n\n"                          \
  "The water rises a finger's width every year, and the quay does not.\n\n » Read more\n" \
  "\nA quiet day at the port\n\n16-06-24 11:00:00,\n\n"                                    \
  "Nothing happened at the port today, and the gulls were glad of it.\n\n » Read more\n"

static char *
new_archive (const char *name, const char *speaker)
{
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  g_autofree char *dump_name = g_strdup_printf ("%s.txt", name);
  g_autofree char *dump = rostra_test_write_file (dump_name, DUMP, -1);
  char            *db = g_build_filename (rostra_test_tmpdir (), file, NULL);
  g_auto (RostraTestRun) r = { 0 };

  if (speaker != NULL)
    rostra_test_run_rostra (&r, "-d", db, "--import", dump, "--speaker", speaker, NULL);
  else
    rostra_test_run_rostra (&r, "-d", db, "--import", dump, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3 new articles"));
  return db;
}

static JsonArray *
run_json (JsonNode **root, const char *db, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (RostraTestRun) r = { 0 };
  va_list     ap;
  const char *arg;

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, (gpointer) db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  rostra_test_run_rostrav (&r, (const char *const *) args->pdata, NULL, NULL);
  g_assert_cmpint (r.status, ==, 0);
  *root = rostra_test_parse_json (r.out);
  return json_node_get_array (*root);
}

static JsonObject *
element (JsonArray *array, guint i)
{
  return json_array_get_object_element (array, i);
}

/* --import --speaker; --list --json's new fields; --list --speaker. */
static void
test_import_speaker (void)
{
  g_autofree char *db = new_archive ("import-speaker", "Anna Karlsson");
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) filtered = NULL;
  g_autoptr (JsonNode) none = NULL;
  g_auto (RostraTestRun) lines = { 0 };
  g_auto (GStrv) rows = NULL;
  JsonArray *list;

  list = run_json (&root, db, "--list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *o = element (list, i);

      g_assert_cmpstr (json_object_get_string_member (o, "speaker"), ==, "Anna Karlsson");
      g_assert_true (json_object_get_null_member (o, "occasion"));
      g_assert_true (json_object_get_null_member (o, "delivered"));
      g_assert_true (json_object_get_null_member (o, "memo"));
    }

  list = run_json (&filtered, db, "--list", "--speaker", "ANNA KÁRLSSON", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  list = run_json (&none, db, "--list", "--speaker", "Nobody", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);

  rostra_test_run_rostra (&lines, "-d", db, "--list", "--speaker", "anna karlsson", NULL);
  g_assert_cmpint (lines.status, ==, 0);
  rows = g_strsplit (g_strchomp (lines.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 3);
}

/* --edit: each field, an empty value clearing it, and the exit codes. */
static void
test_edit (void)
{
  g_autofree char *db = new_archive ("edit", NULL);
  g_autoptr (JsonNode) root = NULL, after = NULL;
  g_auto (RostraTestRun) edit = { 0 };
  g_auto (RostraTestRun) clear = { 0 };
  g_auto (RostraTestRun) missing = { 0 };
  g_auto (RostraTestRun) bad_date = { 0 };
  g_auto (RostraTestRun) nothing = { 0 };
  g_auto (RostraTestRun) stray = { 0 };
  JsonArray  *list;
  JsonObject *o = NULL;

  rostra_test_run_rostra (&edit, "-d", db, "--edit", "1", "--speaker", "Anna Karlsson",
                          "--occasion", "Harbour festival, Malmö", "--delivered", "2024-06-13",
                          "--memo", "Her first speech as mayor.", NULL);
  g_assert_cmpint (edit.status, ==, 0);
  list = run_json (&root, db, "--list", "--json", NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (json_object_get_int_member (element (list, i), "id") == 1)
      o = element (list, i);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "speaker"), ==, "Anna Karlsson");
  g_assert_cmpstr (json_object_get_string_member (o, "occasion"), ==, "Harbour festival, Malmö");
  g_assert_cmpstr (json_object_get_string_member (o, "delivered"), ==, "2024-06-13");
  g_assert_cmpstr (json_object_get_string_member (o, "memo"), ==, "Her first speech as mayor.");
  g_assert_cmpstr (json_object_get_string_member (o, "published"), ==, "2024-06-14T09:00:00");

  /* An empty value clears; the other fields stay. */
  rostra_test_run_rostra (&clear, "-d", db, "--edit", "1", "--occasion", "", NULL);
  g_assert_cmpint (clear.status, ==, 0);
  list = run_json (&after, db, "--list", "--speaker", "Anna Karlsson", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_true (json_object_get_null_member (element (list, 0), "occasion"));
  g_assert_cmpstr (json_object_get_string_member (element (list, 0), "delivered"), ==,
                   "2024-06-13");

  rostra_test_run_rostra (&missing, "-d", db, "--edit", "99", "--memo", "x", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "99"));

  rostra_test_run_rostra (&bad_date, "-d", db, "--edit", "1", "--delivered", "2024-02-30", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "2024-02-30"));

  rostra_test_run_rostra (&nothing, "-d", db, "--edit", "1", NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  rostra_test_run_rostra (&stray, "-d", db, "--list", "--memo", "x", NULL);
  g_assert_cmpint (stray.status, ==, 2);
}

/* --speakers, --merge-speaker, --search --speaker. */
static void
test_speakers_and_merge (void)
{
  g_autofree char *db = new_archive ("merge", NULL);
  g_autoptr (JsonNode) before = NULL, after = NULL, hits = NULL;
  g_auto (RostraTestRun) e1 = { 0 }, e2 = { 0 }, e3 = { 0 }, merge = { 0 }, unknown = { 0 };
  g_auto (RostraTestRun) text = { 0 };
  JsonArray *list, *aliases;

  rostra_test_run_rostra (&e1, "-d", db, "--edit", "1", "--speaker", "Karlsson", NULL);
  rostra_test_run_rostra (&e2, "-d", db, "--edit", "2", "--speaker", "Anna Karlsson", NULL);
  rostra_test_run_rostra (&e3, "-d", db, "--edit", "3", "--speaker", "Anna Karlsson", NULL);
  g_assert_cmpint (e1.status + e2.status + e3.status, ==, 0);

  list = run_json (&before, db, "--speakers", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (element (list, 0), "name"), ==, "Anna Karlsson");
  g_assert_cmpint (json_object_get_int_member (element (list, 0), "articles"), ==, 2);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (element (list, 0), "aliases")), ==, 0);

  rostra_test_run_rostra (&unknown, "-d", db, "--merge-speaker", "Nobody", "Anna Karlsson", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  rostra_test_run_rostra (&merge, "-d", db, "--merge-speaker", "Karlsson", "Anna Karlsson", NULL);
  g_assert_cmpint (merge.status, ==, 0);

  list = run_json (&after, db, "--speakers", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (element (list, 0), "articles"), ==, 3);
  aliases = json_object_get_array_member (element (list, 0), "aliases");
  g_assert_cmpuint (json_array_get_length (aliases), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (aliases, 0), ==, "Karlsson");

  /* The alias finds the speaker's speeches in a search. */
  list = run_json (&hits, db, "--search", "harbour", "--speaker", "karlsson", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (element (list, 0), "speaker"), ==,
                   "Anna Karlsson");

  rostra_test_run_rostra (&text, "-d", db, "--speakers", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Anna Karlsson (also: Karlsson)"));
}

/* --suggest-speakers: speeches without a speaker, each with its evidence;
 * nothing stored. */
static void
test_suggest (void)
{
  g_autofree char *db = new_archive ("suggest", NULL);
  g_autoptr (JsonNode) root = NULL, after = NULL, speakers = NULL;
  g_auto (RostraTestRun) edit = { 0 };
  JsonArray *list;

  /* Newest first, as --list; the surname alone becomes the full name
   * the other speech gives. */
  list = run_json (&root, db, "--suggest-speakers", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpint (json_object_get_int_member (element (list, 0), "article"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (element (list, 0), "evidence"), ==,
                   "Anna Karlsson warns");
  g_assert_cmpint (json_object_get_int_member (element (list, 1), "article"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (element (list, 1), "name"), ==, "Anna Karlsson");
  g_assert_cmpstr (json_object_get_string_member (element (list, 1), "evidence"), ==,
                   "Karlsson’s speech");
  list = run_json (&speakers, db, "--speakers", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);

  /* A speech with a speaker is no longer suggested for. */
  rostra_test_run_rostra (&edit, "-d", db, "--edit", "1", "--speaker", "Anna Karlsson", NULL);
  list = run_json (&after, db, "--suggest-speakers", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (element (list, 0), "article"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (element (list, 0), "name"), ==, "Anna Karlsson");
}

static void
test_usage (void)
{
  g_autofree char *db = new_archive ("usage", NULL);
  g_auto (RostraTestRun) combined = { 0 }, one_name = { 0 }, blank = { 0 }, alone = { 0 };

  rostra_test_run_rostra (&combined, "-d", db, "--speakers", "--list", NULL);
  g_assert_cmpint (combined.status, ==, 2);
  rostra_test_run_rostra (&one_name, "-d", db, "--merge-speaker", "Karlsson", NULL);
  g_assert_cmpint (one_name.status, ==, 2);
  rostra_test_run_rostra (&blank, "-d", db, "--list", "--speaker", " ", NULL);
  g_assert_cmpint (blank.status, ==, 2);
  rostra_test_run_rostra (&alone, "-d", db, "--speaker", "Anna Karlsson", NULL);
  g_assert_cmpint (alone.status, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-speakers/import-speaker", test_import_speaker);
  g_test_add_func ("/cli-speakers/edit", test_edit);
  g_test_add_func ("/cli-speakers/speakers-and-merge", test_speakers_and_merge);
  g_test_add_func ("/cli-speakers/suggest", test_suggest);
  g_test_add_func ("/cli-speakers/usage", test_usage);

  return g_test_run ();
}
