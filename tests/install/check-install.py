#!/usr/bin/env python3
# check-install.py: `meson install` into a DESTDIR, then check what landed
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py BUILD_DIR PREFIX BINDIR LIBEXECDIR DATADIR MANDIR HAVE_APP
# (directories as meson configured them, relative to PREFIX or absolute).
# TAP output, one test per check. The validators are the ones the issue
# names: desktop-file-validate, appstreamcli validate --no-net,
# glib-compile-schemas --strict; the polkit policy is read with xmllint
# when it is there and with Python's XML parser always.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

APP_ID = 'io.github.mapscope.Mapscope'
ACTION_ID = APP_ID + '.read-maps'
CLI = 'mapscope-cli'

results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def check_tool(name, argv):
    if shutil.which(argv[0]) is None:
        results.append((name, None, argv[0] + ' is not installed'))
        return
    result = run(argv)
    check(name, result.returncode == 0, result.stdout)


def main():
    build_dir, prefix, bindir, libexecdir, datadir, mandir, have_app = sys.argv[1:8]
    have_app = have_app == 'true'

    with tempfile.TemporaryDirectory(prefix='mapscope-install-') as destdir:
        result = run(['meson', 'install', '-C', build_dir, '--destdir', destdir,
                      '--no-rebuild', '--quiet'])
        check('meson install into a DESTDIR', result.returncode == 0, result.stdout)

        def installed(directory, *names):
            return os.path.join(destdir + os.path.join(prefix, directory), *names)

        helper = installed(libexecdir, 'mapscope-read-maps')
        desktop = installed(datadir, 'applications', APP_ID + '.desktop')
        metainfo = installed(datadir, 'metainfo', APP_ID + '.metainfo.xml')
        schema = installed(datadir, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml')
        mime = installed(datadir, 'mime', 'packages', APP_ID + '.xml')
        policy = installed(datadir, 'polkit-1', 'actions', APP_ID + '.policy')
        completion = installed(datadir, 'bash-completion', 'completions', CLI)
        expected = {
            'the CLI': installed(bindir, CLI),
            'the helper': helper,
            'the polkit policy': policy,
            'the man page': installed(mandir, 'man1', CLI + '.1'),
            'the bash completion': completion,
        }
        if have_app:
            expected.update({
                'the application': installed(bindir, 'mapscope'),
                'the desktop file': desktop,
                'the metainfo': metainfo,
                'the GSettings schema': schema,
                'the session MIME type': mime,
                'the icon': installed(datadir, 'icons', 'hicolor', 'scalable', 'apps',
                                      APP_ID + '.svg'),
                'the symbolic icon': installed(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                                               APP_ID + '-symbolic.svg'),
            })
        for what, path in expected.items():
            check('installs ' + what, os.path.isfile(path), path + ' is missing')

        for what in ('the CLI', 'the helper', 'the application'):
            if what in expected:
                check(what + ' is executable', os.access(expected[what], os.X_OK))

        if have_app:
            check_tool('desktop-file-validate', ['desktop-file-validate', desktop])
            check_tool('appstreamcli validate --no-net',
                       ['appstreamcli', 'validate', '--no-net', metainfo])
            check_mime(mime, desktop)
            with tempfile.TemporaryDirectory() as schemas:
                shutil.copy(schema, schemas)
                check_tool('glib-compile-schemas --strict',
                           ['glib-compile-schemas', '--strict', '--dry-run', schemas])

        check_policy(policy, os.path.join(prefix, libexecdir, 'mapscope-read-maps'))
        check_helper(helper)
        check_completion(completion, installed(bindir, CLI))

    print('1..%d' % len(results))
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print('ok %d %s # SKIP %s' % (number, name, detail))
            continue
        print('%s %d %s' % ('ok' if ok else 'not ok', number, name))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print('# ' + line)
    return 1 if failed else 0


def check_mime(mime, desktop):
    """The session type: *.mapscope, a kind of gzip, named by the desktop
    file, and a database update-mime-database can build."""
    namespace = '{http://www.freedesktop.org/standards/shared-mime-info}'
    try:
        mime_type = ElementTree.parse(mime).getroot().find(namespace + 'mime-type')
    except (OSError, ElementTree.ParseError) as error:
        check('the MIME type file parses', False, str(error))
        return
    name = mime_type.get('type') if mime_type is not None else None
    check('the session MIME type is application/x-mapscope-session',
          name == 'application/x-mapscope-session', str(name))
    globs = [glob.get('pattern') for glob in mime_type.iter(namespace + 'glob')]
    check('sessions are matched by *.mapscope', globs == ['*.mapscope'], str(globs))
    parents = [parent.get('type') for parent in mime_type.iter(namespace + 'sub-class-of')]
    check('a session is a kind of gzip file', parents == ['application/gzip'], str(parents))
    with open(desktop, encoding='utf-8') as f:
        mime_lines = [line.strip() for line in f if line.startswith('MimeType=')]
    check('the desktop file opens sessions', mime_lines == ['MimeType=%s;' % name], str(mime_lines))
    if shutil.which('update-mime-database') is None:
        check('update-mime-database builds a database with it', None, 'update-mime-database not found')
        return
    with tempfile.TemporaryDirectory() as database:
        os.makedirs(os.path.join(database, 'packages'))
        shutil.copy(mime, os.path.join(database, 'packages'))
        result = run(['update-mime-database', database])
        globs_file = os.path.join(database, 'globs2')
        built = os.path.isfile(globs_file) and name in open(globs_file, encoding='utf-8').read()
        check('update-mime-database builds a database with it', result.returncode == 0 and built,
              result.stdout)


def check_policy(policy, helper_path):
    check_tool('xmllint reads the polkit policy', ['xmllint', '--noout', policy])
    try:
        root = ElementTree.parse(policy).getroot()
    except (OSError, ElementTree.ParseError) as error:
        check('the polkit policy parses', False, str(error))
        return
    actions = root.findall('action')
    check('the policy has one action, ' + ACTION_ID,
          [action.get('id') for action in actions] == [ACTION_ID],
          repr([action.get('id') for action in actions]))
    if not actions:
        return
    action = actions[0]
    exec_paths = [annotate.text for annotate in action.findall('annotate')
                  if annotate.get('key') == 'org.freedesktop.policykit.exec.path']
    check('the action allows the installed helper only', exec_paths == [helper_path],
          '%r, expected [%r]' % (exec_paths, helper_path))
    defaults = {child.tag: child.text for child in action.find('defaults')}
    check('the action asks for an administrator, kept for a while on the active session',
          defaults == {'allow_any': 'auth_admin', 'allow_inactive': 'auth_admin',
                       'allow_active': 'auth_admin_keep'}, repr(defaults))
    check('the action has a message for the authentication dialog',
          action.find('message') is not None and action.find('message').text)


def check_helper(helper):
    result = run([helper, '01', 'smaps'])
    check('the installed helper refuses a bad pid', result.returncode == 64, result.stdout)
    result = run([helper, '1', '/etc/shadow'])
    check('the installed helper refuses a path', result.returncode == 64, result.stdout)
    result = run([helper, str(os.getpid()), 'status'])
    check('the installed helper copies a status file',
          result.returncode == 0 and result.stdout.startswith('Name:'), result.stdout)


def complete(completion, words):
    """What the completion offers for the last of @words."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
              '_mapscope_cli; printf "%s\\n" "${COMPREPLY[@]}"')
    result = run(['bash', '--norc', '--noprofile', '-c', script, 'bash', completion] + words)
    return result.returncode, result.stdout.split()


def check_completion(completion, cli):
    result = run(['bash', '--norc', '--noprofile', '-c',
                  'source "$1" && complete -p mapscope-cli', 'bash', completion])
    check('the completion loads in bash and completes mapscope-cli',
          result.returncode == 0 and '_mapscope_cli' in result.stdout, result.stdout)

    status, offered = complete(completion, [CLI, 'reg'])
    check('the completion completes a subcommand', status == 0 and offered == ['regions'],
          repr(offered))
    status, offered = complete(completion, [CLI, 'ps', '--sort', ''])
    check('the completion offers the sort keys of ps',
          offered == ['rss', 'pss', 'swap', 'pid', 'name'], repr(offered))

    # Every command and every long option the CLI documents is offered.
    commands = re.findall(r'^  (\w+)  ', run([cli, '--help']).stdout, re.MULTILINE)
    status, offered = complete(completion, [CLI, ''])
    check('the completion offers every command of mapscope-cli --help',
          commands and set(commands) <= set(offered),
          'documented %r, offered %r' % (commands, offered))
    for command in commands:
        if command == 'help':
            continue
        documented = set(re.findall(r'(--[a-z][a-z-]*)', run([cli, command, '--help']).stdout))
        status, offered = complete(completion, [CLI, command, '--'])
        missing = documented - set(offered)
        check('the completion offers every option of ' + command, documented and not missing,
              'missing ' + ' '.join(sorted(missing)))


if __name__ == '__main__':
    sys.exit(main())
