/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-archive.h: the benchmarks' archive of invented speeches. */
#pragma once

#include "rostra-store.h"

G_BEGIN_DECLS

/* What a search should find, counted as the archive is written */
typedef struct
{
  char    *typed;
  char   **tokens; /* lower case */
  gboolean phrase; /* all tokens in a row; else one word, matched as a prefix */
  guint    expected;
} Expectation;

typedef struct
{
  gdouble total_s;
  gdouble insert_s; /* in rostra_store_add_article() */
  gdouble commit_s;
  gdouble close_s; /* closing the connection checkpoints the WAL */
  guint64 text_bytes;
} GenerateStats;

/* Sees each article's text as it is written */
typedef void (*BenchArticleFunc) (const char *text, const char *language, gpointer data);

void  expectation_init (Expectation *e, const char *typed);
char *generate_archive (guint            n,
                        Expectation     *expectations,
                        guint            n_expectations,
                        BenchArticleFunc func,
                        gpointer         func_data,
                        GenerateStats   *stats,
                        GError         **error);

G_END_DECLS
