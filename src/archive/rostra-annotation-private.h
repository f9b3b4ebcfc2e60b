/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-annotation-private.h: what only the store sets on annotations. */
#pragma once

#include "rostra-annotation.h"

G_BEGIN_DECLS

void _rostra_annotation_set_saved (RostraAnnotation *self,
                                   gint64            id,
                                   const char       *uuid,
                                   const char       *created,
                                   const char       *modified);
void
_rostra_annotation_set_anchor (RostraAnnotation *self, guint start, guint end, gboolean orphaned);
void _rostra_annotation_set_citation (RostraAnnotation *self,
                                      const char       *title,
                                      const char       *source,
                                      const char       *published);

void _rostra_annotation_set_speaker (RostraAnnotation *self, const char *speaker);

G_END_DECLS
