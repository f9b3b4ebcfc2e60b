/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speaker.h: a speaker of the archive, their aliases and number of speeches. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_SPEAKER (rostra_speaker_get_type ())
G_DECLARE_FINAL_TYPE (RostraSpeaker, rostra_speaker, ROSTRA, SPEAKER, GObject)

RostraSpeaker *rostra_speaker_new (gint64 id, const char *name, GStrv aliases, guint n_articles);
gint64         rostra_speaker_get_id (RostraSpeaker *self);
const char    *rostra_speaker_get_name (RostraSpeaker *self);
const char *const *rostra_speaker_get_aliases (RostraSpeaker *self);
guint              rostra_speaker_get_n_articles (RostraSpeaker *self);

G_END_DECLS
