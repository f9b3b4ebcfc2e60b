/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-tag-completion.h: the archive's tags offered as the user types. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_TAG_COMPLETION (rostra_tag_completion_get_type ())
G_DECLARE_FINAL_TYPE (RostraTagCompletion, rostra_tag_completion, ROSTRA, TAG_COMPLETION, GObject)

RostraTagCompletion *rostra_tag_completion_attach (GtkWidget *entry);
RostraTagCompletion *rostra_tag_completion_get_for (GtkWidget *entry);
void rostra_tag_completion_set_names (RostraTagCompletion *self, const char *const *names);
const char *const *rostra_tag_completion_get_names (RostraTagCompletion *self);
void     rostra_tag_completion_set_excluded (RostraTagCompletion *self, const char *const *names);
gboolean rostra_tag_completion_get_shown (RostraTagCompletion *self);
void     rostra_tag_completion_hide (RostraTagCompletion *self);
char   **rostra_tag_completion_parse (const char *text);

G_END_DECLS
