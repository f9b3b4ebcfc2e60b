/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-store-schema.c: the archive's schema, one migration per version.
 *
 * Each step runs in its own transaction together with the
 * `PRAGMA user_version` that records it. Never edit a released step:
 * add a new one. Positions in annotations count Unicode characters of
 * articles.text, never bytes. Dates are ISO 8601 text.
 */

#include "config.h"

#include "rostra-store-private.h"
#include "rostra-store.h"

#define FTS_TOKENIZER "tokenize = 'unicode61 remove_diacritics 2'"

static const char migration_1[] =
    "CREATE TABLE imports ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  path TEXT,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  sha256 TEXT,"
    "  encoding TEXT,"
    "  format TEXT NOT NULL DEFAULT 'feed-dump',"
    "  started TEXT NOT NULL,"
    "  finished TEXT,"
    "  n_new INTEGER NOT NULL DEFAULT 0,"
    "  n_dup INTEGER NOT NULL DEFAULT 0,"
    "  n_warn INTEGER NOT NULL DEFAULT 0"
    ");"

    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL,"
    "  title TEXT NOT NULL,"
    "  source TEXT,"
    "  published TEXT,"
    "  language TEXT,"
    "  text TEXT NOT NULL,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  words INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX articles_by_published ON articles (published, id);"
    "CREATE INDEX articles_by_import ON articles (import_id);"

    "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
    "  title, text, content = 'articles', content_rowid = 'id', " FTS_TOKENIZER ");"
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"

    "CREATE TABLE annotations ("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL CHECK (start >= 0),"
    "  end INTEGER NOT NULL CHECK (end >= start),"
    "  exact TEXT NOT NULL,"
    "  prefix TEXT NOT NULL DEFAULT '',"
    "  suffix TEXT NOT NULL DEFAULT '',"
    "  color TEXT NOT NULL DEFAULT 'yellow',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  created TEXT NOT NULL,"
    "  modified TEXT NOT NULL,"
    "  orphaned INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX annotations_by_article ON annotations (article_id, start);"

    "CREATE TABLE tags ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
    ");"
    "CREATE TABLE annotation_tags ("
    "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
    "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (annotation_id, tag_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag_id);"

    "CREATE VIRTUAL TABLE annotations_fts USING fts5 ("
    "  exact, note, content = 'annotations', content_rowid = 'id', " FTS_TOKENIZER ");"
    "CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN"
    "  INSERT INTO annotations_fts (rowid, exact, note) VALUES (new.id, new.exact, new.note);"
    "END;"
    "CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN"
    "  INSERT INTO annotations_fts (annotations_fts, rowid, exact, note)"
    "    VALUES ('delete', old.id, old.exact, old.note);"
    "END;"
    "CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, note ON annotations BEGIN"
    "  INSERT INTO annotations_fts (annotations_fts, rowid, exact, note)"
    "    VALUES ('delete', old.id, old.exact, old.note);"
    "  INSERT INTO annotations_fts (rowid, exact, note) VALUES (new.id, new.exact, new.note);"
    "END;";

/* The filters list sources and languages: without these, each list
 * read the whole table (half a second at 100,000 articles). */
static const char migration_2[] = "CREATE INDEX articles_by_source ON articles (source);"
                                  "CREATE INDEX articles_by_language ON articles (language);";

/* Tags on articles (given to every article of an import, say), from
 * the same set of tag names as annotations'. */
