/* mapscope-cli-commands.h: "mapscope-cli commands"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int mapscope_cli_commands_run (int    argc,
                               char **argv);
