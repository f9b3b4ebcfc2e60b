/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-versions.h: versions of one speech: found by shingles, or translations linked by hand. */
#pragma once

#include <gio/gio.h>

#include "rostra-annotation.h"
#include "rostra-store.h"

G_BEGIN_DECLS

/* Verified thresholds (see "Versions" in docs/ARCHITECTURE.md). */
#define ROSTRA_VERSIONS_SAME_RESEMBLANCE    0.8
#define ROSTRA_VERSIONS_EXCERPT_CONTAINMENT 0.9
#define ROSTRA_VERSIONS_EXCERPT_MIN_WORDS   50

/* Articles indexed per transaction by the pass over an existing
 * archive: each commit waits for the disk (synchronous = FULL), and
 * batches of 256 spent as much time in the kernel as in Rostra. */
#define ROSTRA_VERSIONS_BATCH 1024

/**
 * RostraVersionRelation:
 * @ROSTRA_VERSION_SAME: the same text (resemblance at or above the threshold)
 * @ROSTRA_VERSION_EXCERPT: the other is an excerpt of this one
 * @ROSTRA_VERSION_CONTAINS: this one is an excerpt of the other
 * @ROSTRA_VERSION_TRANSLATION: linked by hand as a translation
 *
 * What another version is to a speech. The values of the first three
 * are stored (version_pairs.relation).
 */
typedef enum
{
  ROSTRA_VERSION_SAME = 0,
  ROSTRA_VERSION_EXCERPT = 1,
  ROSTRA_VERSION_CONTAINS = 2,
  ROSTRA_VERSION_TRANSLATION = 3,
} RostraVersionRelation;

const char *rostra_version_relation_to_string (RostraVersionRelation relation);
const char *rostra_version_relation_get_label (RostraVersionRelation relation);

/**
 * RostraVersion:
 * @id: the other speech
 * @title: its title
 * @source: (nullable): its outlet
 * @published: (nullable): its date
 * @language: (nullable): its language
 * @relation: what it is to the speech asked about
 * @similarity: the verified resemblance (same) or containment of the
 *   shorter text in the longer (excerpt, contains), 0 to 1; 0 for a
 *   translation
 */
typedef struct
{
  gint64                id;
  char                 *title;
  char                 *source;
  char                 *published;
  char                 *language;
  RostraVersionRelation relation;
  double                similarity;
} RostraVersion;

void rostra_version_free (RostraVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraVersion, rostra_version_free)

/**
 * RostraVersionAnnotation:
 * @annotation: the annotation, as it is on the version it was made on
 *   (edit it there: it is the same annotation)
 * @version: the version it was made on (its id, outlet, relation…)
 * @found: whether its passage is in the speech asked about
 * @start: where, when @found (Unicode characters of this speech's text)
 * @end: the passage's end, when @found
 */
typedef struct
{
  RostraAnnotation *annotation;
  RostraVersion    *version;
  gboolean          found;
  guint             start;
  guint             end;
} RostraVersionAnnotation;

void rostra_version_annotation_free (RostraVersionAnnotation *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraVersionAnnotation, rostra_version_annotation_free)

typedef struct _RostraVersionIndex RostraVersionIndex;

RostraVersionIndex *rostra_version_index_new (RostraStore *store);
gboolean            rostra_version_index_add (RostraVersionIndex *index,
                                              gint64              article_id,
                                              const char         *text,
                                              const char         *language,
                                              GError            **error);
gboolean            rostra_version_index_flush (RostraVersionIndex *index, GError **error);
void                rostra_version_index_free (RostraVersionIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraVersionIndex, rostra_version_index_free)

gboolean   rostra_store_index_versions (RostraStore *self,
                                        gint64       article_id,
                                        const char  *text,
                                        const char  *language,
                                        GError     **error);
gint64     rostra_store_count_versions_pending (RostraStore *self, GError **error);
gboolean   rostra_store_index_versions_pending (RostraStore  *self,
                                                gint64       *cursor,
                                                guint         limit,
                                                GCancellable *cancellable,
                                                guint        *n_indexed,
                                                GError      **error);
GPtrArray *rostra_store_list_versions (RostraStore *self, gint64 article_id, GError **error);
gboolean   rostra_store_link_translation (RostraStore *self,
                                          gint64       article_id,
                                          gint64       other_id,
                                          GError     **error);
gboolean   rostra_store_unlink_versions (RostraStore *self,
                                         gint64       article_id,
                                         gint64       other_id,
                                         guint       *n_removed,
                                         GError     **error);
GArray *
rostra_store_count_versions (RostraStore *self, const gint64 *ids, guint n_ids, GError **error);
GArray *rostra_store_list_translation_links (RostraStore *self, GError **error);
GPtrArray *
rostra_store_list_version_annotations (RostraStore *self, gint64 article_id, GError **error);

G_END_DECLS