static const char migration_3[] =
    "CREATE TABLE article_tags ("
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (article_id, tag_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX article_tags_by_tag ON article_tags (tag_id);";

/* A random (version 4) UUID in lower-case hex, as SQL: a new one for
 * each row it is evaluated for. */
#define UUID_SQL                                                                    \
  "(lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' ||" \
  " substr (lower (hex (randomblob (2))), 2) || '-' ||"                             \
  " substr ('89ab', 1 + (random () & 3), 1) ||"                                     \
  " substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))))"

/* Stable identities for articles and annotations, which row ids are
 * not: they differ between archives and after a restore. Exports name
 * things by them (`urn:uuid:…`) and the JSON backup keeps them. Rows
 * that exist get one here.
 *
 * An article's is a row of its own: a column of articles would have
 * this step rewrite every article with its text, the whole archive (17
 * seconds and as much WAL for 500 MB), on the first start after an
 * update. Every new article gets one from the trigger; the store puts a
 * backup's in its place. An annotation's is a column (its rows are
 * small): the store gives every new one its UUID, and the trigger one
 * to an annotation inserted without (by another tool). */
static const char migration_4[] =
    "CREATE TABLE article_uuids ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  uuid TEXT NOT NULL UNIQUE"
    ");"
    "INSERT INTO article_uuids (article_id, uuid) SELECT id, " UUID_SQL " FROM articles;"
    "CREATE TRIGGER articles_uuid AFTER INSERT ON articles BEGIN"
    "  INSERT INTO article_uuids (article_id, uuid) VALUES (new.id, " UUID_SQL ");"
    "END;"
    "ALTER TABLE annotations ADD COLUMN uuid TEXT;"
    "UPDATE annotations SET uuid = " UUID_SQL ";"
    "CREATE UNIQUE INDEX annotations_by_uuid ON annotations (uuid);"
    "CREATE TRIGGER annotations_uuid AFTER INSERT ON annotations WHEN new.uuid IS NULL BEGIN"
    "  UPDATE annotations SET uuid = " UUID_SQL " WHERE id = new.id;"
    "END;";

/* Who spoke, where and when (issue 15). Speakers are a managed list:
 * `folded` is the name as matching compares it (case and accents
 * ignored, see rostra_text_fold()), unique across speakers and
 * aliases, which the store checks. An article's metadata is a row of
 * its own, as its UUID is: a column of articles would have every edit
 * of a speaker (thousands at once, in bulk) rewrite the article's
 * whole text. The raw entry is kept only for articles whose text the
 * cleaning rules changed at import (see rostra-text-clean.c); `cleaned`
 * says which of the two articles.text holds now. */
static const char migration_5[] =
    "CREATE TABLE speakers ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  folded TEXT NOT NULL UNIQUE"
    ");"
    "CREATE TABLE speaker_aliases ("
    "  id INTEGER PRIMARY KEY,"
    "  speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,"
    "  alias TEXT NOT NULL,"
    "  folded TEXT NOT NULL UNIQUE"
    ");"
    "CREATE INDEX speaker_aliases_by_speaker ON speaker_aliases (speaker_id);"
    "CREATE TABLE article_meta ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,"
    "  occasion TEXT,"
    "  delivered TEXT,"
    "  memo TEXT"
    ");"
    "CREATE INDEX article_meta_by_speaker ON article_meta (speaker_id);"
    "CREATE TABLE article_raw ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  text TEXT NOT NULL,"
    "  cleaned INTEGER NOT NULL DEFAULT 1"
    ");";

/* Versions of one speech (issue 18; step 6, after the speakers' step 5): the LSH index of every
 * article's MinHash signature (see rostra-shingles.c), the pairs of versions found and verified,
 * and the translations linked by hand. The index is filled by imports and, for the articles of
 * before this step, once by a job of the engine (rostra_engine_find_versions_async()): an article
 * without a row in version_signatures is not indexed yet.
 *
 * version_signatures keeps an article's MinHash signature (the upper 16
 * bits of its 99 values, little-endian), with which a candidate's
 * similarity is estimated before its text is read, and its band keys (a
 * JSON array) so
 * that its rows of version_bands go with it, by trigger, without a
 * second index on version_bands. Pairs and links are kept both ways
 * (a row per article and other), so that an article's versions are
 * one range of the primary key; `relation` says what `other_id` is to
 * `article_id` (0 same, 1 excerpt of it, 2 contains it); `folds` marks
 * the rows whose other article stands for both in the library's "one
 * row per speech". Everything goes with its articles (foreign keys). */
static const char migration_versions[] =
    "CREATE TABLE version_signatures ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  shingles INTEGER NOT NULL,"
    "  signature BLOB NOT NULL,"
    "  bands TEXT NOT NULL DEFAULT '[]'"
    ");"
    "CREATE TABLE version_bands ("
    "  band INTEGER NOT NULL,"
    "  article_id INTEGER NOT NULL,"
    "  PRIMARY KEY (band, article_id)"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER version_signatures_delete AFTER DELETE ON version_signatures BEGIN"
    "  DELETE FROM version_bands WHERE article_id = old.article_id"
    "    AND band IN (SELECT value FROM json_each (old.bands));"
    "END;"
    "CREATE TABLE version_pairs ("
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  other_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  relation INTEGER NOT NULL CHECK (relation IN (0, 1, 2)),"
    "  similarity REAL NOT NULL,"
    "  folds INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (article_id, other_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX version_pairs_by_other ON version_pairs (other_id);"
    "CREATE TABLE translation_links ("
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  other_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  created TEXT NOT NULL,"
    "  PRIMARY KEY (article_id, other_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX translation_links_by_other ON translation_links (other_id);";

const char *const rostra_store_migrations[] = {
  migration_1, migration_2, migration_3, migration_4, migration_5, migration_versions,
};

const guint rostra_store_n_migrations = G_N_ELEMENTS (rostra_store_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (rostra_store_migrations) == ROSTRA_STORE_SCHEMA_VERSION);
