/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_READER (rostra_reader_get_type ())
G_DECLARE_FINAL_TYPE (RostraReader, rostra_reader, ROSTRA, READER, GtkWidget)

G_END_DECLS
