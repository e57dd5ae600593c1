#!/bin/sh
# Writes anima(1) in roff to stdout from the program's own --help texts (top level and every subcommand), so the
# man page can never disagree with the CLI. $1 is the command that runs anima (e.g. a qemu wrapper function name
# exported by the caller, or a path). swift-argument-parser's generate-manual plugin would need a second host build.
set -eu
run=$1
escape() { sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"; }
version=$($run --version)
printf '.TH ANIMA 1 "" "anima %s" "User Commands"\n' "$version"
printf '.SH NAME\nanima \\- a small creature that draws on a Raspberry Pi display\n'
printf '.SH SYNOPSIS\n.nf\n'
$run --help | escape
printf '.fi\n'
subcommands=$($run --help | awk '/^SUBCOMMANDS:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ && seen {exit} on {seen=1}')
for sub in $subcommands; do
    printf '.SH "anima %s"\n.nf\n' "$sub"
    $run help "$sub" 2>/dev/null | escape || true
    printf '.fi\n'
done
printf '.SH FILES\n.TP\n/etc/anima/anima.toml\nsettings (a conffile; `anima flash` edits it)\n.TP\n/usr/share/anima/boards\nboard files\n.TP\n/var/lib/anima\nthe creature: anima.db, canvas, drawings (kept on purge)\n'
printf '.SH SEE ALSO\n/usr/share/doc/anima/deploy.md, journalctl -u anima\n'
