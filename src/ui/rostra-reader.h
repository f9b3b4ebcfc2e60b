/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-reader.h: the reading pane, showing one speech. */
#pragma once

#include <adwaita.h>

#include "rostra-annotation.h"
#include "rostra-article.h"

G_BEGIN_DECLS

#define ROSTRA_TYPE_READER (rostra_reader_get_type ())
G_DECLARE_FINAL_TYPE (RostraReader, rostra_reader, ROSTRA, READER, GtkWidget)

RostraReader  *rostra_reader_new (void);
void           rostra_reader_set_article (RostraReader *self, RostraArticle *article);
RostraArticle *rostra_reader_get_article (RostraReader *self);
void           rostra_reader_set_search_terms (RostraReader *self, const char *const *terms);
guint          rostra_reader_get_n_matches (RostraReader *self);
int            rostra_reader_get_current_match (RostraReader *self);
gboolean       rostra_reader_next_match (RostraReader *self);
gboolean       rostra_reader_previous_match (RostraReader *self);
double         rostra_reader_get_zoom (RostraReader *self);
void           rostra_reader_set_zoom (RostraReader *self, double zoom);
GtkTextView   *rostra_reader_get_text_view (RostraReader *self);
int            rostra_reader_get_text_offset (RostraReader *self);
char          *rostra_reader_dup_quotation (RostraReader *self);

void     rostra_reader_set_annotations (RostraReader *self, GListModel *annotations);
gboolean rostra_reader_get_selection (RostraReader *self, guint *start, guint *end);
void     rostra_reader_select_annotation (RostraReader *self, RostraAnnotation *annotation);
RostraAnnotation *rostra_reader_get_selected_annotation (RostraReader *self);
RostraAnnotation *rostra_reader_annotation_at (RostraReader *self, guint article_offset);
const char       *rostra_reader_get_highlight_color (RostraReader *self);
void              rostra_reader_set_highlight_color (RostraReader *self, const char *color);

const char *rostra_reader_get_font_family (RostraReader *self);
void        rostra_reader_set_font_family (RostraReader *self, const char *family);
int         rostra_reader_get_font_size (RostraReader *self);
void        rostra_reader_set_font_size (RostraReader *self, int size);
double      rostra_reader_get_line_spacing (RostraReader *self);
void        rostra_reader_set_line_spacing (RostraReader *self, double spacing);

G_END_DECLS
