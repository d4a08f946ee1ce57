/* mapscope-cli-report.h: "mapscope-cli report"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int mapscope_cli_report_run (int    argc,
                             char **argv);
