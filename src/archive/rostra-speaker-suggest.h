/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rostra-speaker-suggest.h: who gave a speech, suggested from its title and lead. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RostraSpeakerSuggestion:
 * @name: the speaker suggested: a known speaker's name when one matches
 * @evidence: the phrase of the title or lead it came from, as written
 *   there: `Lavrov’s speech`, `by Sergey Lavrov`, `Lavrov:`
 * @rule: the rule that found it: `possessive`, `colon`, `verb`,
 *   `byline`, `known` (a known speaker or alias), with `lead-` before
 *   it when found in the lead rather than the title
 *
 * A suggestion, never stored until the user accepts it.
 */
typedef struct
{
  char       *name;
  char       *evidence;
  const char *rule;
} RostraSpeakerSuggestion;

void rostra_speaker_suggestion_free (RostraSpeakerSuggestion *suggestion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraSpeakerSuggestion, rostra_speaker_suggestion_free)

typedef struct _RostraSpeakerSuggester RostraSpeakerSuggester;

RostraSpeakerSuggester *rostra_speaker_suggester_new (void);
void                    rostra_speaker_suggester_free (RostraSpeakerSuggester *self);
void                    rostra_speaker_suggester_add_known (RostraSpeakerSuggester *self,
                                                            const char             *name,
                                                            const char *const      *aliases);
guint
rostra_speaker_suggester_add (RostraSpeakerSuggester *self, const char *title, const char *text);
GPtrArray *rostra_speaker_suggester_finish (RostraSpeakerSuggester *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RostraSpeakerSuggester, rostra_speaker_suggester_free)

RostraSpeakerSuggestion *rostra_speaker_suggest (const char *title, const char *text);

G_END_DECLS
