/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-article-row.c: one article in the library list.
 *
 * The child of each row of the library's GtkListView: the title on at
 * most two lines, a line with the date, source, language and number of
 * annotations, and the search snippet when there is one. Rows are
 * recycled, so rostra_article_row_set_article() sets every part anew.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rostra-article-row.h"
#include "rostra-language.h"
#include "rostra-text.h"
#include "rostra-ui-utils.h"

struct _RostraArticleRow
{
  GtkWidget parent_instance;

  RostraArticle *article;

  GtkLabel  *title_label;
  GtkLabel  *date_label;
  GtkLabel  *source_label;
  GtkLabel  *speaker_label;
  GtkLabel  *language_label;
  GtkWidget *annotations_box;
  GtkLabel  *annotations_label;
  GtkLabel  *snippet_label;
};

G_DEFINE_FINAL_TYPE (RostraArticleRow, rostra_article_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The languages rostra_language_guess() knows, by ISO 639-1 code. */
/* The translated name of the language @code, or a sentence with the
 * code itself for a language Rostra has no name for. */
static char *
dup_language_name (const char *code)
{
  const char *name = rostra_language_get_name (code);

  if (name != code)
    return g_strdup (name);
  /* Translators: the tooltip of the language badge of an article in a
   * language without a name in Rostra; %s is its code, such as “pt”. */
  return g_strdup_printf (_("Language “%s”"), code);
}

/* The publication date in the user's locale, or “No date”. */
static char *
dup_date_text (RostraArticle *article)
{
  char *text = rostra_article_dup_date_label (article, TRUE);

  return text ? text : g_strdup (_("No date"));
}

static void
update_accessible_label (RostraArticleRow *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *label = NULL;
  GtkLabel        *labels[] = { self->title_label, self->date_label, self->speaker_label,
                                self->source_label };

  if (self->article == NULL)
    {
      rostra_ui_set_row_name (GTK_WIDGET (self), NULL);
      return;
    }

  /* What a screen reader says for a speech in the library list: its
   * title, date, speaker and source, those it has. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (*gtk_label_get_text (labels[i]) != '\0')
      g_ptr_array_add (parts, (gpointer) gtk_label_get_text (labels[i]));
  g_ptr_array_add (parts, NULL);
  label = g_strjoinv (", ", (char **) parts->pdata);
  rostra_ui_set_row_name (GTK_WIDGET (self), label);
}

/* Sets every part of the row, from nothing when there is no article,
 * so nothing is left over from the article the row showed before. */
static void
update (RostraArticleRow *self)
{
  RostraArticle   *article = self->article;
  const char      *title = NULL;
  const char      *source = NULL;
  const char      *speaker = NULL;
  const char      *language = NULL;
  const char      *snippet = NULL;
  guint            n_annotations = 0;
  g_autofree char *date = NULL;
  g_autofree char *language_code = NULL;
  g_autofree char *language_name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_tooltip = NULL;
  g_autofree char *snippet_markup = NULL;

  if (article != NULL)
    {
      title = rostra_article_get_title (article);
      if (title == NULL || *title == '\0')
        title = _("Untitled");
      source = rostra_article_get_source (article);
      speaker = rostra_article_get_speaker (article);
      language = rostra_article_get_language (article);
      n_annotations = rostra_article_get_n_annotations (article);
      snippet = rostra_article_get_snippet (article);
      date = dup_date_text (article);
    }

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  gtk_label_set_text (self->source_label, source != NULL ? source : "");
  gtk_label_set_text (self->speaker_label, speaker != NULL ? speaker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->speaker_label), speaker != NULL && *speaker != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->speaker_label),
                               speaker != NULL && *speaker != '\0' ? speaker : NULL);
  /* The full source when the line is too short for it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label),
                               source != NULL && *source != '\0' ? source : NULL);

  if (language != NULL && *language != '\0')
    {
      language_code = g_utf8_strup (language, -1);
      language_name = dup_language_name (language);
    }
  gtk_label_set_text (self->language_label, language_code != NULL ? language_code : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_label), language_name);
  gtk_widget_set_visible (GTK_WIDGET (self->language_label), language_code != NULL);

  if (n_annotations > 0)
    {
      count = g_strdup_printf ("%u", n_annotations);
      count_tooltip = g_strdup_printf (ngettext ("%u annotation", "%u annotations", n_annotations),
                                       n_annotations);
    }
  gtk_label_set_text (self->annotations_label, count != NULL ? count : "");
  gtk_widget_set_tooltip_text (self->annotations_box, count_tooltip);
  gtk_widget_set_visible (self->annotations_box, n_annotations > 0);

  if (snippet != NULL && *snippet != '\0')
    snippet_markup = rostra_text_snippet_to_markup (snippet);
  gtk_label_set_markup (self->snippet_label, snippet_markup != NULL ? snippet_markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), snippet_markup != NULL);

  update_accessible_label (self);
}

static void
rostra_article_row_dispose (GObject *object)
{
  RostraArticleRow *self = (RostraArticleRow *) object;
  GtkWidget        *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTRA_TYPE_ARTICLE_ROW);
  /* The template's box holds the labels but has no id: not one of the
   * children gtk_widget_dispose_template() unparents. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (rostra_article_row_parent_class)->dispose (object);
}

static void
rostra_article_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RostraArticleRow *self = ROSTRA_ARTICLE_ROW (object);

  switch (prop_id)
    {
      case PROP_ARTICLE:
        g_value_set_object (value, self->article);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_article_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RostraArticleRow *self = ROSTRA_ARTICLE_ROW (object);

  switch (prop_id)
    {
      case PROP_ARTICLE:
        rostra_article_row_set_article (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rostra_article_row_class_init (RostraArticleRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rostra_article_row_dispose;
  object_class->get_property = rostra_article_row_get_property;
  object_class->set_property = rostra_article_row_set_property;

  /**
   * RostraArticleRow:article: (nullable)
   *
   * The article the row shows.
   */
  properties[PROP_ARTICLE] =
      g_param_spec_object ("article", NULL, NULL, ROSTRA_TYPE_ARTICLE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rostra/Rostra/rostra-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, language_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, annotations_box);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, annotations_label);
  gtk_widget_class_bind_template_child (widget_class, RostraArticleRow, snippet_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articlerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rostra_article_row_init (RostraArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rostra_ui_name_controls (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rostra_article_row_new (void)
{
  return g_object_new (ROSTRA_TYPE_ARTICLE_ROW, NULL);
}

/**
 * rostra_article_row_set_article:
 * @article: (nullable): the article to show, %NULL for none
 *
 * Shows @article, every part of the row set anew.
 */
void
rostra_article_row_set_article (RostraArticleRow *self, RostraArticle *article)
{
  g_return_if_fail (ROSTRA_IS_ARTICLE_ROW (self));
  g_return_if_fail (article == NULL || ROSTRA_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

/**
 * rostra_article_row_get_article:
 *
 * Returns: (transfer none) (nullable): the article the row shows
 */
RostraArticle *
rostra_article_row_get_article (RostraArticleRow *self)
{
  g_return_val_if_fail (ROSTRA_IS_ARTICLE_ROW (self), NULL);
  return self->article;
}
