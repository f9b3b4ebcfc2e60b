/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stub, being written. */
#include "config.h"

#include "rostra-reader.h"

struct _RostraReader
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RostraReader, rostra_reader, GTK_TYPE_WIDGET)

static void
rostra_reader_class_init (RostraReaderClass *klass)
{
}

static void
rostra_reader_init (RostraReader *self)
{
}
