/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-archive-problem.h: the page shown when the archive cannot be opened. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTRA_TYPE_ARCHIVE_PROBLEM (rostra_archive_problem_get_type ())
G_DECLARE_FINAL_TYPE (RostraArchiveProblem, rostra_archive_problem, ROSTRA, ARCHIVE_PROBLEM, AdwBin)

gboolean rostra_archive_problem_is_the_file (const GError *error);
void     rostra_archive_problem_show (RostraArchiveProblem *self, const GError *error);
void     rostra_archive_problem_set_trying (RostraArchiveProblem *self, gboolean trying);

G_END_DECLS
