/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-cli-speakers.h: speakers and speech metadata on the command line. */
#pragma once

#include "rostra-store-speakers.h"

G_BEGIN_DECLS

int rostra_cli_edit (const char                  *database,
                     gint64                       article_id,
                     RostraMetadataFields         fields,
                     const RostraArticleMetadata *metadata);
int rostra_cli_list_speaker (const char *database, const char *speaker, gboolean json);
int rostra_cli_speakers (const char *database, gboolean json);
int rostra_cli_merge_speaker (const char *database, const char *from, const char *into);
int rostra_cli_suggest_speakers (const char *database, gboolean json);

G_END_DECLS
