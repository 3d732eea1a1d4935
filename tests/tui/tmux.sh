# Helpers for driving the real program in a real terminal (tmux), after lib.sh.
# Each test has its own tmux server (-L socket), killed at the end.
TMUX_PROG=${TMUX_PROG:-$(command -v tmux || true)}
if [ -z "$TMUX_PROG" ]; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
TM_SOCK="wangge-test-$$-$(date +%s)"
trap '"$TMUX_PROG" -L "$TM_SOCK" kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"' EXIT

# The server reads this when it starts: the status line is off before the
# first program runs, so no program starts on 23 rows and is resized to 24.
printf 'set-option -g status off\n' >"$TEST_TMP/tmux.conf"
tm() {
	"$TMUX_PROG" -L "$TM_SOCK" -f "$TEST_TMP/tmux.conf" "$@"
}

# tui_start CMD [COLUMNS ROWS]: run CMD in a new terminal of that size (80x24
# unless given). Give the size here rather than resizing after: a program
# that drew first would have drawn at the old size. When it ends, the pane shows
# "EXIT=<status>" and the terminal modes that matter (icanon echo isig, or
# -icanon ... when the program left the terminal raw), and stays open.
# Sessions are numbered; the previous one is closed only after the new one
# runs, so the server never shuts down under a starting session.
TM_N=0
TM_S=s0
# With WANGGE_TEST_TERM set (make check-terms), the program runs with that
# TERM, as on that terminal (a test that names its own TERM still does).
tui_start() {
	tui_previous_ended
	TM_N=$((TM_N + 1))
	if [ -n "${WANGGE_TEST_TERM:-}" ]; then
		printf 'TERM=%s; export TERM\n' "$WANGGE_TEST_TERM" >"$TEST_TMP/cmd$TM_N"
	else
		: >"$TEST_TMP/cmd$TM_N"
	fi
	printf '%s\n' "$1" >>"$TEST_TMP/cmd$TM_N"
	tm new-session -d -s "s$TM_N" -x "${2:-80}" -y "${3:-24}" "sh $TEST_TMP/cmd$TM_N; echo EXIT=\$?;"\
" stty -a | tr ' ;' '\n\n' | grep -Ex -- '-?(icanon|echo|isig)' | tr '\n' ' '; echo; sleep 600"
	[ "$TM_N" -gt 1 ] && tm kill-session -t "$TM_S" >/dev/null 2>&1
	TM_S=s$TM_N
}

# tui_previous_ended: the program of the running session, if any, has ended
# before another starts: a second program on its workspace would find it in
# use (the first may still be closing after F10 or q). A program that was not
# told to quit within 10 s is ended here (its pane's command is replaced; the
# session stays, so the server does not shut down).
tui_previous_ended() {
	[ "$TM_N" -gt 0 ] || return 0
	_i=0
	while [ "$_i" -lt 100 ]; do
		case $(screen_text) in *EXIT=*) return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# the previous program was still running after 10 s: it is ended" >&2
	tm respawn-pane -k -t "$TM_S" "sleep 600"
}

screen_text() {
	tm capture-pane -p -t "$TM_S"
}

# wait_for TEXT [SECONDS]: poll the screen (never a fixed sleep) until TEXT shows
# (30 s by default: generous for sanitizer builds on a busy machine; a pass
# returns as soon as the text is there).
wait_for() {
	_want=$1
	_limit=$(( ${2:-30} * 10 ))
	_i=0
	while [ "$_i" -lt "$_limit" ]; do
		screen=$(screen_text)
		case $screen in *"$_want"*) return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# settle [SECONDS]: poll until two captures a tenth of a second apart agree
# (a screen can be caught half redrawn: its title new, its rows still the
# last screen's), and leave the screen in $screen.
settle() {
	_limit=$(( ${1:-10} * 10 ))
	_i=0
	screen=$(screen_text)
	while [ "$_i" -lt "$_limit" ]; do
		sleep 0.1
		_next=$(screen_text)
		[ "$_next" = "$screen" ] && return 0
		screen=$_next
		_i=$((_i + 1))
	done
	return 1
}

# expect_screen TEXT DESCRIPTION [SECONDS]
expect_screen() {
	if wait_for "$1" "${3:-30}"; then
		ok "$2"
	else
		not_ok "$2"
		diag "waited for: $1" "screen:" "$screen"
	fi
}

# gone_from_screen TEXT DESCRIPTION: TEXT disappears within the timeout.
gone_from_screen() {
	_i=0
	while [ "$_i" -lt 300 ]; do
		screen=$(screen_text)
		case $screen in *"$1"*) ;; *) ok "$2"; return ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	not_ok "$2"
	diag "still there: $1" "$screen"
}

keys() {
	tm send-keys -t "$TM_S" "$@"
}

# type_text TEXT: literal UTF-8 input, as an input method would send it.
type_text() {
	tm send-keys -t "$TM_S" -l "$1"
}

# The terminal is as the shell needs it after the program ended.
expect_sane_terminal() {
	if wait_for "EXIT=" 10 && wait_for "isig" 5; then
		line=$(printf '%s\n' "$screen" | grep -E '(^| )-?icanon' | tail -n 1)
		case $line in
		*-icanon* | *-echo* | *-isig*) not_ok "$1"; diag "terminal modes: $line" ;;
		*) ok "$1" ;;
		esac
	else
		not_ok "$1"
		diag "$screen"
	fi
	alt=$(tm display-message -p -t "$TM_S" '#{alternate_on}')
	if [ "$alt" = 0 ]; then ok "left the alternate screen"; else not_ok "left the alternate screen"; fi
}

# Display column at which NEEDLE starts on each screen line that has it.
columns_of() {
	printf '%s\n' "$screen" | python3 -c '
import sys, unicodedata
needle = sys.argv[1]
for line in sys.stdin.read().split("\n"):
    i = line.find(needle)
    if i >= 0:
        print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i]))
' "$1" | sort -u
}

# mouse_protocol: how the program's terminal reports clicks, from its
# terminal database entry (kmous), as ncurses asks the terminal for them:
# "sgr" (xterm: ESC [ < b;x;y M), "x10" (ESC [ M b x y: linux, screen, tmux),
# or nothing when the terminal has no mouse (vt100): ncurses then asks for no
# reports, and every action has its key.
mouse_protocol() {
	_term=${WANGGE_TEST_TERM:-$(tm show-options -gv default-terminal)}
	case $(tput -T "$_term" kmous 2>/dev/null | od -An -c | tr -d ' \n') in
	033\[\<) echo sgr ;;
	033\[M) echo x10 ;;
	esac
}

# click X Y: a left click at column X, row Y (from 0), press then release, in
# the protocol of the program's terminal (mouse_protocol).
click() {
	_seq=$(python3 -c 'import sys
x, y, sgr = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "sgr"
if sgr:
    sys.stdout.write("\x1b[<0;%d;%dM\x1b[<0;%d;%dm" % (x + 1, y + 1, x + 1, y + 1))
else:
    sys.stdout.write("\x1b[M" + chr(32) + chr(33 + x) + chr(33 + y) + "\x1b[M" + chr(35) + chr(33 + x) + chr(33 + y))' "$1" "$2" "$(mouse_protocol)")
	tm send-keys -t "$TM_S" -l "$_seq"
}
