/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-importer-private.h: the importer's formats. */
#pragma once

#include <json-glib/json-glib.h>

#include "rostra-importer.h"
#include "rostra-speaker-suggest.h"
#include "rostra-versions.h"

G_BEGIN_DECLS

/* How one file is being read: imported, or previewed. */
typedef struct
{
  const char *const      *tags;           /* given to each new article */
  guint                   max_entries;    /* entries to keep in the report (previews) */
  gboolean                preview;        /* write nothing */
  GHashTable             *seen;           /* previews: content hashes met in the file */
  const char             *speaker;        /* given to each new article */
  GHashTable             *entry_speakers; /* line → speaker, before @speaker */
  RostraSpeakerSuggester *suggester;      /* previews: for the entries kept in the report */
  RostraVersionIndex     *versions;       /* imports: the new articles' versions */
} RostraImportRun;

gboolean _rostra_import_entry_done (RostraImportRun    *run,
                                    RostraStore        *store,
                                    RostraImportReport *report,
                                    const char         *title,
                                    const char         *source,
                                    const char         *published,
                                    const char         *language,
                                    guint               line,
                                    gint64              new_id,
                                    GError            **error);
void _rostra_import_report_warn (RostraImportReport *report, guint line, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
gboolean _rostra_import_backup (RostraStore        *store,
                                GInputStream       *stream,
                                RostraImportReport *report,
                                RostraImportRun    *run,
                                GCancellable       *cancellable,
                                GError            **error);

const char *_rostra_import_json_string (JsonObject *object, const char *member);
gboolean    _rostra_import_backup_speakers (RostraStore        *store,
                                            RostraImportReport *report,
                                            JsonArray          *speakers,
                                            GError            **error);
gboolean    _rostra_import_backup_metadata (RostraStore        *store,
                                            RostraImportReport *report,
                                            gint64              article_id,
                                            JsonObject         *object,
                                            gboolean            is_new,
                                            GError            **error);

G_END_DECLS
