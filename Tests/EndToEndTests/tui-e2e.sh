#!/usr/bin/env bash
# End-to-end: the real flaketui binary in tmux, driven by keys, read with capture-pane.
# Usage: tui-e2e.sh <flaketui binary> <log folder>. Prints "N passed, M failed"; exits non-zero on failure.
set -uo pipefail
BIN=$1
LOGS=$2
export LANG=C.UTF-8
S="flaketui-e2e-$$-$RANDOM"
passed=0
failed=0
trap 'tmux kill-session -t "$S" 2>/dev/null' EXIT

screen() { tmux capture-pane -p -t "$S"; }
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; echo "----- screen -----"; screen; echo "------------------"; }
# Polls the screen (never a fixed sleep) until the fixed string appears, for up to 10 s.
wait_for() {
    for _ in $(seq 100); do screen | grep -qF -- "$1" && { ok "$2"; return 0; }; sleep 0.1; done
    fail "$2 (waited for: $1)"; return 1
}
selected_row() { screen | grep -m1 '^▸'; }

# The pane's shell reports the exit code and whether the tty is back in canonical, echoing mode.
tmux new-session -d -s "$S" -x 120 -y 40 \
    "'$BIN' '$LOGS'; echo EXIT=\$?; stty -a | tr ' ;' '\n\n' | grep -xE -- '-?(icanon|echo)' | tr '\n' ' ' | sed 's/^/TTY=/'; echo; sleep 60"

wait_for "RUNS WITH IT / RUNS PER ARCH" "overview shows the group list"
wait_for "with a race" "overview header shows runs with a race per arch"
wait_for "1/" "status line shows the position"
wait_for "· sort impact · arch all" "status line shows sort and arch filter"

# Move down until the Handler race (initHandler) is selected.
for i in $(seq 2 9); do
    selected_row | grep -q "initHandler" && break
    tmux send-keys -t "$S" j
    wait_for "row $i/" "j moves the selection to row $i" || break
done
selected_row | grep -q "race.*initHandler" && ok "the Handler race is selected" || fail "the Handler race is selected"

tmux send-keys -t "$S" Enter
wait_for "opened race" "Enter drills into the race"
wait_for "current: " "current access stack is shown"
wait_for "previous: " "previous access stack is shown"
wait_for "Per architecture" "per-arch table is shown"
screen | grep -q "Fisher exact p" && ok "Fisher p-value is shown" || fail "Fisher p-value is shown"

tmux send-keys -t "$S" Tab
wait_for "pane: previous" "Tab switches to the previous-access pane"
tmux send-keys -t "$S" Tab
wait_for "pane: details" "Tab switches to the details pane"

tmux send-keys -t "$S" Escape
wait_for "back from groupDetail to overview" "Esc goes back to the overview"

tmux send-keys -t "$S" / O r p h a n
wait_for "/Orphan" "the filter prompt shows what is typed"
wait_for "· 1 match" "typing a filter narrows the list as one types"
[ "$(screen | grep -c '^[▸ ] \(race\|fail\|panic\|timeout\|build\) ')" = 1 ] && ok "one row left" || fail "one row left"
tmux send-keys -t "$S" Enter
wait_for "filter \"Orphan\" kept" "Enter keeps the filter"
tmux send-keys -t "$S" Escape
wait_for "filter cleared" "Esc clears the filter"

tmux resize-window -t "$S" -x 60 -y 15
wait_for "resized to 60x15" "the layout follows a resize to 60x15"
fits() { while IFS= read -r line; do [ "${#line}" -le "$1" ] || return 1; done; }
screen | fits 60 && ok "no line wider than 60" || fail "no line wider than 60"
tmux resize-window -t "$S" -x 12 -y 3
wait_for "enlarge" "a tiny window says to enlarge it"
tmux resize-window -t "$S" -x 1 -y 1
tmux resize-window -t "$S" -x 100 -y 30
wait_for "resized to 100x30" "survives 1x1 and restores the full layout"

tmux send-keys -t "$S" q
wait_for "EXIT=0" "q on the overview quits with exit code 0"
wait_for "TTY=icanon echo" "the terminal is back in canonical, echoing mode"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
