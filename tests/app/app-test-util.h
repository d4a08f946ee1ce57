/* app-test-util.h: what the tests of the application window share
 *
 * One application per test program, registered but not unique, whose
 * windows open fixtures the way `mapscope FILE...` does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gtk-test-util.h"
#include "mapscope-application.h"
#include "mapscope-process-picker.h"
#include "mapscope-window-private.h"

G_BEGIN_DECLS

/* How long loading a fixture may take, under the sanitizers too. */
#define APP_TEST_TIMEOUT_SECONDS 60

MapscopeApplication *mapscope_app_test_init            (int                 *argc,
                                                        char              ***argv);
GFile               *mapscope_app_test_fixture_file    (const char          *name);
MapscopeWindow      *mapscope_app_test_get_window      (MapscopeApplication *app);
void                 mapscope_app_test_wait_for_loading (MapscopeWindow     *window);
MapscopeWindow      *mapscope_app_test_open_fixtures   (MapscopeApplication *app,
                                                        const char * const  *names,
                                                        const char          *hint);
void                 mapscope_app_test_close_windows   (MapscopeApplication *app);
char                *mapscope_app_test_dup_toast_text  (MapscopeWindow      *window);
gboolean             mapscope_app_test_select_self     (MapscopeProcessPicker *picker);

G_END_DECLS
